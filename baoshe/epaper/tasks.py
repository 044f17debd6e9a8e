"""Background import of an admin upload (django-tasks; ``baoshe worker`` runs it).

The admin page polls ImportJob for status, progress and messages, so the task writes its
progress to the job row after every page (outside the import's own transaction).

The upload is copied to a temporary folder ``job-<id>-…`` under the data dir (not the system's
/tmp): if the worker is killed mid-import, ``baoshe.epaper.recovery`` finds it by the job's id
and removes it together with the upload and the pages already rendered.
"""

from __future__ import annotations

import os
import tempfile

from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .conf import epaper_tmp_dir
from .importer import import_issue
from .models import ImportJob
from .pdfcheck import PdfImportError

TMP_PREFIX = "job-"
RUN_IMPORT_JOB_TASK_NAME = "baoshe.epaper.tasks.run_import_job"


@task()
def run_import_job(job_id: int) -> None:
    job = ImportJob.objects.select_related("publication").get(pk=job_id)
    ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.RUNNING, progress=1)
    try:
        with tempfile.TemporaryDirectory(
            prefix=f"{TMP_PREFIX}{job_id}-", dir=epaper_tmp_dir()
        ) as folder:
            source = fetch_upload(job.upload_dir, folder)
            result = import_issue(source, job.publication, job.date, progress=progress_of(job_id))
        finish(
            job_id,
            ImportJob.Status.DONE,
            _("Import finished: %(summary)s.") % {"summary": result.summary()},
            issue=result.issue,
        )
    except PdfImportError as exc:
        finish(
            job_id,
            ImportJob.Status.FAILED,
            _("The import failed, nothing was changed. %(error)s") % {"error": exc},
        )
    except Exception as exc:
        finish(
            job_id,
            ImportJob.Status.FAILED,
            _("The import failed, nothing was changed: %(error)s") % {"error": repr(exc)},
        )
        raise
    finally:
        remove_upload(job.upload_dir)


def progress_of(job_id: int):
    def progress(done: int, total: int, number: str) -> None:
        ImportJob.objects.filter(pk=job_id).update(
            pages_done=done, pages_total=total, progress=max(1, done * 95 // total)
        )

    return progress


def finish(job_id: int, status: str, message: str, issue=None) -> None:
    job = ImportJob.objects.get(pk=job_id)
    job.status = status
    job.messages = [*job.messages, message]
    job.issue = issue
    job.finished_at = timezone.now()
    if status == ImportJob.Status.DONE:
        job.progress = 100
    job.save()


def fetch_upload(upload_dir: str, folder: str) -> str:
    """Copy the uploaded files to a local folder; one PDF alone is imported as a file."""
    _dirs, names = default_storage.listdir(upload_dir)
    for name in names:
        with (
            default_storage.open(f"{upload_dir}/{name}", "rb") as src,
            open(os.path.join(folder, name), "wb") as dst,
        ):
            dst.write(src.read())
    pdfs = [n for n in names if n.lower().endswith(".pdf")]
    if len(pdfs) == 1:
        return os.path.join(folder, pdfs[0])
    return folder


def remove_upload(upload_dir: str) -> None:
    try:
        _dirs, names = default_storage.listdir(upload_dir)
    except (FileNotFoundError, OSError):
        return
    for name in names:
        default_storage.delete(f"{upload_dir}/{name}")
