"""Reader page weight of the demo 数字报 and end-to-end import time of a 16-page issue.

Runs against a throw-away data directory (fresh SQLite + media): migrates, loads the demo
paper (newsroom + e-paper, timed), then measures for every page of today's demo issue the
HTML size of the page view and the size of its screen image (budgets: 60 KB and 400 KB),
and finally imports a generated 16-page issue through the real `baoshe epaper import`
command (target < 20 s).

    .venv/bin/python bench/epaper_page_weight.py [--pages 16] [--json]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=16)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    data_dir = tempfile.mkdtemp(prefix="baoshe-bench-epaper-")
    os.environ["BAOSHE_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baoshe.settings.local")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from baoshe.epaper.models import Issue, Publication
    from baoshe_demo import epaper as demo
    from baoshe_demo.newsroom.loader import DemoLoader
    from baoshe_demo.pdfgen import write_issue

    DemoLoader().load()
    t0 = time.perf_counter()
    demo.load(None)
    demo_seconds = time.perf_counter() - t0

    client = Client()
    issue = Issue.objects.published().order_by("-date").first()
    rows = []
    for page in issue.pages.all():
        html = client.get(page.get_absolute_url()).content
        rows.append(
            {
                "page": page.number,
                "html_kb": round(len(html) / 1024, 1),
                "screen_kb": round(page.image_screen.size / 1024, 1),
                "articles": page.articles.count(),
            }
        )
    index_kb = round(len(client.get("/epaper/").content) / 1024, 1)
    article = issue.pages.first().articles.first()
    article_kb = round(len(client.get(article.get_absolute_url()).content) / 1024, 1)

    with tempfile.TemporaryDirectory() as folder:
        write_issue(folder, seed=7, n_pages=args.pages)
        Publication.objects.get_or_create(slug="bench", defaults={"name": "测试报"})
        t0 = time.perf_counter()
        call_command(
            "epaper",
            "import",
            folder,
            "--publication",
            "bench",
            "--date",
            "2025-06-18",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
        import_seconds = time.perf_counter() - t0

    result = {
        "demo_load_seconds": round(demo_seconds, 2),
        "page_html_kb_max": max(r["html_kb"] for r in rows),
        "page_html_kb_mean": round(sum(r["html_kb"] for r in rows) / len(rows), 1),
        "index_html_kb": index_kb,
        "article_html_kb": article_kb,
        "screen_image_kb_max": max(r["screen_kb"] for r in rows),
        "screen_image_kb_mean": round(sum(r["screen_kb"] for r in rows) / len(rows), 1),
        "import_pages": args.pages,
        "import_seconds": round(import_seconds, 2),
        "pages": rows,
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    for r in rows:
        print(
            f"{r['page']}: HTML {r['html_kb']} KB, screen image {r['screen_kb']} KB, "
            f"{r['articles']} articles"
        )
    print(
        f"page view HTML: max {result['page_html_kb_max']} KB (budget 60 KB); "
        f"index {index_kb} KB; article {article_kb} KB"
    )
    print(
        f"screen image: max {result['screen_image_kb_max']} KB, "
        f"mean {result['screen_image_kb_mean']} KB (budget 400 KB)"
    )
    print(f"demo e-paper load: {result['demo_load_seconds']} s (budget 15 s)")
    print(
        f"`baoshe epaper import` of {args.pages} pages: {result['import_seconds']} s (target 20 s)"
    )


if __name__ == "__main__":
    main()
