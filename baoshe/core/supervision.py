"""Keeping background work honest: worker ids, heartbeats and recovery of interrupted tasks.

django-tasks' database worker marks a task ``RUNNING`` when it claims it and records the
worker's id (``DBTaskResult.worker_ids``), but it keeps no heartbeat: a worker killed with
``kill -9`` (or by the kernel's OOM killer) leaves its task ``RUNNING`` forever, and whatever
the task was doing (an e-paper import's rendered files, its upload, its temp folder) stays
behind. This module closes that gap without patching the library:

* ``baoshe worker`` (what ``baoshe serve`` runs) names itself ``baoshe:<host>:<pid>:<token>``
  (``new_worker_id``) and writes a heartbeat file under ``DATA_DIR/run/heartbeats/`` every few
  seconds (``Heartbeat``); the scheduler writes one too. ``baoshe.core.health`` reads them.
* ``recover_interrupted()`` finds tasks left ``RUNNING`` by a worker that is gone (same host
  and its process no longer exists, or its heartbeat is stale), marks them ``FAILED`` and
  hands each to the handlers its app registered with ``on_interrupted(task_path)``; then it
  runs every app's ``register_sweep`` function (e.g. the e-paper app's stale temp folders).
  The worker runs it when it starts and the scheduler every 30 seconds.

Tasks claimed by workers with other ids (a hand-started ``db_worker`` on another host) are
left alone: without a heartbeat nothing says whether they are still running.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import secrets
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

logger = logging.getLogger(__name__)

HEARTBEAT_INTERVAL = 5.0  # seconds between a worker's heartbeats
WORKER_ID_PREFIX = "baoshe"
WORKER_DIED = "baoshe.core.supervision.WorkerDied"


class WorkerDied(RuntimeError):
    """Recorded as the exception of a task whose worker process went away mid-run."""


def stale_after() -> float:
    """Seconds without a heartbeat after which a worker or the scheduler counts as dead."""
    return float(getattr(settings, "BAOSHE_HEARTBEAT_STALE_SECONDS", 60))


def run_dir() -> Path:
    """``DATA_DIR/run``: heartbeats and the gunicorn control socket of this installation."""
    path = Path(settings.DATA_DIR) / "run"
    path.mkdir(parents=True, exist_ok=True)
    return path


def heartbeat_dir(create: bool = True) -> Path:
    path = Path(settings.DATA_DIR) / "run" / "heartbeats"
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def this_host() -> str:
    return re.sub(r"[^A-Za-z0-9.-]", "-", socket.gethostname())[:32] or "localhost"


# --- worker ids ----------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkerId:
    """What ``new_worker_id`` packs into the id django-tasks stores with each claimed task."""

    host: str
    pid: int
    token: str

    def __str__(self):
        return f"{WORKER_ID_PREFIX}:{self.host}:{self.pid}:{self.token}"

    @classmethod
    def parse(cls, value: str) -> WorkerId | None:
        parts = str(value or "").split(":")
        if len(parts) != 4 or parts[0] != WORKER_ID_PREFIX or not parts[2].isdigit():
            return None
        return cls(host=parts[1], pid=int(parts[2]), token=parts[3])


def new_worker_id(pid: int | None = None) -> str:
    """A worker id (under django-tasks' 64 characters) saying where the worker runs."""
    return str(WorkerId(this_host(), pid or os.getpid(), secrets.token_hex(4)))


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists on this host (a zombie counts as gone)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, belongs to someone else
        return True
    with contextlib.suppress(OSError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        if stat.rsplit(")", 1)[-1].split()[0] == "Z":
            return False
    return True


# --- heartbeats ----------------------------------------------------------------------------


def _file_name(component: str, ident: str | None) -> str:
    suffix = re.sub(r"[^A-Za-z0-9.-]", "_", ident) if ident else ""
    return f"{component}-{suffix}.json" if suffix else f"{component}.json"


class Heartbeat:
    """A JSON file under ``DATA_DIR/run/heartbeats/`` rewritten every ``interval`` seconds by
    a daemon thread (``start``) or by its owner's loop (``beat``); removed on ``stop``."""

    def __init__(
        self, component: str, ident: str | None = None, interval=HEARTBEAT_INTERVAL, **info
    ):
        self.component = component
        self.ident = ident
        self.interval = interval
        self.info = info
        self.started_at = time.time()
        self.path = heartbeat_dir() / _file_name(component, ident)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def beat(self) -> None:
        data = {
            "component": self.component,
            "id": self.ident or "",
            "host": this_host(),
            "pid": os.getpid(),
            "started_at": self.started_at,
            "beat_at": time.time(),
            "interval": self.interval,
            **self.info,
        }
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:  # a full disk must not kill the worker; health will report it
            logger.warning("could not write heartbeat %s", self.path, exc_info=True)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.beat()

    def start(self) -> Heartbeat:
        self.beat()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{self.component}")
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        with contextlib.suppress(OSError):
            self.path.unlink()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def read_heartbeats(component: str | None = None, now: float | None = None) -> list[dict]:
    """Every heartbeat on file (of ``component``), each with its ``age`` in seconds."""
    now = time.time() if now is None else now
    pattern = f"{component}*.json" if component else "*.json"
    beats = []
    for path in heartbeat_dir(create=False).glob(pattern):  # readers never write
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            beat_at = float(data["beat_at"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if component and data.get("component") != component:
            continue
        data["age"] = max(0.0, now - beat_at)
        data["path"] = path
        beats.append(data)
    return sorted(beats, key=lambda d: d["age"])


def heartbeat_age(component: str, ident: str | None = None) -> float | None:
    path = heartbeat_dir(create=False) / _file_name(component, ident)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return max(0.0, time.time() - float(data["beat_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def prune_heartbeats() -> list[str]:
    """Remove heartbeat files of processes that are gone (this host) or silent for a day."""
    removed = []
    for beat in read_heartbeats():
        gone = beat.get("host") == this_host() and not pid_alive(int(beat.get("pid") or 0))
        if gone or beat["age"] > 86400:
            with contextlib.suppress(OSError):
                beat["path"].unlink()
                removed.append(beat["path"].name)
    return removed


# --- recovery of interrupted work ----------------------------------------------------------

InterruptedHandler = Callable[[object], "str | None"]
Sweep = Callable[[], "list[str]"]

_handlers: dict[str, list[InterruptedHandler]] = {}
_sweeps: list[Sweep] = []


def on_interrupted(task_path: str):
    """Register ``handler(db_task_result)`` to clean up after a task of ``task_path`` whose
    worker died; it returns a short note for the log (or None). Apps call this in ready()."""

    def register(handler: InterruptedHandler) -> InterruptedHandler:
        handlers = _handlers.setdefault(task_path, [])
        if handler not in handlers:
            handlers.append(handler)
        return handler

    return register


def register_sweep(sweep: Sweep) -> Sweep:
    """Register ``sweep()``, run after every recovery pass; returns notes of what it cleaned."""
    if sweep not in _sweeps:
        _sweeps.append(sweep)
    return sweep


@dataclass
class RecoverySummary:
    failed_tasks: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def __bool__(self):
        return bool(self.failed_tasks or self.notes or self.errors)

    def __str__(self):
        count = len(self.failed_tasks)
        parts = [
            ngettext(
                "%(count)s interrupted task marked as failed",
                "%(count)s interrupted tasks marked as failed",
                count,
            )
            % {"count": count}
        ]
        parts += self.notes
        parts += [_("Error: %(error)s") % {"error": e} for e in self.errors]
        return pgettext("separator between the items of a list", "; ").join(parts)


def process_started_at(pid: int) -> float | None:
    """When process ``pid`` started (Unix time), from /proc; None where /proc is missing."""
    try:
        ticks = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[19])
        boot = next(
            float(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
    except (OSError, ValueError, IndexError, StopIteration):
        return None
    return boot + ticks / os.sysconf("SC_CLK_TCK")


def worker_is_dead(worker_id: str, claimed_at=None) -> bool:
    """Whether the worker that claimed a task (at ``claimed_at``) is certainly gone.

    On this host: its process no longer exists, or the pid now belongs to a process started
    after the claim (reused); without /proc, a stale heartbeat. On another host: a stale
    heartbeat on a shared data dir. Unknown workers are presumed alive.
    """
    wid = WorkerId.parse(worker_id)
    if wid is None:
        return False
    if wid.host == this_host():
        if not pid_alive(wid.pid):
            return True
        started = process_started_at(wid.pid)
        if started is not None and claimed_at is not None:
            return started > claimed_at.timestamp() + 1
    age = heartbeat_age("worker", worker_id)
    return age is not None and age > stale_after()


def recover_interrupted() -> RecoverySummary:
    """Fail tasks whose worker died, let their apps clean up, then run every sweep."""
    summary = RecoverySummary()
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another task backend
        DBTaskResult = None

    if DBTaskResult is not None:
        now = timezone.now()
        for row in list(DBTaskResult.objects.filter(status="RUNNING")):
            worker_id = row.worker_ids[-1] if row.worker_ids else ""
            if not worker_is_dead(worker_id, row.started_at):
                continue
            # Read like a traceback's last line: the exception, then what happened.
            reason = _(
                "Task worker %(worker)s exited unexpectedly; the task was interrupted and "
                "marked as failed"
            ) % {"worker": worker_id}
            message = f"{WORKER_DIED}: {reason}\n"
            updated = DBTaskResult.objects.filter(pk=row.pk, status="RUNNING").update(
                status="FAILED",
                finished_at=now,
                exception_class_path=WORKER_DIED,
                traceback=message,
                return_value=None,
            )
            if not updated:  # finished meanwhile, or another recovery pass took it
                continue
            summary.failed_tasks.append(f"{row.task_path}#{row.pk}")
            logger.warning(
                "task %s %s interrupted: worker %s died", row.task_path, row.pk, worker_id
            )
            for handler in _handlers.get(row.task_path, []):
                try:
                    note = handler(row)
                except Exception as exc:  # one app's cleanup must not stop the others
                    logger.exception("cleanup after interrupted task %s failed", row.pk)
                    summary.errors.append(f"{row.task_path}#{row.pk}: {exc!r}")
                else:
                    if note:
                        summary.notes.append(note)

    for sweep in list(_sweeps):
        try:
            summary.notes += [n for n in sweep() or [] if n]
        except Exception as exc:
            logger.exception("recovery sweep %s failed", sweep)
            summary.errors.append(f"{getattr(sweep, '__qualname__', sweep)}: {exc!r}")
    prune_heartbeats()
    if summary:
        logger.warning("recovery: %s", summary)
    return summary
