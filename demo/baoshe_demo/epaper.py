"""Demo 数字报 of 示例日报, loaded by ``baoshe load-demo`` after the newsroom's demo.

Two issues (yesterday: 4 pages, today: 8 pages, Asia/Shanghai dates) are generated with
``pdfgen`` from the newsroom's demo stories, so linking finds their web versions, and then
go through the same ``import_issue`` as ``baoshe epaper import``. Idempotent: an issue that
already exists for its date is left alone. Takes about 10 s on two cores.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time

from django.utils import timezone

from baoshe.epaper.conf import epaper_tmp_dir
from baoshe.epaper.importer import import_issue
from baoshe.epaper.models import Issue, Publication

from .newsroom import story
from .pdfgen import ArticleSpec, ImageSpec, generate_issue, write_issue

#: The issues print the newsroom's demo stories; as before, they are imported once the
#: 三审三校 workflow and its users are in place.
AFTER = ("newsroom", "workflow")

# (days before today, 期号, pages, generator seed, web stories printed first)
ISSUES = [
    (1, 5120, 4, 11, ["yaowen-02", "minsheng-02", "yaowen-05", "jingji-02", "tiyu-01"]),
    (
        0,
        5121,
        8,
        7,
        [
            "yaowen-01",
            "jingji-01",
            "minsheng-01",
            "bendi-01",
            "jiangbei-01",
            "wenhua-01",
            "jiaoyu-01",
            "pinglun-01",
        ],
    ),
]


def article_spec(key: str) -> ArticleSpec:
    """A newsroom demo story as the layout desk would print it."""
    printed = story(key)
    caption = printed.picture_caption
    return ArticleSpec(
        title=printed.title,
        kicker=printed.kicker,
        subtitle=printed.subtitle,
        byline=printed.authors,
        paragraphs=list(printed.paragraphs),
        image=ImageSpec(caption=caption, seed=len(key)) if caption is not None else None,
        key=key,
    )


def load(stdout, style=None) -> None:
    def say(message):
        if stdout is not None:
            stdout.write(message)

    publication, _ = Publication.objects.get_or_create(slug="shili", defaults={"name": "示例日报"})
    today = timezone.localdate()
    for days_ago, number, n_pages, seed, keys in ISSUES:
        day = today - dt.timedelta(days=days_ago)
        if Issue.objects.filter(publication=publication, date=day).exists():
            continue
        started = time.monotonic()
        generated = generate_issue(
            seed, n_pages, articles=[article_spec(k) for k in keys], date=day, issue_no=number
        )
        with tempfile.TemporaryDirectory(prefix="demo-", dir=epaper_tmp_dir()) as folder:
            write_issue(folder, issue=generated)
            result = import_issue(folder, publication, day, publish=True, number=number)
        say(
            f"数字报 {day:%Y-%m-%d}：{result.pages} 版，稿件 {result.articles} 篇，"
            f"关联网络版 {result.linked} 篇（{time.monotonic() - started:.1f} 秒）"
        )
