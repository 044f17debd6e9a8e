"""``baoshe serve``: the web server, the task worker and the publishing clock, together.

Wagtail's scheduled publishing needs someone to run ``publish_scheduled`` every minute and
sites forget the cron line. ``make run`` and ``make serve`` start this command instead, which
runs three child processes and supervises them:

* ``gunicorn baoshe.wsgi --bind 127.0.0.1:$PORT --workers 2 --threads 4`` (the site and admin;
  its control socket lives in ``DATA_DIR/run/gunicorn.ctl``, not the shared ``~/.gunicorn``),
* ``baoshe worker`` (django-tasks' database worker with a heartbeat; on start it fails and
  cleans up tasks a dead worker left running, see ``baoshe.core.supervision``),
* ``baoshe scheduler`` (every 30 s enqueues ``run_due_task``: publish due revisions, expire
  ended ones; also writes its heartbeat and recovers interrupted tasks).

A child that dies on its own is restarted after a back-off (1 s, doubling up to 60 s for a
child that keeps dying within a minute of its start), with a log line; the others keep
running, so a crashed worker never takes the site down. Only SIGINT or SIGTERM stop serve:
they are forwarded to the children and the command exits 0 once all have stopped.
"""

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from baoshe.core.supervision import run_dir

BACKOFF_FIRST = 1.0  # seconds before the first restart of a child
BACKOFF_MAX = 60.0
STABLE_AFTER = 60.0  # a child that ran this long starts its back-off afresh when it dies
UNIX_SOCKET_MAX = 107  # bytes in sockaddr_un.sun_path, less the terminating NUL


@dataclass
class Child:
    """One supervised process: how to start it and what became of it."""

    name: str
    argv: list[str]
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    restart_at: float | None = None
    restarts: int = 0
    quick_deaths: int = 0  # consecutive deaths within STABLE_AFTER of a start
    history: list[int] = field(default_factory=list)  # pids, oldest first

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def backoff(self) -> float:
        return min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** max(0, self.quick_deaths - 1))


def describe_exit(returncode: int) -> str:
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = -returncode
        return _("killed by signal %(signal)s") % {"signal": name}
    return _("exit code %(code)s") % {"code": returncode}


def control_socket_args() -> list[str]:
    """Gunicorn's control socket in this installation's data dir (one per instance), or none
    when that path is too long for a Unix socket."""
    path = str(run_dir() / "gunicorn.ctl")
    if len(path.encode()) > UNIX_SOCKET_MAX:
        return ["--no-control-socket"]
    return ["--control-socket", path]


class Command(BaseCommand):
    @property
    def help(self):
        # Translated when asked for: argparse cannot take a lazy string.
        return _(
            "Start the website (gunicorn), the background task worker and the publishing "
            "scheduler, and supervise them; Ctrl-C stops them all."
        )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default=settings.BAOSHE_PORT)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
        parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="no task worker: the scheduler publishes due items itself",
        )
        parser.add_argument("--no-scheduler", action="store_true", help="no publishing clock")
        parser.add_argument(
            "--scheduler-interval", type=float, default=30.0, help="seconds, at most 30"
        )
        parser.add_argument(
            "--stop-timeout", type=float, default=15.0, help="seconds before children are killed"
        )
        parser.add_argument("--no-access-log", action="store_true")

    def children(self, options):
        python = sys.executable
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,
            "PORT": str(options["port"]),
            "PYTHONUNBUFFERED": "1",
        }
        web = [
            python,
            "-m",
            "gunicorn",
            "baoshe.wsgi",
            "--bind",
            f"{options['host']}:{options['port']}",
            "--workers",
            str(options["workers"]),
            "--threads",
            str(options["threads"]),
            *control_socket_args(),
        ]
        if not options["no_access_log"]:
            web += ["--access-logfile", "-"]
        specs = [("web", web)]
        if not options["no_worker"]:
            specs.append(
                ("worker", [python, "-m", "baoshe", "worker", "--interval", "1", "--no-reload"])
            )
        if not options["no_scheduler"]:
            interval = min(float(options["scheduler_interval"]), 30.0)
            scheduler = [python, "-m", "baoshe", "scheduler", "--interval", f"{interval:g}"]
            name = "scheduler"
            if options["no_worker"]:
                scheduler.append("--inline")
                name = _("scheduler (no worker: runs due work itself)")
            specs.append((name, scheduler))
        if settings.REDIS_URL and "baoshe.pagecache" in settings.INSTALLED_APPS:
            # One of several servers: apply the page-cache purges the others broadcast.
            specs.append(("pagecache", [python, "-m", "baoshe", "pagecache", "listen"]))
        return specs, env

    def say(self, message, error=False):
        (self.stderr if error else self.stdout).write(f"[serve] {message}")
        (self.stderr if error else self.stdout).flush()

    def start(self, child: Child, env) -> None:
        child.process = subprocess.Popen(child.argv, env=env, cwd=str(settings.BASE_DIR))
        child.started_at = time.monotonic()
        child.restart_at = None
        child.history.append(child.process.pid)
        if child.restarts:
            self.say(
                _("Restarted %(name)s (pid %(pid)s, restart number %(restarts)s)")
                % {"name": child.name, "pid": child.pid, "restarts": child.restarts}
            )
        else:
            self.say(_("Started %(name)s (pid %(pid)s)") % {"name": child.name, "pid": child.pid})

    def reap(self, child: Child, now: float) -> None:
        """A child exited on its own: note it and schedule its restart after a back-off."""
        returncode = child.process.returncode
        child.quick_deaths = child.quick_deaths + 1 if now - child.started_at < STABLE_AFTER else 1
        delay = child.backoff()
        child.process = None
        child.restart_at = now + delay
        child.restarts += 1
        self.say(
            _(
                "%(name)s exited unexpectedly (%(exit)s); restarting it in %(delay)s seconds, "
                "the other processes keep running"
            )
            % {"name": child.name, "exit": describe_exit(returncode), "delay": f"{delay:g}"},
            error=True,
        )

    def handle(self, *args, **options):
        specs, env = self.children(options)
        stop = {"signal": None}

        def on_signal(signum, frame):
            stop["signal"] = signum

        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)

        children = [Child(name, argv) for name, argv in specs]
        for child in children:
            self.start(child, env)
        base = f"http://{options['host']}:{options['port']}/"
        self.say(
            _("Website %(site)s  Admin %(admin)s  (Ctrl-C to stop)")
            % {"site": base, "admin": base + "admin/"}
        )

        while stop["signal"] is None:
            now = time.monotonic()
            for child in children:
                if stop["signal"] is not None:
                    break
                if child.process is not None and child.process.poll() is not None:
                    self.reap(child, now)
                elif child.process is None and now >= (child.restart_at or now):
                    self.start(child, env)
            time.sleep(0.2)

        self.say(
            _("Received %(signal)s, stopping…") % {"signal": signal.Signals(stop["signal"]).name}
        )
        self.stop_all(children, options["stop_timeout"])
        self.say(_("All stopped"))

    def stop_all(self, children, timeout):
        running = [c for c in children if c.process is not None]
        for child in running:
            if child.process.poll() is None:
                child.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for child in running:
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.say(
                    _("%(name)s did not exit within %(timeout)s seconds; killing it")
                    % {"name": child.name, "timeout": f"{timeout:g}"},
                    error=True,
                )
                child.process.kill()
                child.process.wait()
