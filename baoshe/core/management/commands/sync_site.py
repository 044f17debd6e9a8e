from django.core.management.base import BaseCommand

from baoshe.core.address import site_address, sync_default_site


class Command(BaseCommand):
    help = "让 Wagtail 的默认站点记录（主机名、端口）跟随 BAOSHE_BASE_URL。"

    def handle(self, *args, **options):
        hostname, port = site_address()
        if sync_default_site():
            self.stdout.write(f"默认站点已改为 {hostname}:{port}。")
        else:
            self.stdout.write(f"默认站点已是 {hostname}:{port}（或尚无默认站点）。")
