"""Background tasks (django-tasks) of the site: the scheduler's work, run by the worker."""

from django_tasks import task

RUN_DUE_TASK_NAME = "baoshe.core.tasks.run_due_task"


@task()
def run_due_task() -> dict:
    """Publish what is due and expire what has ended, as of now (see ``scheduling.run_due``)."""
    from .scheduling import run_due

    return run_due().to_dict()


def run_due_pending() -> bool:
    """Whether a ``run_due_task`` is already queued or running (the scheduler does not pile up).

    Only the database backend can be asked; other backends (RQ, Celery) dedupe themselves or
    run the idempotent task twice, which is harmless.
    """
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another backend
        return False
    return DBTaskResult.objects.filter(
        task_path=RUN_DUE_TASK_NAME, status__in=["READY", "RUNNING"]
    ).exists()


def prune_finished(older_than_hours: int = 24) -> int:
    """Forget finished ``run_due_task`` results after a day: one is enqueued every 30 seconds."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover
        return 0
    import datetime as dt

    from django.utils import timezone

    cutoff = timezone.now() - dt.timedelta(hours=older_than_hours)
    deleted, _ = DBTaskResult.objects.filter(
        task_path=RUN_DUE_TASK_NAME,
        status__in=["SUCCESSFUL", "FAILED"],
        finished_at__lt=cutoff,
    ).delete()
    return deleted
