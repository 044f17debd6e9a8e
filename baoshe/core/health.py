"""``/healthz``: is the site whole? For monitoring (a load balancer, uptime checks, `curl`).

JSON with one entry per component and HTTP 200 when every one is up, 503 otherwise:

* ``web``: this answer was served;
* ``database``: ``SELECT 1`` answered, with its time in milliseconds;
* ``worker``: the freshest task-worker heartbeat (``baoshe worker``) and its age in seconds.
  Not required when the scheduler runs due work itself (``baoshe serve --no-worker``);
* ``scheduler``: the scheduler's heartbeat and its age;
* ``tasks``: how many tasks are queued (ready) and running.

Heartbeats are files under ``DATA_DIR/run/heartbeats/`` (``baoshe.core.supervision``), so
this view answers for the machine it runs on. It reads a few small files and runs two tiny
queries; it names no host, path, version or setting, and is never cached.
"""

from __future__ import annotations

import time

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .supervision import read_heartbeats, stale_after


def _database_down() -> dict:
    return {"ok": False, "error": _("The database cannot be reached")}


def _database() -> dict:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return _database_down()
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}


def _heartbeat(component: str, limit) -> tuple[dict, dict | None]:
    """The freshest heartbeat of ``component``: up when younger than ``limit(beat)`` seconds."""
    beats = read_heartbeats(component)
    if not beats:
        return {"ok": False, "error": _("No heartbeat")}, None
    freshest = beats[0]
    result = {"ok": freshest["age"] <= limit(freshest), "age": round(freshest["age"], 1)}
    if component == "worker":
        result["alive"] = sum(1 for beat in beats if beat["age"] <= limit(beat))
    if not result["ok"]:
        result["error"] = _("Heartbeat too old")
    return result, freshest


def _tasks() -> dict:
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another task backend
        return {"ok": True}
    try:
        ready = DBTaskResult.objects.filter(status="READY").count()
        running = DBTaskResult.objects.filter(status="RUNNING").count()
    except DatabaseError:
        return {"ok": False, "error": _("The task queue cannot be read")}
    return {"ok": True, "ready": ready, "running": running}


def checks() -> dict:
    threshold = stale_after()
    # A slow clock (--interval 30) may be quiet for up to three of its rounds.
    scheduler, beat = _heartbeat(
        "scheduler", lambda b: max(threshold, 3 * float(b.get("interval") or 0))
    )
    worker, _worker_beat = _heartbeat("worker", lambda b: threshold)
    if not worker["ok"] and scheduler["ok"] and beat.get("inline"):
        worker = {"ok": True, "disabled": True}  # serve --no-worker: the scheduler does it
    database = _database()
    return {
        "web": {"ok": True},
        "database": database,
        "worker": worker,
        "scheduler": scheduler,
        "tasks": _tasks() if database["ok"] else _database_down(),
    }


@never_cache
@require_safe
def health(request):
    result = checks()
    ok = all(component["ok"] for component in result.values())
    return JsonResponse(
        {"status": "ok" if ok else "fail", "checks": result},
        status=200 if ok else 503,
        json_dumps_params={"ensure_ascii": False},
    )
