"""``baoshe epaper import PATH --publication SLUG --date YYYY-MM-DD``: import a day's pages.

PATH is a folder of one PDF per page (``A01.pdf``, ``01.pdf``, ``A01-要闻.pdf``) or one
multi-page PDF; a ``manifest.json``/``.csv`` next to it names the pages. Every problem is a
CommandError naming the file, and nothing is written to the database or the media storage.
"""

from __future__ import annotations

import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from baoshe.epaper.importer import import_issue
from baoshe.epaper.models import ISSUE_DATE_ERROR, Publication, issue_date_in_range
from baoshe.epaper.pdfcheck import PdfImportError


def parse_date(value: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise CommandError(f"日期“{value}”无效，应为 YYYY-MM-DD（invalid date）") from exc
    if not issue_date_in_range(day):
        raise CommandError(f"日期“{value}”无效：{ISSUE_DATE_ERROR}（date out of range）")
    return day


def find_publication(slug: str) -> Publication:
    publication = Publication.objects.filter(slug=slug).first()
    if publication is None:
        known = "、".join(Publication.objects.values_list("slug", flat=True)) or "无"
        raise CommandError(f"报纸“{slug}”不存在（unknown publication）；已有：{known}")
    return publication


class Command(BaseCommand):
    help = "数字报：导入某日的版面 PDF（import a day's print PDFs as an e-paper issue）"

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        imp = actions.add_parser("import", help="导入一期（替换同日已有的一期）")
        imp.add_argument("path", help="多页 PDF，或每版一个 PDF 的文件夹")
        imp.add_argument("--publication", required=True, help="报纸标识，如 shili")
        imp.add_argument("--date", required=True, help="出版日期 YYYY-MM-DD")
        imp.add_argument("--manifest", help="版名清单 manifest.json 或 .csv（默认取同目录）")
        imp.add_argument("--number", type=int, help="期号（默认沿用或递增）")
        imp.add_argument("--publish", action="store_true", help="导入后立即发布")

    def handle(self, *args, action=None, **options):
        if action == "import":
            self.import_issue(**options)

    def import_issue(self, path, publication, date, manifest=None, number=None, publish=False, **_):
        day = parse_date(date)
        paper = find_publication(publication)
        bar = None

        def progress(done, total, page_number):
            nonlocal bar
            if bar is None:
                bar = tqdm(total=total, unit="版", desc="渲染与识别", file=sys.stderr)
            bar.set_postfix_str(page_number)
            bar.update(1)

        try:
            result = import_issue(
                path,
                paper,
                day,
                manifest=manifest,
                publish=True if publish else None,
                number=number,
                progress=progress,
            )
        except PdfImportError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            if bar is not None:
                bar.close()
        review = "、".join(result.review_pages) or "无"
        self.stdout.write(
            self.style.SUCCESS(
                f"{paper.name} {day:%Y-%m-%d} 第{result.issue.number}期"
                f"{'（已替换旧版）' if result.replaced else ''}："
                f"{result.pages} 版，识别稿件 {result.articles} 篇，"
                f"关联网络版 {result.linked} 篇，"
                f"需人工复核 {len(result.review_pages)} 版（{review}）"
                f"，{'已发布' if result.issue.published else '未发布'}"
            )
        )
