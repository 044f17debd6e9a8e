from django.conf import settings
from django.core.management.base import BaseCommand

from baoshe_demo.newsroom.loader import ensure_admin
from baoshe_demo.registry import app_demos


class Command(BaseCommand):
    help = "Load the demo newspaper 示例日报 (idempotent) and make sure an admin account exists."

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="do not create the admin user")

    def handle(self, *args, no_admin=False, **options):
        for demo in app_demos():
            demo.load(self.stdout, self.style)
        if no_admin:
            return
        username, password, new = ensure_admin(settings.DATA_DIR)
        url = f"{settings.BAOSHE_BASE_URL}/admin/"
        if password:
            self.stdout.write(self.style.SUCCESS(f"后台 {url}  用户名 {username}  密码 {password}"))
        else:
            self.stdout.write(f"后台 {url}  用户名 {username}（密码已由管理员修改）")
