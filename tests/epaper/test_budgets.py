"""Input budgets of the e-paper import (defect 6): tiny PDFs must not exhaust memory.

Before: a 437-byte PDF declaring a 0.01 × 1 pt or 30 × 14,400 pt page drove the importer to
3.6–4.7 GB and an uncaught OSError/MemoryError/PdfiumError (the zoom render is 1800 px wide:
0.01 pt wide means 1800 × 180,000 px). Now ``pdfcheck`` refuses page counts, page sizes,
aspect ratios and render pixels outside the budget before anything is rendered, and pages
render in a child process with an address-space limit, so whatever a page does ends as the
importer's normal refusal naming the file and page, with nothing written.
"""

import datetime as dt
import io
import os
import signal
import subprocess
import sys
import time

import pypdfium2 as pdfium
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from baoshe.epaper import conf
from baoshe.epaper.importer import import_issue
from baoshe.epaper.models import ImportJob, Issue, PrintArticle, PrintPage, Publication
from baoshe.epaper.pdfcheck import PdfImportError, PdfLimits, check_pdf
from baoshe.epaper.render import RenderBudgetError, crop_region, render_page_image
from baoshe.epaper.renderproc import PageJob, RenderProcess
from baoshe_demo.pdfgen import generate_issue

DAY = dt.date(2026, 3, 2)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def tiny_pdf(width: float, height: float) -> bytes:
    """A minimal one-page PDF written by hand (~400 bytes), like the reported bombs."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width:g} {height:g}] "
        f"/Contents 4 0 R /Resources << >> >>".encode(),
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def pdf_with_pages(sizes) -> bytes:
    doc = pdfium.PdfDocument.new()
    for width, height in sizes:
        doc.new_page(width, height)
    buffer = io.BytesIO()
    doc.save(buffer)
    doc.close()
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def own_tmp_dir(settings, tmp_path_factory):
    """A temp folder of this test's own (the data dir's is shared with other processes)."""
    settings.BAOSHE_EPAPER_TMP_DIR = str(tmp_path_factory.mktemp("epaper-tmp"))


@pytest.fixture
def paper(db):
    return Publication.objects.create(slug="shili", name="示例日报")


@pytest.fixture(scope="module")
def broadsheet():
    """One generated broadsheet page (992 × 1417 pt) with text and photos."""
    return generate_issue(seed=4, n_pages=1).pages[0]


def media_files() -> set[str]:
    root = settings.MEDIA_ROOT
    return {os.path.join(d, f) for d, _, files in os.walk(root) for f in files}


def tmp_entries() -> set[str]:
    return set(os.listdir(conf.epaper_tmp_dir()))


def assert_nothing_written(before_media, before_tmp):
    assert not Issue.objects.exists() and not PrintPage.objects.exists()
    assert not PrintArticle.objects.exists()
    assert media_files() == before_media
    assert tmp_entries() == before_tmp


# --- the reported bombs, through the command ------------------------------------------------


@pytest.mark.parametrize(
    "size, zh",
    [
        ((0.01, 1), "第 1 页尺寸 0.01×1 点 不是报纸版面"),
        ((30, 14400), "第 1 页尺寸 30×14400 点 不是报纸版面"),
        ((1, 0.01), "不是报纸版面"),
        ((5000, 5000), "不是报纸版面"),
        ((100, 1000), "过于狭长"),
        ((2900, 80), "过于狭长"),
    ],
)
def test_bomb_page_is_refused_before_rendering(paper, tmp_path, size, zh):
    data = tiny_pdf(*size)
    assert len(data) < 600
    (tmp_path / "A01.pdf").write_bytes(data)
    before_media, before_tmp = media_files(), tmp_entries()
    started = time.monotonic()
    with pytest.raises(CommandError) as info:
        call_command(
            "epaper",
            "import",
            str(tmp_path),
            "--publication",
            "shili",
            "--date",
            "2026-03-02",
            stdout=io.StringIO(),
        )
    assert time.monotonic() - started < 5
    message = str(info.value)
    assert message.startswith("A01.pdf：") and zh in message
    assert_nothing_written(before_media, before_tmp)


def test_bomb_among_good_pages_leaves_the_old_issue(paper, tmp_path, broadsheet, client):
    good = tmp_path / "good"
    good.mkdir()
    (good / "A01.pdf").write_bytes(broadsheet.pdf_bytes)
    import_issue(good, paper, DAY, publish=True)
    old = PrintPage.objects.get()
    files = media_files()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "A01.pdf").write_bytes(broadsheet.pdf_bytes)
    (bad / "A02.pdf").write_bytes(tiny_pdf(30, 14400))
    with pytest.raises(PdfImportError, match="A02.pdf：第 1 页尺寸"):
        import_issue(bad, paper, DAY)
    assert list(PrintPage.objects.all()) == [old] and media_files() == files
    assert client.get("/epaper/shili/2026-03-02/A01/").status_code == 200


@override_settings(TASKS=IMMEDIATE)
def test_bomb_upload_fails_the_job_with_a_message(admin_client, paper):
    response = admin_client.post(
        "/admin/epaper/",
        {
            "publication": paper.pk,
            "date": "2026-03-02",
            "files": [SimpleUploadedFile("A01.pdf", tiny_pdf(0.01, 1), "application/pdf")],
        },
    )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert "A01.pdf：第 1 页尺寸 0.01×1 点 不是报纸版面" in job.messages[-1]
    assert not Issue.objects.exists()


# --- page count and pixel budget ------------------------------------------------------------


def test_page_count_budget_per_file_and_per_issue(paper, tmp_path):
    many = tmp_path / "many.pdf"
    many.write_bytes(pdf_with_pages([(200, 300)] * 65))
    with pytest.raises(PdfImportError, match="many.pdf：PDF 有 65 页，超过每期 64 版的上限"):
        import_issue(many, paper, DAY)
    folder = tmp_path / "folder"
    folder.mkdir()
    for n in range(1, 4):
        (folder / f"A{n:02d}.pdf").write_bytes(tiny_pdf(200, 300))
    with (
        override_settings(BAOSHE_EPAPER_MAX_PAGES=2),
        pytest.raises(PdfImportError, match="共 3 版，超过每期 2 版的上限"),
    ):
        import_issue(folder, paper, DAY)
    assert not Issue.objects.exists()


def test_pixel_budget_is_computed_from_the_zoom_render(paper, tmp_path, broadsheet):
    (tmp_path / "A01.pdf").write_bytes(broadsheet.pdf_bytes)
    # the zoom render of a 992 × 1417 pt page is 1800 × 2571 px = 4.6 MP
    with (
        override_settings(BAOSHE_EPAPER_MAX_RENDER_PIXELS=4_000_000),
        pytest.raises(PdfImportError, match="1800×2571 像素，超过每版 4 百万像素的上限"),
    ):
        import_issue(tmp_path, paper, DAY)
    assert not Issue.objects.exists()
    with override_settings(BAOSHE_EPAPER_MAX_RENDER_PIXELS=5_000_000):
        assert import_issue(tmp_path, paper, DAY).pages == 1


@pytest.mark.parametrize(
    "size, ok",
    [
        ((72, 72), True),
        ((71.9, 200), False),
        ((3000, 2000), True),
        ((3000.5, 2000), False),
        ((100, 400), True),  # aspect 4
        ((100, 401), False),
        ((992.13, 1417.32), True),  # broadsheet
        ((1984.25, 1417.32), True),  # double-page spread
    ],
)
def test_page_size_bounds(size, ok):
    data = tiny_pdf(*size)
    if ok:
        assert check_pdf(data, "A01.pdf").page_sizes == [(round(size[0], 2), round(size[1], 2))]
    else:
        with pytest.raises(PdfImportError, match="A01.pdf：第 1 页尺寸"):
            check_pdf(data, "A01.pdf")


def test_limits_are_configurable_and_defaults_documented():
    assert conf.pdf_limits() == PdfLimits()
    with override_settings(BAOSHE_EPAPER_MAX_PAGE_SIDE_PT=5000, BAOSHE_EPAPER_MAX_PAGES=8):
        limits = conf.pdf_limits()
    assert (limits.max_side_pt, limits.max_pages, limits.min_side_pt) == (5000, 8, 72)


def test_renderer_refuses_over_budget_bitmaps_itself():
    """Defence in depth: the render functions never ask pdfium for a huge bitmap."""
    started = time.monotonic()
    with pytest.raises(RenderBudgetError):
        render_page_image(tiny_pdf(0.01, 1), 0)
    with pytest.raises(RenderBudgetError):
        crop_region(tiny_pdf(3000, 3000), 0, [0, 0, 3000, 3000], dpi=200)
    assert time.monotonic() - started < 2


# --- the render process and its memory limit ------------------------------------------------


def test_memory_limit_turns_into_a_clean_refusal(paper, tmp_path, broadsheet):
    """A 64 MB limit cannot hold a broadsheet render: the child fails, the import refuses."""
    (tmp_path / "A01.pdf").write_bytes(broadsheet.pdf_bytes)
    before_media, before_tmp = media_files(), tmp_entries()
    with (
        override_settings(BAOSHE_EPAPER_RENDER_MEMORY_MB=64),
        pytest.raises(PdfImportError) as info,
    ):
        import_issue(tmp_path, paper, DAY)
    message = str(info.value)
    assert message.startswith("A01.pdf：第 1 页（A01 版）")
    assert "64 MB" in message and "内存" in message
    assert_nothing_written(before_media, before_tmp)
    # the same page imports under the default limit
    assert import_issue(tmp_path, paper, DAY).pages == 1


def test_render_process_reports_memory_error_and_restarts(tmp_path, broadsheet):
    path = tmp_path / "A01.pdf"
    path.write_bytes(broadsheet.pdf_bytes)
    job = PageJob(str(path), 0, True, 16_000_000)
    with RenderProcess(64, 60, tmp_path) as renderer:
        with pytest.raises(PdfImportError, match="内存"):
            renderer.render(job, "A01.pdf", "第 1 页")
        assert renderer.proc is None  # the failed child is gone
        renderer.memory_mb = 0  # no limit: a fresh child renders the page
        output = renderer.render(job, "A01.pdf", "第 1 页")
    assert output.rendered.large.width == 1800 and output.layout.articles
    assert output.pdf == broadsheet.pdf_bytes


def test_render_process_turns_pdfium_errors_into_refusals(tmp_path):
    with RenderProcess(512, 60, tmp_path) as renderer:
        with pytest.raises(PdfImportError, match="A09.pdf：第 1 页无法渲染"):
            renderer.render(
                PageJob(str(tmp_path / "missing.pdf"), 0, True, 1), "A09.pdf", "第 1 页"
            )
        (tmp_path / "A01.pdf").write_bytes(tiny_pdf(0.01, 1))
        with pytest.raises(PdfImportError, match="A01.pdf：第 1 页渲染像素超过上限"):
            renderer.render(
                PageJob(str(tmp_path / "A01.pdf"), 0, True, 16_000_000), "A01.pdf", "第 1 页"
            )


def test_render_process_timeout_kills_the_child(tmp_path, broadsheet):
    path = tmp_path / "A01.pdf"
    path.write_bytes(broadsheet.pdf_bytes)
    renderer = RenderProcess(0, 0.05, tmp_path)
    with pytest.raises(PdfImportError, match="A01.pdf：第 1 页渲染超时"):
        renderer.render(PageJob(str(path), 0, True, 16_000_000), "A01.pdf", "第 1 页")
    assert renderer.proc is None


def test_render_process_dying_is_a_refusal(tmp_path, broadsheet):
    path = tmp_path / "A01.pdf"
    path.write_bytes(broadsheet.pdf_bytes)
    renderer = RenderProcess(0, 60, tmp_path)
    renderer.proc = renderer._start()
    renderer.proc.kill()
    renderer.proc.wait()
    with pytest.raises(PdfImportError, match="A01.pdf：第 1 页渲染进程异常退出"):
        renderer.render(PageJob(str(path), 0, True, 16_000_000), "A01.pdf", "第 1 页")
    assert renderer.proc is None


# --- temporary files ------------------------------------------------------------------------


def test_tmp_dir_is_under_the_data_dir(tmp_path, settings):
    del settings.BAOSHE_EPAPER_TMP_DIR
    with override_settings(DATA_DIR=tmp_path):
        folder = conf.epaper_tmp_dir()
    assert folder == tmp_path / "tmp" / "epaper" and folder.is_dir()
    with override_settings(BAOSHE_EPAPER_TMP_DIR=str(tmp_path / "elsewhere")):
        assert conf.epaper_tmp_dir() == tmp_path / "elsewhere"


def child_environ(pid: int) -> list[bytes]:
    """The environment of a running child, once it has exec'd Python (Linux /proc)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with open(f"/proc/{pid}/environ", "rb") as fh:
            entries = fh.read().split(b"\0")
        if any(e.startswith(b"PYTHONPATH=") for e in entries):
            return entries
        time.sleep(0.05)
    raise AssertionError("the render process did not start")


def test_child_temp_files_go_to_the_tmp_dir(tmp_path):
    renderer = RenderProcess(0, 60, tmp_path)
    renderer.proc = proc = renderer._start()
    try:
        assert f"TMPDIR={tmp_path}".encode() in child_environ(proc.pid)
    finally:
        renderer.close()
    assert proc.returncode == 0  # closing stdin ends the child normally


PARENT = """
import subprocess, sys, time
from baoshe.epaper.renderproc import RenderProcess
renderer = RenderProcess(0, 60)
child = renderer._start()
# a bystander keeps the child's stdin open, so only the parent's death can end the child
holder = subprocess.Popen(["sleep", "60"], pass_fds=[child.stdin.fileno()])
print(child.pid, holder.pid, flush=True)
time.sleep(60)
"""


def test_render_process_dies_with_the_importing_process():
    """``kill -9`` of the worker mid-import leaves no render process behind."""
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    child_pid, holder_pid = map(int, parent.stdout.readline().split())
    try:
        child_environ(child_pid)  # the child is up and waiting for a page
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and os.path.exists(f"/proc/{child_pid}"):
            with open(f"/proc/{child_pid}/stat") as fh:
                if fh.read().split(")")[-1].split()[0] == "Z":  # exited, awaiting its reaper
                    break
            time.sleep(0.05)
        else:
            assert not os.path.exists(f"/proc/{child_pid}"), "render process outlived its parent"
    finally:
        os.kill(holder_pid, signal.SIGKILL)
