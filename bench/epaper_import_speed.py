"""Import speed and memory of a broadsheet issue: 16 pages (< 20 s) and 48 pages (< 60 s).

For each size in ``--pages`` (one number, or several separated by commas) the issue is
generated first (not timed) and written as page files, as the layout system would deliver
them; then a fresh Python process imports it and is measured alone:

* ``--mode pool`` (the default, the original figure): every page goes through
  `check_pdf`, `render_page` and `segment_page` in a process pool (``--workers``, default 2,
  one per core of the reference machine), without database or storage;
* ``--mode import``: end to end, what the admin's import task does: ``import_issue`` with
  its memory-limited render child (``renderproc``), the rendered files written to storage,
  linking, and the one-transaction swap into a throw-away SQLite database (migrated before
  the clock starts).

``cpu_seconds_total`` is the CPU time (user + system) of the measuring process and its
children during the timed part: unlike the wall time it hardly depends on what else the
machine runs. Peak memory: ``ru_maxrss`` of the measuring process (RUSAGE_SELF; in import
mode its peak is reset after Django's setup and the migration, through /proc/self/clear_refs)
and of its largest child (RUSAGE_CHILDREN: a pool worker or the render child). Prints wall
time, per-stage times (pool mode), per-page times (import mode) and the image sizes.

    .venv/bin/python bench/epaper_import_speed.py [--workers 2] [--pages 16] [--json]
    .venv/bin/python bench/epaper_import_speed.py --pages 16,48 --mode import
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from baoshe.epaper.pdfcheck import check_folder, check_pdf  # noqa: E402
from baoshe.epaper.render import render_page  # noqa: E402
from baoshe.epaper.segment import segment_page  # noqa: E402
from baoshe_demo.pdfgen import write_issue  # noqa: E402

#: seconds an import of that many pages may take on the reference machine (2 cores)
TARGETS = {16: 20.0, 48: 60.0}


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


# --- memory -------------------------------------------------------------------------------


def reset_peak_rss() -> bool:
    """Reset this process's peak RSS (VmHWM) so that it measures what follows (Linux)."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def rss_now_mb() -> float:
    """This process's resident memory now (MB), 0 where /proc is missing."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def cpu_seconds_used() -> float:
    """User + system CPU time of this process and its finished children so far: what the
    import costs whatever else the machine is doing (wall time is not)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def peak_rss_mb() -> dict:
    """Peak resident memory (MB) of this process and of its largest finished child."""
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:  # after a reset, VmHWM is the peak since then (ru_maxrss never goes down)
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    self_kb = int(line.split()[1])
    except OSError:
        pass
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"self": round(self_kb / 1024, 1), "largest_child": round(children_kb / 1024, 1)}


# --- the measured process -------------------------------------------------------------------


def measure_pool(folder: str, workers: int) -> dict:
    cpu0 = cpu_seconds_used()
    t0 = time.perf_counter()
    files = [path for _, _, path in check_folder(folder)]
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            rows = list(pool.map(import_page, files))
    else:
        rows = [import_page(f) for f in files]
    wall = time.perf_counter() - t0
    screen = [r["screen_kb"] for r in rows]
    return {
        "pages": len(rows),
        "workers": workers,
        "wall_seconds": round(wall, 2),
        "cpu_seconds_total": round(cpu_seconds_used() - cpu0, 2),
        # per-stage wall time of the workers, summed (CPU time when the machine is idle)
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
        "peak_rss_mb": peak_rss_mb(),
        "_rows": rows,
    }


def measure_import(folder: str) -> dict:
    """``import_issue`` end to end over a throw-away data dir and SQLite database."""
    import datetime as dt

    data_dir = tempfile.mkdtemp(prefix="baoshe-import-bench-")
    os.environ.update(
        BAOSHE_DATA_DIR=data_dir,
        DJANGO_SETTINGS_MODULE="baoshe.settings.local",
        BAOSHE_PROOFREAD_WARM_UP="0",
    )
    import django

    django.setup()
    from django.core.management import call_command

    from baoshe.epaper import conf
    from baoshe.epaper.importer import import_issue
    from baoshe.epaper.models import Publication

    call_command("migrate", verbosity=0)
    publication = Publication.objects.create(slug="shili", name="示例日报")
    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as fh:
        date = dt.date.fromisoformat(json.load(fh)["date"])
    peak_reset = reset_peak_rss()
    rss_before = rss_now_mb()
    stamps = []

    def progress(done: int, total: int, number: str) -> None:
        stamps.append(time.perf_counter())

    cpu0 = cpu_seconds_used()
    t0 = time.perf_counter()
    result = import_issue(folder, publication, date, progress=progress)
    wall = time.perf_counter() - t0
    cpu = cpu_seconds_used() - cpu0
    per_page = [b - a for a, b in zip([t0, *stamps], stamps, strict=False)]
    issue = result.issue
    screen_kb = [page.image_screen.size / 1024 for page in issue.pages.all() if page.image_screen]
    return {
        "pages": result.pages,
        "mode": "import",
        "wall_seconds": round(wall, 2),
        "cpu_seconds_total": round(cpu, 2),
        "page_seconds": {
            "max": round(max(per_page), 2),
            "mean": round(statistics.mean(per_page), 2),
        },
        "after_last_page_seconds": round(wall - (stamps[-1] - t0), 2),
        "screen_kb_mean": round(statistics.mean(screen_kb), 1),
        "articles": result.articles,
        "pages_needing_review": len(result.review_pages),
        "render_memory_limit_mb": conf.render_memory_mb(),
        "peak_rss_mb": {
            **peak_rss_mb(),
            "self_before_import": rss_before,
            "self_reset_after_setup": peak_reset,
        },
    }


# --- the driver ---------------------------------------------------------------------------


def page_counts(value: str) -> list[int]:
    try:
        counts = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("--pages takes numbers separated by commas") from None
    if not counts or any(n < 1 for n in counts):
        raise argparse.ArgumentTypeError("--pages takes numbers of at least 1")
    return counts


def run_size(args, n_pages: int) -> dict:
    """Generate an issue of ``n_pages`` (untimed), then import it in a fresh process."""
    with tempfile.TemporaryDirectory(prefix="baoshe-issue-") as tmp:
        t0 = time.perf_counter()
        write_issue(tmp, seed=args.seed, n_pages=n_pages)
        gen = time.perf_counter() - t0
        command = [
            sys.executable,
            os.path.abspath(__file__),
            "--measure",
            tmp,
            "--mode",
            args.mode,
            "--workers",
            str(args.workers),
        ]
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
        if done.returncode:
            sys.stderr.write(done.stderr)
            raise SystemExit(f"the import of {n_pages} pages failed ({done.returncode})")
        result = json.loads(done.stdout.strip().splitlines()[-1])
    result["generate_seconds_untimed"] = round(gen, 2)
    target = TARGETS.get(n_pages)
    if target is not None:
        result["target_seconds"] = target
        result["within_target"] = result["wall_seconds"] < target
    return result


def print_result(result: dict) -> None:
    for r in result.pop("_rows", []):
        print(
            f"  {r['file']:16s} render {r['render']:.2f}s segment {r['segment']:.2f}s "
            f"screen {r['screen_kb']:.0f} KB, {r['articles']} articles"
        )
    for k, v in result.items():
        print(f"{k:26s} {v}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=2, help="pool mode: processes")
    ap.add_argument("--pages", type=page_counts, default=[16], help="issue sizes, e.g. 16 or 16,48")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--mode", choices=["pool", "import"], default="pool")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--measure", metavar="FOLDER", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.measure:  # the fresh process that imports one generated issue
        if args.mode == "import":
            result = measure_import(args.measure)
        else:
            result = measure_pool(args.measure, args.workers)
        print(json.dumps(result, ensure_ascii=False))
        return

    results = [run_size(args, n) for n in args.pages]
    if args.json:
        rows = [{k: v for k, v in r.items() if k != "_rows"} for r in results]
        print(json.dumps(rows[0] if len(rows) == 1 else rows, ensure_ascii=False, indent=2))
        return
    for n, result in zip(args.pages, results, strict=True):
        if len(results) > 1:
            print(f"== {n} pages ({args.mode})")
        print_result(result)


if __name__ == "__main__":
    main()
