from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from baoshe.newsroom.models import ColumnPage
from baoshe.newsroom.synthetic import generate


class Command(BaseCommand):
    help = "Fill the database with N synthetic published articles, for scale work."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="how many articles to write")
        parser.add_argument(
            "--column",
            action="append",
            metavar="SLUG",
            help="column slug to write into (repeatable); default: every column",
        )
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, count, column, batch_size, seed, **options):
        if count < 1:
            raise CommandError("N 必须是正整数。")
        if batch_size < 1:
            raise CommandError("--batch-size 必须是正整数。")
        columns = list(ColumnPage.objects.live().order_by("path"))
        if column:
            columns = [c for c in columns if c.slug in set(column)]
            missing = set(column) - {c.slug for c in columns}
            if missing:
                raise CommandError(f"未知栏目：{'、'.join(sorted(missing))}")
        if not columns:
            raise CommandError("没有可写入的栏目：请先运行 baoshe load-demo 或在后台创建栏目。")
        with tqdm(total=count, unit="篇", desc="生成稿件", disable=None) as progress:
            written = generate(count, columns, batch_size=batch_size, seed=seed, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(f"已写入 {written} 篇稿件，分布于 {len(columns)} 个栏目。")
        )
