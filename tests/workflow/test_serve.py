"""``baoshe serve`` starts the site, the task worker and the scheduler, and stops them cleanly."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
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
        "WHERE task_path = 'baoshe.workflow.tasks.run_due_task' AND status = 'SUCCESSFUL'"
    )
    if sqlite_path:
        with sqlite3.connect(sqlite_path) as db:
            return db.execute(query).fetchone()[0]
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path="baoshe.workflow.tasks.run_due_task", status="SUCCESSFUL"
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


@pytest.mark.django_db
def test_serve_runs_site_worker_and_scheduler_and_stops_on_sigterm(tmp_path):
    url, sqlite_path = database_url(tmp_path)
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "baoshe.settings.test",
        "BAOSHE_TEST_DATABASE_URL": url,
        "BAOSHE_DATA_DIR": str(tmp_path / "var"),
        "PORT": str(port),
    }
    (tmp_path / "var").mkdir()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "baoshe",
            "serve",
            "--workers",
            "1",
            "--threads",
            "2",
            "--scheduler-interval",
            "1",
            "--no-access-log",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # so a failed test can stop the whole family
    )
    try:
        assert wait_for(lambda: get(f"http://127.0.0.1:{port}/") == 200, 30), "site never answered"
        # The scheduler enqueued run_due_task and the real database worker ran it.
        assert wait_for(lambda: successful_run_due(sqlite_path) >= 1, 30), "worker ran nothing"
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    assert process.returncode == 0, output
    for name in ("web", "worker", "scheduler"):
        assert f"已启动 {name}" in output
    assert "收到 SIGTERM" in output and "已全部停止" in output
    assert get(f"http://127.0.0.1:{port}/") is None  # gunicorn is gone too


@pytest.mark.django_db
def test_serve_without_worker_runs_due_work_in_the_scheduler(tmp_path):
    url, _ = database_url(tmp_path)
    port = free_port()
    (tmp_path / "var").mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "baoshe.settings.test",
        "BAOSHE_TEST_DATABASE_URL": url,
        "BAOSHE_DATA_DIR": str(tmp_path / "var"),
    }
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
            "--no-worker",
            "--no-access-log",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # so a failed test can stop the whole family
    )
    try:
        assert wait_for(lambda: get(f"http://127.0.0.1:{port}/") == 200, 30)
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    assert process.returncode == 0, output
    assert "已启动 worker" not in output
    assert "已启动 scheduler（无 worker，直接执行到期工作）" in output
