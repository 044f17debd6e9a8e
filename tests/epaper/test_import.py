"""`baoshe epaper import`: folders and multi-page PDFs in, bad files out, atomic re-import."""

import datetime as dt
import io
import json
import os

import pypdfium2 as pdfium
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from reportlab.lib import pdfencrypt
from reportlab.pdfgen.canvas import Canvas

from baoshe.epaper import importer
from baoshe.epaper.models import Issue, PrintArticle, PrintPage, Publication
from baoshe_demo.pdfgen import write_issue

DAY = "2026-03-02"


@pytest.fixture(scope="module")
def issue_dir(tmp_path_factory):
    """Three generated pages (A01 jumps to A03) with manifest and truth."""
    directory = tmp_path_factory.mktemp("issue")
    write_issue(directory, seed=3, n_pages=3, date=dt.date(2026, 3, 2))
    return directory


@pytest.fixture(scope="module")
def other_issue_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("other")
    write_issue(directory, seed=5, n_pages=2, date=dt.date(2026, 3, 2))
    return directory


@pytest.fixture
def paper(db):
    return Publication.objects.create(slug="shili", name="示例日报")


def run_import(path, *extra):
    out = io.StringIO()
    call_command(
        "epaper", "import", str(path), "--publication", "shili", "--date", DAY, *extra, stdout=out
    )
    return out.getvalue()


def media_files() -> set[str]:
    root = settings.MEDIA_ROOT
    return {
        os.path.relpath(os.path.join(d, f), root) for d, _, files in os.walk(root) for f in files
    }


def iou(a, b):
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union else 0


def test_folder_import_matches_generator_truth(paper, issue_dir):
    out = run_import(issue_dir, "--publish")
    truth = json.loads((issue_dir / "truth.json").read_text(encoding="utf-8"))
    issue = Issue.objects.get(publication=paper, date=dt.date(2026, 3, 2))
    assert issue.published and issue.number == 1
    pages = list(issue.pages.all())
    assert [(p.number, p.name) for p in pages] == [
        ("A01", "要闻"),
        ("A02", "要闻"),
        ("A03", "城事"),
    ]
    total = 0
    for page in pages:
        want = truth[page.number]["articles"]
        got = list(page.articles.all())
        total += len(got)
        assert sorted(a.title for a in got) == sorted(a["title"] for a in want)
        for article in got:
            match = next(t for t in want if t["title"] == article.title)
            assert iou(article.bbox(), match["bbox"]) > 0.8
            assert article.byline == match["byline"]
        assert page.screen_width == 1000 and page.width_pt == pytest.approx(992.13)
        for field in (page.pdf, page.image_large, page.image_screen, page.thumbnail):
            assert field.storage.exists(field.name)
    assert f"3 版，识别稿件 {total} 篇" in out
    jumps = [c for a in PrintArticle.objects.filter(page__issue=issue) for c in a.continuations]
    assert {"direction": "to", "page": "A03"} in jumps
    assert {"direction": "from", "page": "A01"} in jumps


def test_multipage_pdf_with_csv_manifest(paper, issue_dir, tmp_path):
    merged = pdfium.PdfDocument.new()
    for name in ("A01-要闻.pdf", "A02-要闻.pdf"):
        merged.import_pages(pdfium.PdfDocument(str(issue_dir / name)))
    merged.save(str(tmp_path / "issue.pdf"))
    (tmp_path / "pages.csv").write_text("版次,版名\nA01,要闻\nA02,综合\n", encoding="utf-8")
    run_import(tmp_path / "issue.pdf", "--manifest", str(tmp_path / "pages.csv"))
    pages = list(PrintPage.objects.filter(issue__publication=paper))
    assert [(p.number, p.name) for p in pages] == [("A01", "要闻"), ("A02", "综合")]
    assert not pages[0].issue.published
    # Each page's download is that page alone.
    assert len(pdfium.PdfDocument(pages[1].pdf.read())) == 1
    assert pages[0].articles.count() >= 3


def test_multipage_pdf_without_manifest_numbers_pages(paper, issue_dir, tmp_path):
    merged = pdfium.PdfDocument.new()
    merged.import_pages(pdfium.PdfDocument(str(issue_dir / "A02-要闻.pdf")))
    merged.import_pages(pdfium.PdfDocument(str(issue_dir / "A03-城事.pdf")))
    merged.save(str(tmp_path / "today.pdf"))
    run_import(tmp_path / "today.pdf")
    # 版次 and 版名 from each page's printed header (tests/epaper/test_reader_fixes.py)
    assert list(PrintPage.objects.values_list("number", "name")) == [
        ("A02", "要闻"),
        ("A03", "城事"),
    ]


def _encrypted_pdf():
    buf = io.BytesIO()
    canvas = Canvas(buf, encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    canvas.drawString(100, 100, "secret")
    canvas.save()
    return buf.getvalue()


def _zero_page_pdf():
    objs = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>"]
    out, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<</Size 3/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % xref


BAD_FILES = {
    "corrupt": (lambda good: b"%PDF-1.4\n garbage garbage\n%%EOF\n", "损坏"),
    "truncated": (lambda good: good[: len(good) // 2], "不完整"),
    "encrypted": (lambda good: _encrypted_pdf(), "加密"),
    "zero-pages": (lambda good: _zero_page_pdf(), "没有任何页面"),
    "not-a-pdf": (lambda good: b"GIF89a\x01\x00 this is an image", "不是 PDF"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_bad_page_file_changes_nothing(paper, issue_dir, tmp_path, kind):
    make, words = BAD_FILES[kind]
    good = (issue_dir / "A01-要闻.pdf").read_bytes()
    (tmp_path / "A01-要闻.pdf").write_bytes(good)
    (tmp_path / "A02-要闻.pdf").write_bytes(make(good))
    before = media_files()
    with pytest.raises(CommandError) as exc:
        run_import(tmp_path)
    assert "A02-要闻.pdf" in str(exc.value) and words in str(exc.value)
    assert not Issue.objects.exists() and not PrintPage.objects.exists()
    assert media_files() == before


def test_duplicate_page_number_refused(paper, issue_dir, tmp_path):
    good = (issue_dir / "A01-要闻.pdf").read_bytes()
    (tmp_path / "A01.pdf").write_bytes(good)
    (tmp_path / "A01-要闻.pdf").write_bytes(good)
    with pytest.raises(CommandError, match="A01.*重复"):
        run_import(tmp_path)
    assert not Issue.objects.exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--publication", "nosuch", "--date", DAY], "报纸“nosuch”不存在"),
        (["--publication", "shili", "--date", "2026-13-45"], "日期“2026-13-45”无效"),
        (["--publication", "shili", "--date", "yesterday"], "日期“yesterday”无效"),
    ],
)
def test_bad_arguments(paper, issue_dir, args, message):
    before = media_files()
    with pytest.raises(CommandError, match=message):
        call_command("epaper", "import", str(issue_dir), *args)
    assert not Issue.objects.exists() and media_files() == before


def test_missing_path(paper, tmp_path):
    with pytest.raises(CommandError, match="nothing-here.*不存在"):
        run_import(tmp_path / "nothing-here")


def test_scanned_page_imports_as_image_needing_review(paper, tmp_path):
    write_issue(tmp_path, seed=9, n_pages=2, scanned_pages=[1])
    out = run_import(tmp_path)
    scanned = PrintPage.objects.get(number="A02")
    assert scanned.needs_review and not scanned.has_text_layer
    assert scanned.articles.count() == 0 and scanned.review_reasons
    assert "需人工复核 1 版（A02）" in out


def test_reimport_swaps_atomically(
    paper, client, issue_dir, other_issue_dir, django_capture_on_commit_callbacks
):
    run_import(issue_dir, "--publish")
    old_title = PrintArticle.objects.filter(page__number="A01").first().title
    old_files = set(importer.issue_files(Issue.objects.get()))
    url = f"/epaper/shili/{DAY}/A01/"
    seen_during_import = []

    def progress(done, total, number):
        # Pages are rendered into new files while readers still get the old issue.
        seen_during_import.append(old_title in client.get(url).content.decode())

    with django_capture_on_commit_callbacks(execute=True):
        result = importer.import_issue(
            other_issue_dir, paper, dt.date(2026, 3, 2), progress=progress
        )
    assert seen_during_import == [True, True]
    assert result.replaced and result.issue.published and result.issue.number == 1
    assert Issue.objects.count() == 1 and result.issue.pages.count() == 2
    assert old_title not in client.get(url).content.decode()
    assert old_files and not (old_files & media_files()), "old files not cleaned after commit"
    assert set(importer.issue_files(result.issue)) <= media_files()


def test_failed_reimport_leaves_old_issue(paper, client, issue_dir, other_issue_dir, monkeypatch):
    run_import(issue_dir, "--publish")
    before_rows = list(PrintArticle.objects.values_list("pk", "title"))
    before_files = media_files()
    real = importer.create_page

    def fail_on_second_page(issue, index, prepared, links):
        if index == 1:
            raise RuntimeError("disk full")
        return real(issue, index, prepared, links)

    monkeypatch.setattr(importer, "create_page", fail_on_second_page)
    with pytest.raises(RuntimeError, match="disk full"):
        importer.import_issue(other_issue_dir, paper, dt.date(2026, 3, 2))
    assert list(PrintArticle.objects.values_list("pk", "title")) == before_rows
    assert media_files() == before_files
    assert client.get(f"/epaper/shili/{DAY}/A03/").status_code == 200


def test_reimport_keeps_an_edited_release_time(paper, issue_dir, other_issue_dir):
    run_import(issue_dir)
    later = timezone.make_aware(dt.datetime(2026, 3, 2, 6, 30))
    Issue.objects.update(release_at=later)
    result = importer.import_issue(other_issue_dir, paper, dt.date(2026, 3, 2))
    assert result.replaced and Issue.objects.get().release_at == later


@pytest.mark.parametrize("workers", [1, 2])
def test_pages_render_side_by_side_in_order(paper, issue_dir, settings, workers):
    settings.BAOSHE_EPAPER_RENDER_WORKERS = workers
    seen = []
    result = importer.import_issue(
        issue_dir, paper, dt.date(2026, 3, 2), progress=lambda d, t, n: seen.append((d, t, n))
    )
    assert seen == [(1, 3, "A01"), (2, 3, "A02"), (3, 3, "A03")]
    pages = list(result.issue.pages.order_by("sort_order"))
    assert [p.number for p in pages] == ["A01", "A02", "A03"]
    assert all(p.articles.exists() for p in pages)


def test_a_page_failing_while_another_renders_leaves_no_file(
    paper, issue_dir, settings, monkeypatch
):
    settings.BAOSHE_EPAPER_RENDER_WORKERS = 2
    before = media_files()
    real = importer.prepare_page

    def fail_second(source, folder, written, renderer=None, limits=None):
        if source.number == "A02":
            raise importer.PdfImportError("A02.pdf", "render failed")
        return real(source, folder, written, renderer, limits)

    monkeypatch.setattr(importer, "prepare_page", fail_second)
    with pytest.raises(importer.PdfImportError, match="render failed"):
        importer.import_issue(issue_dir, paper, dt.date(2026, 3, 2))
    assert not Issue.objects.exists()
    assert media_files() == before  # the pages rendered around the failure are removed too
