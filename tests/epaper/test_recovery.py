"""A task worker that dies mid-import leaves nothing behind: the job is failed, files removed.

The worker is simulated the way django-tasks' ``db_worker`` leaves it after ``kill -9``: the
task's result row ``RUNNING``, claimed by a worker id whose process no longer exists (or whose
heartbeat went stale on another host), with the upload, the temporary folder and half the
rendered pages on disk. ``recover_interrupted()`` is what ``baoshe worker`` runs when it
starts and the scheduler every 30 seconds. The real ``kill -9`` under ``baoshe serve`` is in
tests/workflow/test_serve.py.
"""

import datetime as dt
import json
import os
import subprocess
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django_tasks_db.models import DBTaskResult

from baoshe.core.supervision import (
    WORKER_DIED,
    Heartbeat,
    WorkerId,
    new_worker_id,
    recover_interrupted,
    this_host,
)
from baoshe.core.tasks import run_due_pending, run_due_task
from baoshe.epaper import conf, importer
from baoshe.epaper.models import ImportJob, Issue, Publication
from baoshe.epaper.recovery import INTERRUPTED
from baoshe.epaper.tasks import run_import_job
from baoshe_demo.pdfgen import write_issue

DAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    """Heartbeats and the e-paper temp folder of this test only."""
    settings.DATA_DIR = tmp_path / "var"
    return settings.DATA_DIR


@pytest.fixture
def paper(db):
    return Publication.objects.create(slug="shili", name="示例日报")


@pytest.fixture(scope="module")
def one_page(tmp_path_factory):
    directory = tmp_path_factory.mktemp("issue")
    write_issue(directory, seed=3, n_pages=1, date=DAY)
    return directory / "A01-要闻.pdf"


def dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def dead_worker_id() -> str:
    return str(WorkerId(this_host(), dead_pid(), "deadbeef"))


def claimed(task_result, worker_id: str) -> DBTaskResult:
    """What db_worker does when it takes a task: RUNNING, with its worker id."""
    row = DBTaskResult.objects.get(pk=task_result.id)
    row.claim(worker_id)
    return row


class Interrupted:
    """An import of ``paper``'s DAY killed after its first page: what is on disk and in the db."""

    def __init__(self, paper, worker_id):
        self.job = ImportJob.objects.create(
            publication=paper,
            date=DAY,
            upload_dir="epaper-uploads/0123456789abcdef",
            status=ImportJob.Status.RUNNING,
            progress=35,
            messages=["已上传 1 个文件，等待导入。"],
        )
        self.upload = default_storage.save(
            f"{self.job.upload_dir}/issue.pdf", ContentFile(b"%PDF-1.7 upload")
        )
        self.tmp = conf.epaper_tmp_dir() / f"job-{self.job.pk}-x1y2z3"
        self.tmp.mkdir()
        (self.tmp / "issue.pdf").write_bytes(b"%PDF-1.7 copy")
        folder = f"{conf.media_prefix()}/{paper.slug}/{DAY.isoformat()}/deadbeef"
        self.rendered = [
            default_storage.save(f"{folder}/A01{suffix}", ContentFile(b"x"))
            for suffix in (".pdf", ".jpg", ".webp", "-thumb.webp")
        ]
        self.task = claimed(run_import_job.enqueue(self.job.pk), worker_id)

    def files_left(self) -> list[str]:
        left = [name for name in [self.upload, *self.rendered] if default_storage.exists(name)]
        return left + ([str(self.tmp)] if self.tmp.exists() else [])


def test_import_of_a_dead_worker_is_failed_and_its_files_removed(paper, one_page):
    # The day already has an issue: its files must survive the cleanup of the orphans.
    current = importer.import_issue(str(one_page), paper, DAY).issue
    current_files = importer.issue_files(current)
    assert current_files and all(default_storage.exists(n) for n in current_files)

    work = Interrupted(paper, dead_worker_id())
    assert len(work.files_left()) == 6

    summary = recover_interrupted()

    task = DBTaskResult.objects.get(pk=work.task.pk)
    assert task.status == "FAILED" and task.exception_class_path == WORKER_DIED
    assert task.finished_at is not None
    job = ImportJob.objects.get(pk=work.job.pk)
    assert job.status == ImportJob.Status.FAILED and job.finished
    assert job.messages[-1] == INTERRUPTED
    assert job.finished_at is not None and job.issue is None
    assert work.files_left() == []
    assert all(default_storage.exists(n) for n in current_files)
    assert Issue.objects.get(pk=current.pk)
    assert f"baoshe.epaper.tasks.run_import_job#{task.pk}" in summary.failed_tasks
    assert any(f"导入任务 #{job.pk}" in note for note in summary.notes)

    # A second pass (the scheduler's, 30 s later) finds nothing more to do.
    again = recover_interrupted()
    assert not again.failed_tasks and not again.errors


def test_import_of_a_live_worker_is_left_alone(paper):
    # This test process plays the worker: it exists and it started before the claim.
    work = Interrupted(paper, new_worker_id(pid=os.getpid()))

    summary = recover_interrupted()

    assert DBTaskResult.objects.get(pk=work.task.pk).status == "RUNNING"
    job = ImportJob.objects.get(pk=work.job.pk)
    assert job.status == ImportJob.Status.RUNNING and job.progress == 35
    assert len(work.files_left()) == 6
    assert not summary.failed_tasks


def test_worker_on_another_host_is_judged_by_its_heartbeat(paper):
    worker_id = str(WorkerId("another-host", 4242, "c0ffee00"))
    work = Interrupted(paper, worker_id)
    beat = Heartbeat("worker", worker_id)
    beat.beat()  # fresh: the worker over there is alive

    recover_interrupted()
    assert DBTaskResult.objects.get(pk=work.task.pk).status == "RUNNING"
    assert ImportJob.objects.get(pk=work.job.pk).status == ImportJob.Status.RUNNING

    data = json.loads(beat.path.read_text())
    data["beat_at"] = time.time() - 600  # silent for ten minutes
    beat.path.write_text(json.dumps(data))

    recover_interrupted()
    assert DBTaskResult.objects.get(pk=work.task.pk).status == "FAILED"
    assert ImportJob.objects.get(pk=work.job.pk).status == ImportJob.Status.FAILED
    assert work.files_left() == []


def test_unknown_worker_ids_are_presumed_alive(paper):
    work = Interrupted(paper, "a-hand-started-db_worker")
    recover_interrupted()
    assert DBTaskResult.objects.get(pk=work.task.pk).status == "RUNNING"
    assert len(work.files_left()) == 6


def test_job_swapped_in_before_the_worker_died_is_reported_done(paper, one_page):
    work = Interrupted(paper, dead_worker_id())
    # The dead import got as far as the swap: its issue is the day's issue now.
    issue = importer.import_issue(str(one_page), paper, DAY).issue

    recover_interrupted()

    job = ImportJob.objects.get(pk=work.job.pk)
    assert job.status == ImportJob.Status.DONE and job.issue == issue
    assert "导入完成后意外退出" in job.messages[-1]
    assert all(default_storage.exists(n) for n in importer.issue_files(issue))
    assert work.files_left() == []  # the half-written folder was not the one swapped in


def test_sweep_recovers_a_running_job_without_a_task_and_stale_temp_folders(paper):
    job = ImportJob.objects.create(
        publication=paper, date=DAY, upload_dir="epaper-uploads/feedfacefeedface", status="running"
    )
    upload = default_storage.save(f"{job.upload_dir}/A01.pdf", ContentFile(b"%PDF"))
    finished = ImportJob.objects.create(
        publication=paper, date=DAY, upload_dir="epaper-uploads/x", status="done"
    )
    tmp = conf.epaper_tmp_dir()
    leftover = tmp / f"job-{finished.pk}-abc"
    leftover.mkdir()
    old_render = tmp / "render-old"
    old_render.mkdir()
    os.utime(old_render, (time.time() - 7200, time.time() - 7200))
    young_render = tmp / "render-young"
    young_render.mkdir()

    summary = recover_interrupted()

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.messages[-1] == INTERRUPTED
    assert not default_storage.exists(upload)
    assert not leftover.exists() and not old_render.exists()
    assert young_render.exists()  # may belong to an import that is rendering right now
    assert any("job-" in note for note in summary.notes)


def test_interrupted_run_due_task_no_longer_blocks_the_scheduler(db):
    # (On PostgreSQL, rows committed by the serve tests' children may be around: clear them.)
    DBTaskResult.objects.all().delete()
    stuck = claimed(run_due_task.enqueue(), dead_worker_id())
    assert run_due_pending()  # before: the scheduler would never enqueue another

    recover_interrupted()

    assert not run_due_pending()
    row = DBTaskResult.objects.get(pk=stuck.pk)
    assert row.status == "FAILED" and "意外退出" in row.traceback


def test_pid_reused_by_a_newer_process_counts_as_dead(db):
    # The worker id names this process, but the claim predates it: the pid was reused.
    row = claimed(run_due_task.enqueue(), new_worker_id(pid=os.getpid()))
    DBTaskResult.objects.filter(pk=row.pk).update(
        started_at=row.started_at - dt.timedelta(days=365)
    )
    recover_interrupted()
    assert DBTaskResult.objects.get(pk=row.pk).status == "FAILED"
