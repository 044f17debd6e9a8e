"""Reader pages at newspaper scale: how fast are lists and articles with N articles in one column?

Creates a throw-away database (SQLite in a temp dir by default, or DATABASE_URL), writes N
synthetic articles into one column with ``gen-articles``, then times the reader pages in
process with Django's test client (server time, no network).

    .venv/bin/python bench/reader_scale.py --articles 300000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/reader_scale.py
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="baoshe-bench-")
    os.environ["BAOSHE_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baoshe.settings.local")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from baoshe.newsroom.models import Article, HomePage
    from tests.factories import make_column

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    column = make_column(HomePage.objects.get(), "本地", "bendi")
    started = time.perf_counter()
    call_command("gen_articles", args.articles, "--column", "bendi")
    fill_seconds = time.perf_counter() - started

    client = Client()
    newest = Article.objects.live().in_site_order().first()
    oldest = Article.objects.live().order_by("first_published_at", "pk").first()
    pages = args.articles // 20
    targets = {
        "home /": "/",
        "column page 1": column.url,
        "column page 100": f"{column.url}?page=100",
        f"column page {pages} (last)": f"{column.url}?page={pages}",
        "newest article": newest.url,
        "oldest article": oldest.url,
        "column RSS": f"{column.url}rss.xml",
        "sitemap index": "/sitemap.xml",
        "sitemap section 1": "/sitemap-articles.xml",
    }
    print(f"database: {django.db.connection.vendor}, articles in one column: {args.articles}")
    print(f"gen-articles: {fill_seconds:.1f} s ({args.articles / fill_seconds:,.0f} articles/s)")
    print(f"{'page':32} {'median ms':>10} {'p95 ms':>8}")
    for name, url in targets.items():
        timings = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{name:32} {statistics.median(timings):10.1f} {p95:8.1f}")


if __name__ == "__main__":
    main()
