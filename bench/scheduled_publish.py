"""Scheduled publishing without cron: how long after its go-live time is an article live?

Starts ``baoshe serve`` (web, task worker, scheduler) on a free port over a throw-away SQLite
database, saves an article with an approved go-live time ``--lead`` seconds ahead (what 三审
does when it signs off with a time), then polls the public URL until it answers 200.

    .venv/bin/python bench/scheduled_publish.py [--lead 60] [--runs 1]
"""

import argparse
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status(url: str) -> int:
    try:
        return urllib.request.urlopen(url, timeout=5).status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lead", type=int, default=60, help="seconds until go-live")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()

    port = free_port()
    os.environ.update(
        BAOSHE_DATA_DIR=tempfile.mkdtemp(prefix="baoshe-sched-"),
        PORT=str(port),
        DJANGO_SETTINGS_MODULE="baoshe.settings.local",
        BAOSHE_PROOFREAD_WARM_UP="0",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.rich_text import RichText

    from baoshe.newsroom.models import Article
    from baoshe_demo.newsroom.loader import ensure_home
    from tests.factories import make_column

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    column = make_column(ensure_home(), "本地", "bendi")
    server = subprocess.Popen(
        [sys.executable, "-m", "baoshe", "serve"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        while status(base + "/") != 200:
            time.sleep(0.5)
        delays = []
        for run in range(args.runs):
            go_live = timezone.now() + dt.timedelta(seconds=args.lead)
            article = Article(
                title=f"定时发布测量稿件{run}",
                column=column,
                body=[("paragraph", RichText("<p>定时发布。</p>"))],
                live=False,
                go_live_at=go_live,
            )
            article.save()
            article.save_revision(approved_go_live_at=go_live)
            url = f"{base}{column.url}{article.pk}.html"
            while status(url) != 200:
                if timezone.now() - go_live > dt.timedelta(seconds=180):
                    raise SystemExit(f"not published 180 s after go-live: {url}")
                time.sleep(1)
            delays.append((timezone.now() - go_live).total_seconds())
            print(f"run {run + 1}: live {delays[-1]:.0f} s after its go-live time")
        print(f"worst {max(delays):.0f} s, best {min(delays):.0f} s (target: within 60 s)")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
