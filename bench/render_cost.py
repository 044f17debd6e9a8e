"""Cold render cost of the reader pages: server milliseconds and SQL queries per request.

Runs against the demo database (``make demo``) in process with Django's test client, as an
anonymous reader, so it measures what the server spends on a cache miss of a page cache: no
network, no page cache in front (``BAOSHE_PAGE_CACHE=0`` unless set). Each page is requested
once to warm the process (templates, URL resolver, memoised site chrome), then ``--repeat``
times; the median is printed.

    .venv/bin/python bench/render_cost.py
    .venv/bin/python bench/render_cost.py --repeat 200 --queries   # also list the SQL
    .venv/bin/python bench/render_cost.py --no-fragment-cache      # articles' parts re-rendered
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--queries", action="store_true", help="print each page's SQL")
    parser.add_argument(
        "--no-fragment-cache",
        action="store_true",
        help="empty Django's cache before each request (article parts rendered every time)",
    )
    parser.add_argument("paths", nargs="*", help="paths to time instead of the default set")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baoshe.settings.local")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("BAOSHE_PAGE_CACHE", "0")  # measure the render, not the page cache
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from baoshe.newsroom.models import Article, ColumnPage

    paths = args.paths
    if not paths:
        article = Article.objects.filter(live=True).order_by("-first_published_at", "-pk").first()
        column = ColumnPage.objects.live().filter(depth=3).first()
        paths = [article.url, "/", column.url, "/epaper/"]

    client = Client()
    print(f"{'page':44} {'median ms':>10} {'min ms':>8} {'queries':>8}")
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        times = []
        for _ in range(args.repeat):
            if args.no_fragment_cache:
                cache.clear()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
            times.append((time.perf_counter() - started) * 1000)
        print(
            f"{path[:44]:44} {statistics.median(times):10.2f} {min(times):8.2f} "
            f"{len(queries.captured_queries):8d}"
        )
        if args.queries:
            for query in queries.captured_queries:
                print("    ", query["sql"][:220])
        reset_queries()


if __name__ == "__main__":
    main()
