"""``baoshe serve`` starts the site, the task worker and the scheduler, and stops them cleanly."""

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(tmp_path):
    """A database the child processes can open: a copy of the migrated in-memory SQLite test
    database, or the PostgreSQL test database itself."""
    connection.ensure_connection()
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "serve.sqlite3"
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}", path
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}", None


def successful_run_due(sqlite_path):
    query = (
        "SELECT count(*) FROM django_tasks_database_dbtaskresult "
        "WHERE task_path = 'baoshe.core.tasks.run_due_task' AND status = 'SUCCESSFUL'"
    )
    if sqlite_path:
        with sqlite3.connect(sqlite_path) as db:
            return db.execute(query).fetchone()[0]
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path="baoshe.core.tasks.run_due_task", status="SUCCESSFUL"
    ).count()


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except OSError:
        return None


def wait_for(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


# transaction=True: on PostgreSQL the children commit to the test database; the flush after
# the test removes what they wrote (``home`` brings the home page back after earlier flushes).
@pytest.mark.django_db(transaction=True)
def test_serve_runs_site_worker_and_scheduler_and_stops_on_sigterm(tmp_path, home):
    url, sqlite_path = database_url(tmp_path)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "baoshe.settings.test",
        "BAOSHE_TEST_DATABASE_URL": url,
        "BAOSHE_DATA_DIR": str(tmp_path / "var"),
    }
    (tmp_path / "var").mkdir()
    with serving(env, "--threads", "2", "--scheduler-interval", "1") as (process, log, port):
        # Bounded waits, generous for a loaded CI machine; they measure nothing.
        site = f"http://127.0.0.1:{port}/"
        assert wait_for(lambda: get(site) == 200, 90), f"site never answered\n{log.text()}"
        # The scheduler enqueued run_due_task and the real database worker ran it.
        assert wait_for(lambda: successful_run_due(sqlite_path) >= 1, 60), (
            f"worker ran nothing\n{log.text()}"
        )
        # Both wrote their heartbeats: the health view reports every component up.
        healthz = f"http://127.0.0.1:{port}/healthz"
        assert wait_for(lambda: get(healthz) == 200, 60), f"health not all up\n{log.text()}"
        # Gunicorn's control socket is this installation's, not the shared ~/.gunicorn one.
        assert (tmp_path / "var" / "run" / "gunicorn.ctl").is_socket()
        stop(process, log)
    output = log.text()
    assert process.returncode == 0, output
    for name in ("web", "worker", "scheduler"):
        assert f"已启动 {name}" in output
    assert "收到 SIGTERM" in output and "已全部停止" in output
    assert get(f"http://127.0.0.1:{port}/") is None  # gunicorn is gone too


@pytest.mark.django_db(transaction=True)
def test_serve_without_worker_runs_due_work_in_the_scheduler(tmp_path, home):
    url, _ = database_url(tmp_path)
    (tmp_path / "var").mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "baoshe.settings.test",
        "BAOSHE_TEST_DATABASE_URL": url,
        "BAOSHE_DATA_DIR": str(tmp_path / "var"),
    }
    with serving(env, "--no-worker") as (process, log, port):
        site = f"http://127.0.0.1:{port}/"
        assert wait_for(lambda: get(site) == 200, 90), f"site never answered\n{log.text()}"
        # No worker heartbeat is needed: the scheduler runs due work itself.
        healthz = f"http://127.0.0.1:{port}/healthz"
        assert wait_for(lambda: get(healthz) == 200, 60), f"health not all up\n{log.text()}"
        stop(process, log, signal.SIGINT)
    output = log.text()
    assert process.returncode == 0, output
    assert "已启动 worker" not in output
    assert "已启动 scheduler（无 worker，直接执行到期工作）" in output


def status(url):
    """The HTTP status of ``url`` (also for 4xx/5xx), or None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


class ChildDb:
    """Raw reads of the database the serve children use (the SQLite copy, or PostgreSQL)."""

    def __init__(self, sqlite_path):
        self.sqlite_path = sqlite_path

    def one(self, sql, *params):
        if self.sqlite_path:
            with sqlite3.connect(self.sqlite_path, timeout=10) as db:
                return db.execute(sql.replace("%s", "?"), params).fetchone()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()


class Output:
    """Collects a child process's output lines in a thread, for assertions while it runs."""

    def __init__(self, process):
        self.lines = []
        self.thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self.thread.start()

    def _read(self, process):
        for line in process.stdout:
            self.lines.append(line)

    def text(self):
        return "".join(self.lines)

    def pids(self, pattern):
        return [int(m) for m in re.findall(pattern, self.text())]


@contextlib.contextmanager
def serving(env, *args, port=None):
    """``baoshe serve`` in a child process group, its output collected; killed if still up."""
    port = port or free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "baoshe",
            "serve",
            "--port",
            str(port),
            "--workers",
            "1",
            "--no-access-log",
            *args,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # so a failed test can stop the whole family
    )
    output = Output(process)
    try:
        yield process, output, port
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # e.g. a dead worker's render child


def stop(process, output, sig=signal.SIGTERM):
    process.send_signal(sig)
    process.wait(timeout=30)
    output.thread.join(timeout=5)


def storage_files(root: Path) -> list[str]:
    return (
        [str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()] if root.exists() else []
    )


@pytest.mark.django_db(transaction=True)
def test_killed_worker_is_restarted_the_site_keeps_serving_and_the_import_is_failed(tmp_path, home):
    """Issue #8, defect 7: ``kill -9`` of the worker mid-import, under ``baoshe serve``."""
    from baoshe.epaper.models import ImportJob, Publication
    from baoshe.epaper.tasks import run_import_job
    from baoshe_demo.pdfgen import write_issue

    var = tmp_path / "var"
    media = var / "media"  # the local settings' MEDIA_ROOT: shared by every child
    upload_dir = "epaper-uploads/0123456789abcdef"
    generated = tmp_path / "generated"
    write_issue(generated, seed=7, n_pages=12, date=dt.date(2026, 3, 2))
    (media / upload_dir).mkdir(parents=True)
    for pdf in generated.glob("*.pdf"):
        shutil.copy(pdf, media / upload_dir / pdf.name)
    paper = Publication.objects.create(slug="shili", name="示例日报")
    job = ImportJob.objects.create(
        publication=paper, date=dt.date(2026, 3, 2), upload_dir=upload_dir
    )
    run_import_job.enqueue(job.pk)
    url, sqlite_path = database_url(tmp_path)
    db = ChildDb(sqlite_path)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "baoshe.settings.local",
        "DATABASE_URL": url,
        "BAOSHE_DATA_DIR": str(var),
        "SECRET_KEY": "serve-test-secret-key-" + "x" * 40,
    }
    with serving(env, "--threads", "2", "--scheduler-interval", "1") as (process, output, port):
        _watch_worker_crash(process, output, port, job, db, media, var)
    assert process.returncode == 0, output.text()
    assert "已全部停止" in output.text()


def _watch_worker_crash(process, output, port, job, db, media, var):
    from baoshe.core.supervision import WorkerId

    root = f"http://127.0.0.1:{port}/"
    site = f"{root}rss.xml"  # a reader URL that needs no collected static files
    job_sql = f"SELECT status, pages_done, messages FROM epaper_importjob WHERE id = {job.pk}"
    task_sql = (
        "SELECT status, worker_ids, exception_class_path FROM django_tasks_database_dbtaskresult "
        "WHERE task_path = 'baoshe.epaper.tasks.run_import_job'"
    )
    assert wait_for(lambda: status(site) == 200, 90), f"site never answered\n{output.text()}"
    assert wait_for(lambda: (db.one(job_sql) or ("", 0))[1] >= 1, 120), (
        f"the import never got going: {db.one(job_sql)}\n{output.text()}"
    )
    task_status, worker_ids, _ = db.one(task_sql)
    assert task_status == "RUNNING"
    worker_ids = json.loads(worker_ids) if isinstance(worker_ids, str) else worker_ids
    dead = WorkerId.parse(worker_ids[-1]).pid
    assert output.pids(r"已启动 worker（pid (\d+)）") == [dead]

    os.kill(dead, signal.SIGKILL)  # mid-import: pages rendered, nothing swapped in

    # The web server keeps serving while the worker is dead and restarting.
    for _ in range(10):
        assert status(site) == 200, output.text()
        time.sleep(0.3)
    assert wait_for(lambda: output.pids(r"已重启 worker（pid (\d+)，第 1 次）"), 60), output.text()
    (fresh,) = output.pids(r"已重启 worker（pid (\d+)，第 1 次）")
    assert fresh != dead
    assert "worker 意外退出（被信号 SIGKILL 终止）" in output.text()

    # The restarted worker failed the interrupted task and job and cleaned up its files.
    assert wait_for(lambda: db.one(job_sql)[0] == "failed", 60), (
        f"job not failed: {db.one(job_sql)}\n{output.text()}"
    )
    messages = db.one(job_sql)[2]
    messages = json.loads(messages) if isinstance(messages, str) else messages
    assert "导入中断" in messages[-1]
    task_status, _, exception = db.one(task_sql)
    assert (task_status, exception) == ("FAILED", "baoshe.core.supervision.WorkerDied")
    assert storage_files(media / "epaper-uploads") == []
    assert storage_files(media / "epaper") == []
    assert list((var / "tmp" / "epaper").glob(f"job-{job.pk}-*")) == []
    assert status(site) == 200
    assert wait_for(lambda: status(f"{root}healthz") == 200, 60), output.text()

    # Any child is restarted the same way; the others keep running.
    (scheduler,) = output.pids(r"已启动 scheduler（pid (\d+)）")
    os.kill(scheduler, signal.SIGKILL)
    assert wait_for(lambda: output.pids(r"已重启 scheduler（pid (\d+)，第 1 次）"), 30)
    assert status(site) == 200 and process.poll() is None
    stop(process, output)


def test_restart_back_off_doubles_for_a_crash_loop_and_is_capped():
    from baoshe.core.management.commands.serve import BACKOFF_MAX, Child, describe_exit

    child = Child("worker", ["true"])
    delays = []
    for deaths in range(1, 10):
        child.quick_deaths = deaths
        delays.append(child.backoff())
    assert delays[:4] == [1, 2, 4, 8] and delays[-1] == BACKOFF_MAX
    assert describe_exit(-9) == "被信号 SIGKILL 终止" and describe_exit(3) == "返回码 3"


def test_gunicorn_control_socket_is_under_the_data_dir(settings, tmp_path):
    from baoshe.core.management.commands.serve import control_socket_args

    settings.DATA_DIR = tmp_path / "var"
    assert control_socket_args() == ["--control-socket", str(tmp_path / "var/run/gunicorn.ctl")]
    settings.DATA_DIR = tmp_path / ("深" * 40)  # too long for a Unix socket path: none at all
    assert control_socket_args() == ["--no-control-socket"]
