"""Synthetic articles for scale work (``baoshe gen-articles N``).

Rows are written with ``bulk_create`` in batches, bypassing revisions: a scale test needs a
million published rows in minutes, not the editorial history of each. Texts are stitched from
a small phrase bank so lists, feeds and search have realistic Chinese to chew on.
"""

from __future__ import annotations

import datetime as dt
import json
import random

from django.db import connection, transaction
from django.utils import timezone

from .models import Article, ColumnPage

PLACES = ["江北区", "南湖区", "西山县", "示江两岸", "高新区", "老城区", "东湖街道", "滨江新区"]
SUBJECTS = [
    "公交线路",
    "社区食堂",
    "口袋公园",
    "老旧小区",
    "夜间集市",
    "智慧停车",
    "图书驿站",
    "农贸市场",
    "校园午餐",
    "急救站点",
]
ACTIONS = [
    "完成升级改造",
    "正式投入使用",
    "迎来首批市民",
    "启动第二期建设",
    "试行延时服务",
    "通过验收",
    "新增便民设施",
]
SURNAMES = "王李张刘陈杨赵黄周吴"
GIVEN_NAMES = "明华婷强磊静雪晨"
DETAILS = [
    "据介绍，项目总投资约{n}万元，预计惠及周边居民{m}万人。",
    "记者在现场看到，不少市民前来体验，秩序井然。",
    "相关负责人表示，下一步将根据群众意见持续优化服务。",
    "截至目前，已累计收集市民建议{n}条，办结率超过九成。",
    "该项目由市、区两级财政共同投入，计划年内全面完工。",
    "附近居民李女士说：“以前办事要跑好几趟，现在方便多了。”",
    "今年以来，全市共推进同类民生项目{m}个，完成投资{n}万元。",
]


def synthetic_title(rng: random.Random) -> str:
    return f"{rng.choice(PLACES)}{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}"


def synthetic_body(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(3, 6)):
        sentences = "".join(
            rng.choice(DETAILS).format(n=rng.randint(50, 9000), m=rng.randint(2, 60))
            for _ in range(rng.randint(2, 4))
        )
        paragraphs.append({"type": "paragraph", "value": f"<p>{sentences}</p>", "id": None})
    return json.dumps(paragraphs, ensure_ascii=False)


#: Distinct bodies drawn per run: building, validating and serialising a StreamField body per
#: row cost more than the insert itself, and a scale test needs many rows, not many texts.
BODY_POOL = 997


def generate(
    count: int, columns: list[ColumnPage], batch_size: int = 2000, seed: int = 0, progress=None
) -> int:
    """Write ``count`` published articles into ``columns``; returns the number written.

    Rows go straight to ``INSERT … VALUES`` in batches (one transaction each), every column
    prepared the way the model field would prepare it, without building a model instance per
    row: a million rows in minutes on SQLite and PostgreSQL.
    """
    rng = random.Random(seed)
    now = timezone.now()
    writer = _RowWriter(rng)
    written = 0
    batch: list[list] = []
    for index in range(count):
        # Roughly 300 articles a day, newest first, the rate of a busy city daily's site: a
        # million span nine years, so month sitemaps and deep pages are exercised.
        published = now - dt.timedelta(seconds=index * 288 + rng.randint(0, 200))
        batch.append(writer.row(columns[index % len(columns)], published))
        if len(batch) >= batch_size:
            written += writer.flush(batch, progress)
    if batch:
        written += writer.flush(batch, progress)
    refresh_statistics()
    return written


class _RowWriter:
    """Rows of the article table as database parameters, with the model's defaults."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.fields = [f for f in Article._meta.concrete_fields if not f.primary_key]
        self.defaults = {
            f.attname: f.get_db_prep_save(f.get_default(), connection) for f in self.fields
        }
        body_field = Article._meta.get_field("body")
        self.bodies = [
            body_field.get_db_prep_save(body_field.to_python(synthetic_body(rng)), connection)
            for _ in range(BODY_POOL)
        ]
        table = connection.ops.quote_name(Article._meta.db_table)
        names = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        self.insert = (
            f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(self.fields))})"
        )

    def row(self, column: ColumnPage, published: dt.datetime) -> list:
        rng = self.rng
        title = synthetic_title(rng)
        when = connection.ops.adapt_datetimefield_value(published)
        values = dict(self.defaults)
        values.update(
            title=title,
            column_id=column.pk,
            summary=f"{title}。" + DETAILS[rng.randrange(len(DETAILS))].format(n=120, m=3),
            body=self.bodies[rng.randrange(BODY_POOL)],
            authors=f"本报记者 {rng.choice(SURNAMES)}{rng.choice(GIVEN_NAMES)}",
            editor="值班编辑",
            live=True,
            has_unpublished_changes=False,
            first_published_at=when,
            last_published_at=when,
        )
        return [values[f.attname] for f in self.fields]

    def flush(self, batch: list[list], progress) -> int:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(self.insert, batch)
        size = len(batch)
        if progress is not None:
            progress.update(size)
        batch.clear()
        return size


def refresh_statistics() -> None:
    """Bring the planner up to date after a bulk load, as autovacuum would some time later.

    Straight after writing 300,000 rows PostgreSQL has no statistics and no visibility map,
    so index-only scans visit the heap and column pages take 300-600 ms instead of 50 ms.
    VACUUM cannot run inside a transaction (tests); ANALYZE alone still fixes the plans.
    """
    table = Article._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute(f"VACUUM (ANALYZE) {table}")
        else:
            cursor.execute(f"ANALYZE {table}")
