"""``baoshe scheduler``: the clock of scheduled publishing, started by ``baoshe serve``.

Every ``--interval`` seconds (30 by default) it enqueues ``run_due_task`` for the task worker,
unless one is still queued or running. With ``--inline`` it runs ``run_due`` itself (no worker
needed); ``--once`` does one round and exits, which is what a cron line would call.

Each round it also writes its heartbeat (``DATA_DIR/run/heartbeats/scheduler.json``, read by
``/healthz``) and, every 30 seconds, runs ``recover_interrupted()``: tasks left running by a
task worker that died are marked failed and cleaned up even if no worker restarts.
"""

import signal
import threading
import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from baoshe.core.scheduling import run_due
from baoshe.core.supervision import Heartbeat, recover_interrupted
from baoshe.core.tasks import prune_finished, run_due_pending, run_due_task

RECOVERY_EVERY = 30.0  # seconds between two passes of recover_interrupted()


class Command(BaseCommand):
    @property
    def help(self):
        # Translated when asked for: argparse cannot take a lazy string.
        return _(
            "The clock of scheduled publishing and expiry: every 30 seconds it hands due work to "
            "the task queue (or, with --inline, runs it itself)."
        )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0, help="seconds between rounds")
        parser.add_argument("--inline", action="store_true", help="run due work here, no worker")
        parser.add_argument("--once", action="store_true", help="one round, then exit")

    def handle(self, *args, interval=30.0, inline=False, once=False, **options):
        stop = threading.Event()

        def shutdown(signum, frame):
            stop.set()

        if not once:
            signal.signal(signal.SIGTERM, shutdown)
            signal.signal(signal.SIGINT, shutdown)
        if inline:
            started = _(
                "Scheduler started: checking every %(interval)s seconds (runs due work itself)"
            )
        else:
            started = _(
                "Scheduler started: checking every %(interval)s seconds (hands due work to the "
                "task queue)"
            )
        self.stdout.write(started % {"interval": f"{interval:g}"}, ending="\n")
        self.stdout.flush()
        rounds = 0
        heartbeat = Heartbeat("scheduler", interval=interval, inline=inline)
        last_recovery = None
        while not stop.is_set():
            heartbeat.beat()
            if last_recovery is None or time.monotonic() - last_recovery >= RECOVERY_EVERY:
                last_recovery = time.monotonic()
                try:  # separate: a failing cleanup must not stop publishing
                    recovery = recover_interrupted()
                    if recovery:
                        self.stdout.write(_("Recovered: %(summary)s") % {"summary": recovery})
                except Exception as exc:
                    self.stderr.write(
                        _("Recovering interrupted tasks failed: %(error)s") % {"error": exc}
                    )
            try:
                if inline:
                    summary = run_due()
                    if summary.published or summary.expired or summary.errors:
                        self.stdout.write(str(summary))
                elif not run_due_pending():
                    run_due_task.enqueue()
                rounds += 1
                if rounds % 120 == 1:
                    prune_finished()
            except Exception as exc:  # keep ticking: a database hiccup must not stop publishing
                self.stderr.write(_("Scheduling failed: %(error)s") % {"error": exc})
            self.stdout.flush()
            if once:
                break
            stop.wait(interval)
        if not once:
            heartbeat.stop()
        self.stdout.write(_("Scheduler stopped"))
