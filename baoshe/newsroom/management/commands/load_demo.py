from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand

from baoshe.newsroom.demo.loader import DemoLoader, ensure_admin

# Each app that has demo data exposes ``load(stdout)`` in its ``demo`` module; they run
# after the newsroom's own demo, in this order (the e-paper prints the newsroom's stories).
APP_DEMOS = ["baoshe.workflow.demo", "baoshe.epaper.demo"]


class Command(BaseCommand):
    help = "Load the demo newspaper 示例日报 (idempotent) and make sure an admin account exists."

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="do not create the admin user")

    def handle(self, *args, no_admin=False, **options):
        created = DemoLoader(stdout=self.stdout).load()
        summary = "，".join(f"{name} +{count}" for name, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"示例日报已就绪（新建：{summary}）"))
        for module_name in APP_DEMOS:
            import_module(module_name).load(self.stdout)
        if no_admin:
            return
        username, password, new = ensure_admin(settings.DATA_DIR)
        url = f"{settings.BAOSHE_BASE_URL}/admin/"
        if password:
            self.stdout.write(self.style.SUCCESS(f"后台 {url}  用户名 {username}  密码 {password}"))
        else:
            self.stdout.write(f"后台 {url}  用户名 {username}（密码已由管理员修改）")
