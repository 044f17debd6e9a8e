"""Reader pages at newspaper scale: lists, articles, feeds and sitemaps with N articles.

Creates a throw-away database (SQLite in a temp dir by default, or DATABASE_URL), builds a
paper of four leaf columns and a parent column with two sub-columns, writes N synthetic
articles over all seven with ``gen-articles`` (about 300 a day, so a million span nine
years), then times each page in process with Django's test client (server time, no network):
home, a leaf column's first and last page, the parent column's first and last page, an
article, feeds, the sitemap index, a month sitemap, the news sitemap and the admin's 稿件
list (signed in).

    .venv/bin/python bench/reader_scale.py --articles 1000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_scale \\
        .venv/bin/python bench/reader_scale.py --articles 1000000
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

LEAVES = [("要闻", "yaowen"), ("本地", "bendi"), ("经济", "jingji"), ("体育", "tiyu")]
PARENT = ("社会", "shehui")
SUBS = [("民生", "minsheng"), ("法治", "fazhi")]


def last_page_url(column_url, column_ids):
    """The keyset address of a column's oldest page: before the 21st-oldest article."""
    from baoshe.newsroom.models import Article, ListingCursor

    row = (
        Article.objects.filter(live=True, column_id__in=column_ids)
        .order_by("first_published_at", "pk")
        .values_list("first_published_at", "pk")[20:21]
        .get()
    )
    return f"{column_url}?before={ListingCursor(*row)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--reuse",
        metavar="DATA_DIR",
        help="time again on the paper an earlier run built (its BAOSHE_DATA_DIR, printed first)",
    )
    args = parser.parse_args()

    data_dir = args.reuse or tempfile.mkdtemp(prefix="baoshe-bench-")
    print(f"data dir: {data_dir}", flush=True)
    os.environ["BAOSHE_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baoshe.settings.local")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from baoshe.newsroom.models import Article, ColumnPage, HomePage
    from tests.factories import make_column

    if args.reuse:
        leaves = [ColumnPage.objects.get(slug=slug) for _, slug in LEAVES]
        parent = ColumnPage.objects.get(slug=PARENT[1])
        subs = [ColumnPage.objects.get(slug=slug) for _, slug in SUBS]
        args.articles = Article.objects.count()
        fill_seconds = None
    else:
        call_command("migrate", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
        home = HomePage.objects.get()
        leaves = [make_column(home, title, slug) for title, slug in LEAVES]
        parent = make_column(home, *PARENT)
        subs = [make_column(parent, title, slug) for title, slug in SUBS]
        started = time.perf_counter()
        call_command("gen_articles", args.articles)
        fill_seconds = time.perf_counter() - started

    leaf = leaves[1]
    parent_ids = [parent.pk, *(sub.pk for sub in subs)]
    newest = Article.objects.live().in_site_order().first()
    middle = Article.objects.live().in_site_order()[args.articles // 2]
    month = timezone.localtime(middle.first_published_at)
    admin = get_user_model().objects.filter(username="bench").first()
    admin = admin or get_user_model().objects.create_superuser("bench", "bench@example.com", "b")
    admin_client = Client()
    admin_client.force_login(admin)
    admin_list = reverse(Article.snippet_viewset.get_url_name("list"))

    client = Client()
    targets = {
        "home /": (client, "/"),
        "leaf column, first page": (client, leaf.url),
        "leaf column, last page": (client, last_page_url(leaf.url, [leaf.pk])),
        "leaf column, ?page=50": (client, f"{leaf.url}?page=50"),
        "parent column, first page": (client, parent.url),
        "parent column, last page": (client, last_page_url(parent.url, parent_ids)),
        "article": (client, newest.url),
        "site feed": (client, "/rss.xml"),
        "parent column feed": (client, f"{parent.url}rss.xml"),
        "sitemap index": (client, "/sitemap.xml"),
        f"month sitemap {month:%Y-%m}": (client, f"/sitemap-{month:%Y-%m}.xml"),
        "news sitemap (48 h)": (client, "/sitemap-news.xml"),
        "admin article list": (admin_client, admin_list),
        "admin article list, search": (admin_client, f"{admin_list}?q=公交"),
    }
    leaf_count = Article.objects.filter(column=leaf).count()
    parent_count = Article.objects.filter(column_id__in=parent_ids).count()
    print(
        f"database: {connection.vendor}, articles: {args.articles} "
        f"(leaf column {leaf_count}, parent column {parent_count} over itself and 2 sub-columns)"
    )
    if fill_seconds:
        rate = args.articles / fill_seconds
        print(f"gen-articles: {fill_seconds:.1f} s ({rate:,.0f} articles/s)")
    # Wall time is what a reader waits for; on a shared machine it also counts time spent
    # waiting for a core. The process's CPU time leaves that out (and, on PostgreSQL, the
    # database server's own work).
    print(f"| {'page':32} | {'median ms':>9} | {'p95 ms':>7} | {'p95 CPU ms':>10} |")
    print(f"|{'-' * 34}|{'-' * 10}:|{'-' * 8}:|{'-' * 11}:|")
    for name, (who, url) in targets.items():
        assert who.get(url).status_code == 200, url  # warm per-process caches
        timings, cpu = [], []
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            response = who.get(url)
            timings.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        cpu.sort()
        at = max(int(len(timings) * 0.95) - 1, 0)
        print(
            f"| {name:32} | {statistics.median(timings):9.1f} | {timings[at]:7.1f} "
            f"| {cpu[at]:10.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
