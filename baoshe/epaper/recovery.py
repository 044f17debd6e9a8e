"""Cleaning up after an e-paper import whose worker died (``kill -9``, OOM killer, power cut).

An import writes in three places before it finishes: the admin upload (``epaper-uploads/…``
in public media), a temporary folder ``job-<id>-…`` under ``epaper_tmp_dir()``, and the
rendered pages under a new ``epaper/<pub>/<date>/<token>/`` folder. ``run_import_job`` removes
all three itself when it fails, but a killed process runs no ``finally``. So:

* ``recover_import_task`` is registered with ``baoshe.core.supervision.on_interrupted`` and is
  called with the task's result row when the supervision marks the task failed: it marks the
  ImportJob failed (or done, if the new issue was already swapped in when the worker died)
  and removes the job's files;
* ``sweep`` (``register_sweep``) runs after every recovery pass: jobs left ``running`` or
  long ``pending`` with no task queued or running for them are recovered the same way, and
  temporary folders of jobs that are not running are removed.

Rendered files are found without trusting anything the dead process meant to write down:
every folder under ``epaper/<pub>/<date>/`` whose files the day's current issue does not use
is an orphan, unless another import of that day is running right now.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import time

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from baoshe.core.supervision import on_interrupted, register_sweep

from . import conf
from .importer import delete_files, issue_files
from .models import ImportJob, Issue
from .tasks import RUN_IMPORT_JOB_TASK_NAME, TMP_PREFIX

logger = logging.getLogger(__name__)

INTERRUPTED = gettext_lazy(
    "Import interrupted: the task process died unexpectedly. Nothing was changed, please "
    "import again."
)
COMPLETED_THEN_DIED = gettext_lazy(
    "The task process died unexpectedly after the import finished: the new issue has replaced "
    "the old pages, please check it in the e-paper list."
)
PENDING_GRACE = dt.timedelta(minutes=10)  # a job is created a moment before its task is queued
TMP_GRACE = 3600  # other temporary entries (render children) older than this are removed


def _job_id(args_kwargs) -> int | None:
    try:
        args = args_kwargs.get("args") or []
        value = args[0] if args else args_kwargs.get("kwargs", {}).get("job_id")
        return int(value)
    except (AttributeError, TypeError, ValueError, IndexError):
        return None


@on_interrupted(RUN_IMPORT_JOB_TASK_NAME)
def recover_import_task(db_task_result) -> str | None:
    job_id = _job_id(db_task_result.args_kwargs)
    job = ImportJob.objects.select_related("publication").filter(pk=job_id).first()
    return recover_job(job) if job else None


def _swapped_issue(job: ImportJob) -> Issue | None:
    """The issue this job put in place before its worker died, if it got that far."""
    issue = Issue.objects.filter(
        publication=job.publication, date=job.date, created_at__gte=job.created_at
    ).first()
    if issue is None or ImportJob.objects.filter(issue=issue).exclude(pk=job.pk).exists():
        return None
    return issue


def recover_job(job: ImportJob) -> str:
    """Clean up after an interrupted job, then mark it finished: failed, or done if its issue
    was swapped in. Files go first, so a job reported failed has nothing left behind."""
    removed = remove_job_files(job)
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().select_related("publication").get(pk=job.pk)
        if not job.finished:
            issue = _swapped_issue(job)
            job.status = ImportJob.Status.DONE if issue else ImportJob.Status.FAILED
            job.issue = issue
            job.progress = 100 if issue else job.progress
            job.messages = [*job.messages, str(COMPLETED_THEN_DIED if issue else INTERRUPTED)]
            job.finished_at = timezone.now()
            job.save()
    return ngettext(
        "Import job #%(id)s (%(paper)s %(date)s) marked as %(status)s, %(count)s file removed",
        "Import job #%(id)s (%(paper)s %(date)s) marked as %(status)s, %(count)s files removed",
        removed,
    ) % {
        "id": job.pk,
        "paper": job.publication,
        "date": f"{job.date:%Y-%m-%d}",
        "status": job.get_status_display(),
        "count": removed,
    }


def remove_job_files(job: ImportJob) -> int:
    """Remove the job's upload, temporary folder and the day's orphaned rendered files."""
    removed = _remove_storage_tree(job.upload_dir) if job.upload_dir else 0
    for folder in conf.epaper_tmp_dir().glob(f"{TMP_PREFIX}{job.pk}-*"):
        shutil.rmtree(folder, ignore_errors=True)
        removed += 1
    others = ImportJob.objects.filter(
        publication=job.publication, date=job.date, status=ImportJob.Status.RUNNING
    ).exclude(pk=job.pk)
    if not others.exists():
        orphans = orphaned_page_files(job.publication, job.date)
        delete_files(orphans)
        removed += len(orphans)
    return removed


def _storage_files(folder: str) -> list[str]:
    try:
        dirs, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError, OSError):
        return []
    names = [f"{folder}/{name}" for name in files]
    for sub in dirs:
        names += _storage_files(f"{folder}/{sub}")
    return names


def _remove_storage_tree(folder: str) -> int:
    names = _storage_files(folder)
    delete_files(names)
    with contextlib.suppress(NotImplementedError, OSError):  # local disk: the empty folders too
        for root, _dirs, _files in sorted(os.walk(default_storage.path(folder)), reverse=True):
            os.rmdir(root)
    return len(names)


def orphaned_page_files(publication, date: dt.date) -> list[str]:
    """Files under ``epaper/<pub>/<date>/<token>/`` folders the day's issue does not use."""
    base = f"{conf.media_prefix()}/{publication.slug}/{date.isoformat()}"
    try:
        folders, _files = default_storage.listdir(base)
    except (FileNotFoundError, NotADirectoryError, OSError):
        return []
    issue = Issue.objects.filter(publication=publication, date=date).first()
    used = set(issue_files(issue)) if issue else set()
    orphans = []
    for folder in folders:
        names = _storage_files(f"{base}/{folder}")
        if not used.intersection(names):
            orphans += names
    return orphans


def _active_job_ids() -> set[int] | None:
    """Ids of jobs whose import task is queued or running (None: not the database backend)."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another task backend
        return None
    rows = DBTaskResult.objects.filter(
        task_path=RUN_IMPORT_JOB_TASK_NAME, status__in=["READY", "RUNNING"]
    ).values_list("args_kwargs", flat=True)
    return {job_id for job_id in map(_job_id, rows) if job_id is not None}


@register_sweep
def sweep() -> list[str]:
    """Recover jobs nobody is working on and remove temporary folders nobody uses."""
    notes = []
    active = _active_job_ids()
    if active is not None:
        stuck = ImportJob.objects.filter(
            status=ImportJob.Status.RUNNING
        ) | ImportJob.objects.filter(
            status=ImportJob.Status.PENDING, created_at__lt=timezone.now() - PENDING_GRACE
        )
        for job in stuck.exclude(pk__in=active).select_related("publication"):
            notes.append(recover_job(job))
    running = set(
        ImportJob.objects.filter(status=ImportJob.Status.RUNNING).values_list("pk", flat=True)
    )
    cutoff = time.time() - TMP_GRACE
    for entry in conf.epaper_tmp_dir().iterdir():
        name = entry.name
        if name.startswith(TMP_PREFIX):
            job_id = name[len(TMP_PREFIX) :].split("-", 1)[0]
            if job_id.isdigit() and int(job_id) in running:
                continue
        else:
            with contextlib.suppress(OSError):
                if entry.lstat().st_mtime >= cutoff:
                    continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()
        notes.append(_("Removed the e-paper temporary file %(name)s") % {"name": name})
    return notes
