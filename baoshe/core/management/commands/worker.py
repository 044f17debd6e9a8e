"""``baoshe worker``: django-tasks' database worker with a heartbeat and crash recovery.

What ``baoshe serve`` runs as its task worker. It is ``db_worker`` (same options) plus:

* a worker id that says where it runs (``baoshe:<host>:<pid>:<token>``), stored by
  django-tasks with every task it claims, so a later process can tell that the worker of a
  ``RUNNING`` task is gone;
* before taking any task, ``recover_interrupted()``: tasks left running by a worker that died
  are marked failed and their apps clean up (an e-paper import's files);
* a heartbeat file under ``DATA_DIR/run/heartbeats/`` every 5 seconds, read by ``/healthz``.
"""

from django.utils.translation import gettext as _
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from baoshe.core.supervision import Heartbeat, new_worker_id, recover_interrupted


class Command(DBWorkerCommand):
    @property
    def help(self):
        # Translated when asked for: argparse cannot take a lazy string.
        return _(
            "Background task worker (database queue), with a heartbeat; on start it recovers "
            "interrupted tasks."
        )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=new_worker_id(), reload=False)

    def handle(self, *args, **options):
        try:
            summary = recover_interrupted()
        except Exception as exc:  # e.g. the database is not migrated yet: run, retry later
            self.stderr.write(
                "[worker] " + _("Recovering interrupted tasks failed: %(error)s") % {"error": exc}
            )
        else:
            if summary:
                self.stdout.write("[worker] " + _("Recovered: %(summary)s") % {"summary": summary})
        self.stdout.flush()
        heartbeat = Heartbeat("worker", options["worker_id"]).start()
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stop()
