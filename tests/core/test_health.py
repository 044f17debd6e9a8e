"""``/healthz`` reports web, database, worker, scheduler and the task queue for monitoring."""

import json
import time

import pytest
from django_tasks_db.models import DBTaskResult

from baoshe.core.supervision import Heartbeat, new_worker_id
from baoshe.core.tasks import run_due_task

URL = "/healthz"


@pytest.fixture(autouse=True)
def data_dir(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "var"
    return settings.DATA_DIR


def age(beat: Heartbeat, seconds: float) -> None:
    """Make ``beat``'s last heartbeat ``seconds`` old."""
    data = json.loads(beat.path.read_text())
    data["beat_at"] = time.time() - seconds
    beat.path.write_text(json.dumps(data))


@pytest.fixture
def worker():
    beat = Heartbeat("worker", new_worker_id())
    beat.beat()
    return beat


@pytest.fixture
def scheduler():
    beat = Heartbeat("scheduler", interval=30, inline=False)
    beat.beat()
    return beat


def test_all_up_answers_200_with_every_component(client, worker, scheduler):
    # (On PostgreSQL, rows committed by the serve tests' children may be around: clear them.)
    DBTaskResult.objects.all().delete()
    run_due_task.enqueue()
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    checks = body["checks"]
    assert set(checks) == {"web", "database", "worker", "scheduler", "tasks"}
    assert all(c["ok"] for c in checks.values())
    assert checks["database"]["ms"] >= 0
    assert checks["worker"]["alive"] == 1 and checks["worker"]["age"] < 10
    assert checks["scheduler"]["age"] < 10
    assert checks["tasks"] == {"ok": True, "ready": 1, "running": 0}
    # No secrets, paths or host names in a public answer.
    text = response.content.decode()
    assert "/" not in text.replace("\\/", "") and worker.ident not in text


def test_stale_worker_heartbeat_answers_503(client, worker, scheduler):
    age(worker, 600)
    response = client.get(URL)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["worker"] == {"ok": False, "age": 600.0, "alive": 0, "error": "心跳超时"}
    assert body["checks"]["scheduler"]["ok"] and body["checks"]["database"]["ok"]


def test_no_worker_at_all_answers_503(client, scheduler):
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {"ok": False, "error": "没有心跳"}


def test_stale_scheduler_answers_503_but_a_slow_clock_is_allowed_three_rounds(
    client, worker, scheduler
):
    age(scheduler, 80)  # 30 s rounds: 80 s is under three rounds
    assert client.get(URL).status_code == 200
    age(scheduler, 100)
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json()["checks"]["scheduler"]["error"] == "心跳超时"


def test_serve_without_worker_needs_no_worker_heartbeat(client):
    Heartbeat("scheduler", interval=30, inline=True).beat()
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json()["checks"]["worker"] == {"ok": True, "disabled": True}


def test_a_worker_that_stopped_cleanly_leaves_no_heartbeat(client, scheduler):
    beat = Heartbeat("worker", new_worker_id(), interval=0.05).start()
    assert client.get(URL).status_code == 200
    beat.stop()
    assert client.get(URL).status_code == 503


def test_only_get_and_head(client, worker, scheduler):
    assert client.head(URL).status_code == 200
    assert client.post(URL).status_code == 405


def test_nothing_ever_started_answers_503_and_writes_nothing(client, data_dir):
    response = client.get(URL)
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["worker"]["error"] == checks["scheduler"]["error"] == "没有心跳"
    assert checks["database"]["ok"] and checks["web"]["ok"]
    assert not (data_dir / "run").exists()  # a read-only data dir would answer the same
