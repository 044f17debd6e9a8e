"""Reader pages at the speed of static files (issue 12): baoshe's serving stacks side by side.

One run measures, with wrk, at 16 and 64 connections:

* **nginx static**: nginx serving the very bytes baoshe serves (fetched from baoshe, written
  into a temp folder) as plain files: the ceiling;
* **prod cached**: ``baoshe serve-prod`` (nginx in front, answering page-cache hits from
  files) on the article, home and column pages; target >= 0.8 x nginx static, p99 < 10 ms at
  64 connections, and no error in a longer run (``--zero-duration``, default 60 s);
* **embedded cached**: ``baoshe serve`` (what ``make run`` runs: gunicorn, 2 workers x 4
  threads, cache hits answered by the WSGI layer); target >= 20 x stock Wagtail;
* **cold render**: the article with ``BAOSHE_PAGE_CACHE=0``; target >= 5 x stock Wagtail;
* **stock Wagtail**: a project from ``wagtail start`` (Wagtail's own template, DEBUG off)
  with a rich-text page of ~20 KB of generated Chinese text, served by gunicorn with the
  same workers and threads as the embedded mode;
* **publish-to-live** under load (on the prod stack): 20 edits and 20 new articles published
  through ``revision.publish()`` (the admin's code path) in a separate process, each timed
  until the article, its column page, home, the feed and the sitemap show it (p95 target
  1 s), then a 撤稿 (two-stage withdrawal) timed until the article answers 410 and it is gone
  from the others.

Everything runs in a fresh temp data dir (``baoshe migrate``, ``collectstatic``,
``load-demo``); ./var is never touched. The baoshe article and the Wagtail page carry the same
generated text.

    .venv/bin/python bench/serve.py [--duration 10] [--zero-duration 60] [--quick]

Needs wrk and nginx (``apt-get install wrk nginx``). wrk runs on the same machine and takes
CPU from the servers; all stacks pay that the same way.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
HOST = "127.0.0.1"
BASE_URL = "http://127.0.0.1:8000"  # fixed, so that every stack serves the same bytes
TARGET_TEXT_BYTES = 20_000
WAGTAIL_WORKERS, WAGTAIL_THREADS = 2, 4  # baoshe serve's defaults (make run)


# --- small helpers ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str, headers=None, timeout=10.0) -> tuple[int, bytes, dict]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    except OSError:
        return 0, b"", {}
    finally:
        conn.close()


def wait_ready(port: int, path: str = "/", timeout: float = 90.0, process=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode} before answering")
        if fetch(port, path, timeout=5)[0] == 200:
            return
        time.sleep(0.3)
    raise SystemExit(f"nothing answered 200 on {HOST}:{port}{path} within {timeout:g} s")


def session_cpu(sid: int) -> float:
    """CPU seconds used so far by the live processes of session ``sid``."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) == sid:  # state ppid pgrp session … utime(11) stime(12)
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def settle(server: Server, longest: float) -> None:
    """Let a freshly started stack finish booting (gunicorn's other workers import Django,
    the worker and scheduler run their start-up checks) before it is measured: until its
    processes use less than a tenth of a core for three seconds in a row, or ``longest``."""
    deadline = time.monotonic() + longest
    quiet, before = 0, session_cpu(server.process.pid)
    while quiet < 3 and time.monotonic() < deadline:
        time.sleep(1)
        now = session_cpu(server.process.pid)
        quiet = quiet + 1 if now - before < 0.1 else 0
        before = now


def run(argv, env=None, cwd=ROOT, quiet=True) -> None:
    result = subprocess.run(
        argv, env=env, cwd=cwd, capture_output=quiet, text=True, check=False, timeout=1800
    )
    if result.returncode:
        sys.stderr.write((result.stdout or "") + (result.stderr or ""))
        raise SystemExit(f"failed: {' '.join(map(str, argv))}")


class Server:
    """A child process started in its own session, stopped with SIGTERM (then SIGKILL)."""

    def __init__(self, name, argv, env, log: Path, cwd=ROOT):
        self.name = name
        self.log = log
        with open(log, "ab") as out:
            self.process = subprocess.Popen(
                argv, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )

    def stop(self, timeout=30.0) -> None:
        if self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


# --- wrk -----------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class Load:
    rps: float = 0.0
    p50: float = 0.0
    p90: float = 0.0
    p99: float = 0.0
    requests: int = 0
    errors: int = 0  # socket errors (connect, read, write, timeout) + non-2xx/3xx responses
    seconds: float = 0.0

    @classmethod
    def parse(cls, text: str) -> Load:
        load = cls()
        for pct, attr in (("50", "p50"), ("90", "p90"), ("99", "p99")):
            match = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
            if match:
                setattr(load, attr, float(match.group(1)) * UNITS[match.group(2)])
        match = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", text)
        if match:
            load.requests = int(match.group(1))
            load.seconds = float(match.group(2)) * UNITS[match.group(3)] / 1000
        match = re.search(r"Requests/sec:\s+([\d.]+)", text)
        if match:
            load.rps = float(match.group(1))
        match = re.search(
            r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
        )
        if match:
            load.errors += sum(int(n) for n in match.groups())
        match = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
        if match:
            load.errors += int(match.group(1))
        return load


def wrk_argv(url, connections, duration, threads, script=None) -> list[str]:
    argv = ["wrk", f"-t{min(threads, connections)}", f"-c{connections}", f"-d{duration}s"]
    argv += ["--latency", "--timeout", "5s"]
    if script:
        argv += ["-s", str(script)]
    return [*argv, url]


def wrk(url, connections, duration, threads, script=None) -> Load:
    result = subprocess.run(
        wrk_argv(url, connections, duration, threads, script),
        capture_output=True,
        text=True,
        timeout=duration + 60,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"wrk failed: {result.stderr}")
    return Load.parse(result.stdout)


MIXED_LUA = """-- cycle through the reader pages
paths = {%s}
i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


# --- the bench's own Django process (baoshe settings, same data dir) -----------------------


def agent_main() -> None:
    """``bench/serve.py --agent``: a long-lived process that edits, publishes and withdraws
    through the ORM with baoshe's settings, answering one JSON line per command."""
    import django

    django.setup()
    import random

    from django.contrib.auth import get_user_model
    from wagtail.rich_text import RichText

    from baoshe.newsroom.models import Article, ColumnPage
    from baoshe.workflow.models.requests import Withdrawal

    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    rng = random.Random(12)

    def column():
        for candidate in ColumnPage.objects.live().order_by("path"):
            if Article.objects.filter(column=candidate, live=True).exists():
                return candidate.specific
        raise SystemExit("no column with live articles in the demo")

    def publish(article):
        revision = article.save_revision(user=admin)
        t0 = time.time()
        revision.publish(user=admin)
        return t0, time.time()

    def new_article(col, title, paragraphs):
        article = Article(
            title=title,
            column=col,
            body=[("paragraph", RichText(p)) for p in paragraphs],
            live=False,
        )
        article.save()
        return article

    for line in sys.stdin:
        command = json.loads(line)
        verb = command["verb"]
        if verb == "setup":
            col = column()
            article = new_article(col, command["title"], command["paragraphs"])
            publish(article)
            article.refresh_from_db()
            answer = {"pk": article.pk, "url": article.get_url(), "column": col.get_url()}
        elif verb == "edit":
            article = Article.objects.get(pk=command["pk"])
            article.title = command["title"]
            t0, t1 = publish(article)
            answer = {"t0": t0, "t1": t1}
        elif verb == "new":
            col = Article.objects.get(pk=command["pk"]).column
            article = new_article(col, command["title"], [f"<p>{command['title']}</p>"])
            t0, t1 = publish(article)
            answer = {"pk": article.pk, "url": article.get_url(), "t0": t0, "t1": t1}
        elif verb == "withdraw":
            article = Article.objects.get(pk=command["pk"])
            request = Withdrawal.request(article, admin, "bench: withdrawal")
            t0 = time.time()
            request.review(admin, True)  # 二审
            request.review(admin, True)  # 三审: approved, unpublished
            answer = {"t0": t0, "t1": time.time()}
        elif verb == "text":
            from baoshe.newsroom.synthetic import synthetic_body

            paragraphs, size = [], 0
            while size < command["bytes"]:
                for block in json.loads(synthetic_body(rng)):
                    paragraphs.append(block["value"])
                    size += len(block["value"].encode())
            answer = {"paragraphs": paragraphs}
        else:
            answer = {"error": f"unknown verb {verb}"}
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()


class Agent:
    def __init__(self, env, log: Path):
        self.process = subprocess.Popen(
            [PYTHON, str(Path(__file__).resolve()), "--agent"],
            env=env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=open(log, "ab"),  # noqa: SIM115 (lives as long as the agent)
            text=True,
        )

    def ask(self, verb, **kwargs) -> dict:
        self.process.stdin.write(json.dumps({"verb": verb, **kwargs}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"the ORM agent died (verb {verb}); see its log")
        answer = json.loads(line)
        if "error" in answer:
            raise SystemExit(answer["error"])
        return answer

    def close(self):
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        self.process.wait(timeout=30)


# --- stock Wagtail -------------------------------------------------------------------------

WAGTAIL_MODELS = """from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
"""
WAGTAIL_TEMPLATE = """{% extends "base.html" %}
{% load wagtailcore_tags %}
{% block content %}<article><h1>{{ page.title }}</h1>{{ page.body|richtext }}</article>
{% endblock content %}
"""
WAGTAIL_PAGE = """
import json, sys
from home.models import HomePage
spec = json.load(open(sys.argv[-1], encoding="utf-8"))
root = HomePage.objects.first()
page = root.add_child(instance=HomePage(title=spec["title"], slug="bench", body=spec["body"]))
page.save_revision().publish()
print(page.url)
"""


def setup_wagtail(folder: Path, title: str, paragraphs: list[str]) -> tuple[Path, dict]:
    """A project from ``wagtail start`` with a rich-text page; (project dir, env)."""
    wagtail = Path(PYTHON).parent / "wagtail"
    project = folder / "wagtailsite"
    project.mkdir()
    run([str(wagtail), "start", "benchsite", str(project)])
    (project / "home" / "models.py").write_text(WAGTAIL_MODELS, encoding="utf-8")
    (project / "home" / "templates" / "home" / "home_page.html").write_text(
        WAGTAIL_TEMPLATE, encoding="utf-8"
    )
    # production-ish: the template's production settings (DEBUG off) plus what they need
    (project / "benchsite" / "settings" / "local.py").write_text(
        f"SECRET_KEY = {secrets.token_urlsafe(40)!r}\nALLOWED_HOSTS = ['127.0.0.1', 'localhost']\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchsite.settings.production",
        "PYTHONPATH": str(project),
    }
    env.pop("BAOSHE_DATA_DIR", None)
    manage = [PYTHON, "manage.py"]
    run([*manage, "makemigrations", "home"], env=env, cwd=project)
    run([*manage, "migrate", "--noinput"], env=env, cwd=project)
    run([*manage, "collectstatic", "--noinput"], env=env, cwd=project)
    spec = folder / "wagtail-page.json"
    spec.write_text(
        json.dumps({"title": title, "body": "".join(paragraphs)}, ensure_ascii=False),
        encoding="utf-8",
    )
    script = folder / "wagtail-page.py"
    script.write_text(WAGTAIL_PAGE, encoding="utf-8")
    run(
        [
            *manage,
            "shell",
            "-c",
            f"import sys; sys.argv.append({str(spec)!r}); exec(open({str(script)!r}).read())",
        ],
        env=env,
        cwd=project,
    )
    return project, env


# --- nginx serving the same bytes ----------------------------------------------------------

NGINX_STATIC = """{user}
daemon off;
worker_processes auto;
pid {folder}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 4096; }}
http {{
    include {mime};
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_requests 100000;
    open_file_cache off;
    client_body_temp_path {folder}/tmp;
    proxy_temp_path {folder}/tmp;
    fastcgi_temp_path {folder}/tmp;
    uwsgi_temp_path {folder}/tmp;
    scgi_temp_path {folder}/tmp;
    server {{
        listen {host}:{port} reuseport backlog=4096;
        root {root};
        index index.html;
        gzip_static on;
    }}
}}
"""


def static_file(root: Path, path: str) -> Path:
    target = root / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


def nginx_user_line() -> str:
    if os.geteuid() != 0:
        return ""
    import pwd

    return f"user {pwd.getpwuid(os.geteuid()).pw_name};"


# --- the run -------------------------------------------------------------------------------


@dataclass
class Row:
    stack: str
    page: str
    connections: int
    load: Load
    size: int = 0
    note: str = ""


@dataclass
class Bench:
    args: argparse.Namespace
    tmp: Path
    env: dict
    rows: list[Row] = field(default_factory=list)
    pages: dict = field(default_factory=dict)  # name -> path
    bodies: dict = field(default_factory=dict)  # name -> bytes served by baoshe
    notes: list[str] = field(default_factory=list)

    @property
    def threads(self) -> int:
        return max(1, min(os.cpu_count() or 1, 4))

    def measure(self, stack, port, names, connections=None, duration=None) -> None:
        for conns in connections or self.args.connections:
            for name in names:
                path = self.pages[name]
                load = wrk(
                    f"http://{HOST}:{port}{path}",
                    conns,
                    duration or self.args.duration,
                    self.threads,
                )
                size = len(fetch(port, path)[1])
                self.rows.append(Row(stack, name, conns, load, size))
                print(
                    f"  {stack:16} {name:8} c={conns:<3} {load.rps:10.0f} req/s  "
                    f"p50 {load.p50:7.2f} ms  p99 {load.p99:7.2f} ms  errors {load.errors}",
                    flush=True,
                )

    def server_env(self, port, **extra) -> dict:
        return {**self.env, "PORT": str(port), **extra}

    def warm(self, port) -> None:
        for _ in range(3):
            for path in self.pages.values():
                status = fetch(port, path)[0]
                if status != 200:
                    raise SystemExit(f"{path} answered {status} on port {port}")

    def cache_files(self) -> list[str]:
        root = Path(self.env["BAOSHE_DATA_DIR"]) / "pagecache" / HOST
        return [name for name, path in self.pages.items() if static_file(root, path).is_file()]


def machine_info() -> list[str]:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, IndexError, ValueError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.0f} GiB RAM"

    def version(argv, pattern=r"([\d.]+\d)"):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(argv, capture_output=True, text=True, timeout=10)
            match = re.search(pattern, out.stdout + out.stderr)
            return match.group(1) if match else "?"
        return "missing"

    import django
    import gunicorn
    import wagtail

    wrk_version = version(["wrk", "-v"], r"wrk (\S+)")
    return [
        f"date      {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}",
        f"machine   {os.cpu_count()} cores, {model or platform.processor()}, {memory}, "
        f"{platform.platform()}",
        f"load avg  {' '.join(f'{x:.2f}' for x in os.getloadavg())} (at start)",
        f"versions  Python {platform.python_version()}, Django {django.get_version()}, "
        f"Wagtail {wagtail.__version__}, gunicorn {gunicorn.__version__}, "
        f"SQLite {sqlite3.sqlite_version}, nginx {version(['nginx', '-v'])}, "
        f"wrk {wrk_version}",
    ]


def need_tools() -> None:
    missing = [tool for tool in ("wrk", "nginx") if not shutil.which(tool)]
    if missing:
        raise SystemExit(
            f"missing: {', '.join(missing)}. Install with: sudo apt-get install {' '.join(missing)}"
        )


def setup_data(bench: Bench) -> None:
    baoshe = [PYTHON, "-m", "baoshe"]
    print("setting up a fresh data dir (migrate, collectstatic, load-demo)…", flush=True)
    run([*baoshe, "migrate", "--noinput"], env=bench.env)
    run([*baoshe, "collectstatic", "--noinput"], env=bench.env)
    run([*baoshe, "load-demo"], env=bench.env)


def find_sitemap(port: int, url: str) -> str:
    """The path of the sitemap (listed in the index /sitemap.xml) that lists ``url``."""
    from urllib.parse import urlsplit

    index = fetch(port, "/sitemap.xml")[1].decode("utf-8", "replace")
    for loc in re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", index):
        parts = urlsplit(loc)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if url.encode() in fetch(port, path)[1]:
            return path
    raise SystemExit(f"no sitemap listed in /sitemap.xml lists {url}")


def publish_to_live(bench: Bench, port: int, agent: Agent, article: dict) -> list[str]:
    """Edits and new articles under load, each polled until every surface shows it; then
    the withdrawal. Returns report lines."""
    sitemap = find_sitemap(port, article["url"])
    surfaces = {
        "article": article["url"],
        "column": article["column"],
        "home": "/",
        "feed": "/rss.xml",
        "sitemap": sitemap,
    }
    timeout = 30.0

    def poll(checks: dict, t0: float) -> dict:
        """checks: surface -> (path, predicate(status, body)); seconds after t0 per surface,
        each surface polled by a thread of its own (so a slow one delays no other)."""
        import threading

        seen = {}

        def watch(name, path, ok):
            while time.time() - t0 <= timeout:
                status, body, _ = fetch(port, path)
                if ok(status, body):
                    seen[name] = time.time() - t0
                    return
                time.sleep(0.005)
            seen[name] = float("inf")

        threads = [
            threading.Thread(target=watch, args=(name, path, ok))
            for name, (path, ok) in checks.items()
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return {name: seen[name] for name in checks}

    # a news sitemap carries titles: then it shows an edit too; a plain one only its date
    titled = article["title"].encode() in fetch(port, sitemap)[1]
    lines = [f"sitemap polled: {sitemap} ({'with' if titled else 'without'} titles)"]
    runs = bench.args.publishes
    token = secrets.token_hex(3)

    durations = []

    def report(label, results):
        lines.append(f"{label} ({len(results)} runs), seconds from publish() until visible:")
        for name in surfaces:
            values = sorted(r[name] for r in results if name in r)
            if not values:
                continue
            p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
            lines.append(
                f"  {name:8} median {statistics.median(values):6.3f}  p95 {p95:6.3f}  "
                f"max {values[-1]:6.3f}"
            )
        every = sorted(max(r.values()) for r in results)
        p95 = every[min(len(every) - 1, int(round(0.95 * (len(every) - 1))))]
        lines.append(f"  all of them p95 {p95:.3f} s (target 1 s)")
        if durations:
            lines.append(
                f"  publish() itself (in the times above): median "
                f"{statistics.median(durations):.3f} s, max {max(durations):.3f} s"
            )
        durations.clear()

    edits = []
    for n in range(runs):
        marker = f"BenchEdit{token}N{n:02d}"
        answer = agent.ask("edit", pk=article["pk"], title=marker)
        durations.append(answer["t1"] - answer["t0"])
        has = marker.encode()
        checks = {
            "article": (surfaces["article"], lambda s, b, has=has: s == 200 and has in b),
            "column": (surfaces["column"], lambda s, b, has=has: has in b),
            "home": ("/", lambda s, b, has=has: has in b),
            "feed": ("/rss.xml", lambda s, b, has=has: has in b),
        }
        if titled:
            checks["sitemap"] = (sitemap, lambda s, b, has=has: has in b)
        edits.append(poll(checks, answer["t0"]))
    report(
        "edit + publish of a live article"
        + ("" if titled else " (the sitemap lists no titles: not polled)"),
        edits,
    )

    news, last = [], None
    for n in range(runs):
        marker = f"BenchNew{token}N{n:02d}"
        answer = agent.ask("new", pk=article["pk"], title=marker)
        durations.append(answer["t1"] - answer["t0"])
        has, url = marker.encode(), answer["url"]
        url_bytes = url.encode()
        last = answer
        news.append(
            poll(
                {
                    "article": (url, lambda s, b, has=has: s == 200 and has in b),
                    "column": (surfaces["column"], lambda s, b, has=has: has in b),
                    "home": ("/", lambda s, b, has=has: has in b),
                    "feed": ("/rss.xml", lambda s, b, has=has: has in b),
                    "sitemap": (
                        sitemap,
                        lambda s, b, u=url_bytes: u in b,
                    ),
                },
                answer["t0"],
            )
        )
    report("new article published", news)

    marker = f"BenchNew{token}N{runs - 1:02d}".encode()
    url = last["url"]
    url_bytes = url.encode()
    answer = agent.ask("withdraw", pk=last["pk"])
    gone = poll(
        {
            "article": (url, lambda s, b: s == 410),
            "column": (surfaces["column"], lambda s, b: marker not in b),
            "home": ("/", lambda s, b: marker not in b),
            "feed": ("/rss.xml", lambda s, b: marker not in b),
            "sitemap": (sitemap, lambda s, b, u=url_bytes: u not in b),
        },
        answer["t0"],
    )
    lines.append(
        "withdrawal (approved at the third review) until 410 / gone: "
        + ", ".join(f"{name} {gone[name]:.3f} s" for name in gone)
        + f"; all {max(gone.values()):.3f} s"
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--zero-duration", type=int, default=60, help="the zero-error run")
    parser.add_argument("--connections", default="16,64")
    parser.add_argument("--publishes", type=int, default=20)
    parser.add_argument(
        "--settle", type=float, default=90.0, help="at most this long for a stack to go quiet"
    )
    parser.add_argument("--quick", action="store_true", help="smoke run: 2 s runs, 3 publishes")
    parser.add_argument("--skip-wagtail", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    parser.add_argument("--agent", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.agent:
        agent_main()
        return
    if args.quick:
        args.duration, args.zero_duration, args.publishes, args.settle = 2, 4, 3, 20.0
    args.connections = [int(c) for c in str(args.connections).split(",")]
    need_tools()

    print("\n".join(machine_info()), flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="baoshe-bench-serve-"))
    tmp.chmod(0o755)  # nginx's workers read the files in it
    data = tmp / "data"
    data.mkdir()
    env = {
        **os.environ,
        "BAOSHE_DATA_DIR": str(data),
        "BAOSHE_BASE_URL": BASE_URL,
        "DJANGO_SETTINGS_MODULE": "baoshe.settings.local",
        "BAOSHE_PROOFREAD_WARM_UP": "0",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("BAOSHE_PAGE_CACHE", None)
    bench = Bench(args, tmp, env)
    agent = None
    try:
        setup_data(bench)
        agent = Agent(env, tmp / "agent.log")
        text = agent.ask("text", bytes=TARGET_TEXT_BYTES)["paragraphs"]
        title = "Bench article"
        article = agent.ask("setup", title=title, paragraphs=text)
        article["title"] = title
        # load-demo and the bench article leave tasks (reference index, search) queued: done
        # now, they would take CPU from the first measurements
        run(
            [PYTHON, "-m", "baoshe", "worker", "--batch", "--no-reload", "--no-startup-delay"],
            env=env,
        )
        bench.pages = {"article": article["url"], "home": "/", "column": article["column"]}
        print(f"pages: {bench.pages}; text {sum(len(p.encode()) for p in text)} bytes", flush=True)
        report_lines = run_stacks(bench, agent, article, title, text)
    finally:
        if agent:
            agent.close()
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print_table(bench, report_lines)


def run_stacks(bench: Bench, agent: Agent, article, title, text) -> list[str]:
    args, tmp = bench.args, bench.tmp
    baoshe = [PYTHON, "-m", "baoshe"]

    # 1. embedded (make run's `baoshe serve`): cache hits through the WSGI layer
    port = free_port()
    print("baoshe serve (embedded, cache on)…", flush=True)
    with Server(
        "embedded",
        [*baoshe, "serve", "--port", str(port), "--no-access-log"],
        bench.server_env(port),
        tmp / "embedded.log",
    ) as server:
        wait_ready(port, process=server.process)
        settle(server, args.settle)
        bench.warm(port)
        cached = bench.cache_files()
        if len(cached) < len(bench.pages):
            bench.notes.append(
                f"page cache files missing after warm-up for "
                f"{sorted(set(bench.pages) - set(cached))}: those figures are renders"
            )
        for name, path in bench.pages.items():
            bench.bodies[name] = fetch(port, path)[1]
        bench.measure("embedded cached", port, bench.pages)

    # 2. cold render of the article, page cache off
    port = free_port()
    print("baoshe serve, BAOSHE_PAGE_CACHE=0 (cold render)…", flush=True)
    with Server(
        "cold",
        [*baoshe, "serve", "--port", str(port), "--no-access-log"],
        bench.server_env(port, BAOSHE_PAGE_CACHE="0"),
        tmp / "cold.log",
    ) as server:
        wait_ready(port, process=server.process)
        settle(server, args.settle)
        bench.warm(port)
        bench.measure("cold render", port, ["article"])

    # 3. nginx serving the same bytes as static files
    port = free_port()
    print("nginx static (same bytes)…", flush=True)
    site = tmp / "static-site"
    for name, path in bench.pages.items():
        target = static_file(site / "root", path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(bench.bodies[name])
        target.with_name(target.name + ".gz").write_bytes(gzip.compress(bench.bodies[name], 6))
    (site / "tmp").mkdir()
    for folder in [site, *site.rglob("*")]:
        folder.chmod(0o755 if folder.is_dir() else 0o644)
    conf = site / "nginx.conf"
    conf.write_text(
        NGINX_STATIC.format(
            user=nginx_user_line(),
            folder=site,
            mime="/etc/nginx/mime.types",
            host=HOST,
            port=port,
            root=site / "root",
        )
    )
    with Server(
        "nginx",
        ["nginx", "-e", "stderr", "-p", f"{site}/", "-c", str(conf)],
        bench.env,
        tmp / "nginx.log",
    ) as server:
        wait_ready(port, process=server.process)
        settle(server, args.settle)
        for name, path in bench.pages.items():
            if fetch(port, path)[1] != bench.bodies[name]:
                raise SystemExit(f"nginx static does not serve baoshe's bytes for {path}")
        bench.measure("nginx static", port, bench.pages)

    # 4. the production stack
    port = free_port()
    print("baoshe serve-prod (nginx + gunicorn)…", flush=True)
    lines = []
    with Server(
        "prod",
        [*baoshe, "serve-prod", "--port", str(port), "--no-access-log"],
        bench.server_env(port),
        tmp / "prod.log",
    ) as server:
        wait_ready(port, process=server.process)
        settle(server, args.settle)
        bench.warm(port)
        for name, path in bench.pages.items():
            if fetch(port, path)[1] != bench.bodies[name]:
                bench.notes.append(f"serve-prod's {name} differs from the embedded bytes")
        bench.measure("prod cached", port, bench.pages)
        paths = ", ".join(json.dumps(p) for p in bench.pages.values())
        script = tmp / "mixed.lua"
        script.write_text(MIXED_LUA % paths)
        load = wrk(f"http://{HOST}:{port}/", 64, args.zero_duration, bench.threads, script)
        bench.rows.append(Row("prod cached", "mixed", 64, load, note=f"{args.zero_duration} s"))
        print(
            f"  zero-error run {args.zero_duration} s, 64 connections, mixed: "
            f"{load.rps:.0f} req/s, p99 {load.p99:.2f} ms, errors {load.errors}",
            flush=True,
        )

        print("publish-to-live under load…", flush=True)
        background = subprocess.Popen(
            wrk_argv(f"http://{HOST}:{port}/", 16, 3600, bench.threads, script),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            lines = publish_to_live(bench, port, agent, article)
        finally:
            background.send_signal(signal.SIGINT)
            out = background.communicate(timeout=30)[0]
        during = Load.parse(out)
        lines.append(
            f"load during publishing (wrk, 16 connections, mixed pages): {during.rps:.0f} req/s, "
            f"p99 {during.p99:.2f} ms, errors {during.errors}"
        )

    # 5. stock Wagtail
    if not args.skip_wagtail:
        print("stock Wagtail (wagtail start)…", flush=True)
        project, wenv = setup_wagtail(tmp, title, text)
        port = free_port()
        argv = [
            PYTHON,
            "-m",
            "gunicorn",
            "benchsite.wsgi",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(WAGTAIL_WORKERS),
            "--threads",
            str(WAGTAIL_THREADS),
        ]
        with Server("wagtail", argv, wenv, tmp / "wagtail.log", cwd=project) as server:
            wait_ready(port, "/bench/", process=server.process)
            settle(server, args.settle)
            for _ in range(3):
                fetch(port, "/bench/")
            bench.pages["wagtail"] = "/bench/"
            bench.measure("stock Wagtail", port, ["wagtail"])
    return lines


def print_table(bench: Bench, lines: list[str]) -> None:
    rows = bench.rows
    print()
    print("| stack | page | conns | req/s | p50 ms | p90 ms | p99 ms | errors | bytes |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        note = f" ({row.note})" if row.note else ""
        print(
            f"| {row.stack}{note} | {row.page} | {row.connections} | {row.load.rps:,.0f} | "
            f"{row.load.p50:.2f} | {row.load.p90:.2f} | {row.load.p99:.2f} | "
            f"{row.load.errors} | {row.size or ''} |"
        )

    def find(stack, page, conns):
        return next(
            (
                r.load
                for r in rows
                if r.stack == stack and r.page == page and r.connections == conns and not r.note
            ),
            None,
        )

    print("\nratios (target):")
    for conns in bench.args.connections:
        for page in ("article", "home", "column"):
            prod, static = find("prod cached", page, conns), find("nginx static", page, conns)
            if prod and static and static.rps:
                print(
                    f"  prod cached / nginx static, {page}, c={conns}: "
                    f"{prod.rps / static.rps:.2f} (>= 0.8)"
                )
        wagtail = find("stock Wagtail", "wagtail", conns)
        embedded, cold = (
            find("embedded cached", "article", conns),
            find("cold render", "article", conns),
        )
        if wagtail and wagtail.rps:
            if embedded:
                print(
                    f"  embedded cached article / stock Wagtail, c={conns}: "
                    f"{embedded.rps / wagtail.rps:.1f} x (>= 20)"
                )
            if cold:
                print(
                    f"  cold render article / stock Wagtail, c={conns}: "
                    f"{cold.rps / wagtail.rps:.1f} x (>= 5)"
                )
    for page in ("article", "home", "column"):
        prod = find("prod cached", page, 64)
        if prod:
            print(f"  prod cached {page} p99 at 64 connections: {prod.p99:.2f} ms (< 10 ms)")
    mixed = next((r for r in rows if r.note), None)
    if mixed:
        print(f"  errors in the {mixed.note} run at 64 connections: {mixed.load.errors} (0)")
    print()
    for line in lines:
        print(line)
    for note in bench.notes:
        print(f"NOTE: {note}")


if __name__ == "__main__":
    main()
