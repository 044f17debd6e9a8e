"""Import speed of a 16-page broadsheet issue: check + render (3 sizes) + segment.

The issue is generated first (not timed) and written as page files, as the layout
system would deliver them; then every page goes through `check_pdf`,
`render_page` and `segment_page`, in a process pool (default 2 workers, one per
core of the reference machine). Prints wall time, per-stage CPU sums and the
screen image sizes.

    .venv/bin/python bench/epaper_import_speed.py [--workers 2] [--pages 16] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from baoshe.epaper.pdfcheck import check_folder, check_pdf  # noqa: E402
from baoshe.epaper.render import render_page  # noqa: E402
from baoshe.epaper.segment import segment_page  # noqa: E402
from baoshe_demo.pdfgen import write_issue  # noqa: E402


def import_page(path: str) -> dict:
    """What the import command does per page file (minus the database writes)."""
    t0 = time.perf_counter()
    info = check_pdf(path)
    t1 = time.perf_counter()
    rendered = render_page(path, 0)
    t2 = time.perf_counter()
    layout = segment_page(path, 0)
    t3 = time.perf_counter()
    return {
        "file": os.path.basename(path),
        "pages": info.page_count,
        "check": t1 - t0,
        "render": t2 - t1,
        "segment": t3 - t2,
        "screen_kb": len(rendered.screen.data) / 1024,
        "large_kb": len(rendered.large.data) / 1024,
        "thumb_kb": len(rendered.thumb.data) / 1024,
        "articles": len(layout.articles),
        "needs_review": layout.needs_review,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--pages", type=int, default=16)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        write_issue(tmp, seed=args.seed, n_pages=args.pages)
        gen = time.perf_counter() - t0
        t0 = time.perf_counter()
        files = [path for _, _, path in check_folder(tmp)]
        if args.workers > 1:
            with ProcessPoolExecutor(args.workers) as pool:
                rows = list(pool.map(import_page, files))
        else:
            rows = [import_page(f) for f in files]
        wall = time.perf_counter() - t0
    screen = [r["screen_kb"] for r in rows]
    result = {
        "pages": len(rows),
        "workers": args.workers,
        "wall_seconds": round(wall, 2),
        "generate_seconds_untimed": round(gen, 2),
        "cpu_seconds": {
            k: round(sum(r[k] for r in rows), 2) for k in ("check", "render", "segment")
        },
        "screen_kb": {
            "max": round(max(screen), 1),
            "mean": round(statistics.mean(screen), 1),
            "min": round(min(screen), 1),
        },
        "large_kb_mean": round(statistics.mean(r["large_kb"] for r in rows), 1),
        "thumb_kb_mean": round(statistics.mean(r["thumb_kb"] for r in rows), 1),
        "articles": sum(r["articles"] for r in rows),
        "pages_needing_review": sum(r["needs_review"] for r in rows),
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for r in rows:
        print(
            f"  {r['file']:16s} render {r['render']:.2f}s segment {r['segment']:.2f}s "
            f"screen {r['screen_kb']:.0f} KB, {r['articles']} articles"
        )
    for k, v in result.items():
        print(f"{k:26s} {v}")


if __name__ == "__main__":
    main()
