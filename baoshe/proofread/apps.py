import os
import sys
import threading

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class ProofreadConfig(AppConfig):
    """机审: the automated proofreading engine and its rule packs, as the newsroom runs them."""

    name = "baoshe.proofread"
    label = "proofread"
    verbose_name = _("Machine proofreading")

    def ready(self):
        from . import signals

        signals.connect()
        if _is_server_process():
            # jieba's lexicon takes about a second to load; pay it in the background at
            # start-up rather than in the first editor's 机审 request.
            threading.Thread(target=_warm_up, name="proofread-warm-up", daemon=True).start()


def _is_server_process() -> bool:
    """Only web servers and task workers warm up: not tests, not one-off commands."""
    if not settings.BAOSHE_PROOFREAD_WARM_UP:
        return False
    program = os.path.basename(sys.argv[0]) if sys.argv else ""
    if program in ("gunicorn", "uwsgi", "daphne", "uvicorn"):
        return True
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    return command in ("runserver", "db_worker", "worker") and "pytest" not in sys.modules


def _warm_up():
    from .engine import warm_up

    warm_up()
