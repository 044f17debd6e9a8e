"""Reader and import fixes of the 数字报: absolute canonical links, the 文字版 markup, spaces
kept inside 引题, 版次/版名 read from page headers of a merged PDF, and the import job page's
status (progress, end state)."""

import datetime as dt
import io

import pypdfium2 as pdfium
import pytest
from django.test import override_settings
from reportlab.pdfgen.canvas import Canvas

from baoshe.epaper import importer
from baoshe.epaper.models import ImportJob, PrintPage, Publication
from baoshe.epaper.segment import HeaderLine, segment_page
from baoshe_demo.pdfgen import ArticleSpec, generate_issue, write_issue
from tests.epaper.test_reader import DAY, make_issue

BASE = "https://news.example.com"


@pytest.fixture
def paper(db):
    return Publication.objects.create(slug="shili", name="示例日报")


# --- canonical links are absolute -----------------------------------------------------


@override_settings(BAOSHE_BASE_URL=BASE)
def test_canonical_links_are_absolute(paper, client):
    make_issue(paper, DAY)
    for url in ("/epaper/", "/epaper/shili/2026-03-02/", "/epaper/shili/2026-03-02/A02/"):
        html = client.get(url).content.decode()
        page = "A01" if not url.endswith("A02/") else "A02"
        assert f'<link rel="canonical" href="{BASE}/epaper/shili/2026-03-02/{page}/">' in html
    html = client.get("/epaper/shili/2026-03-02/A01/2/").content.decode()
    assert f'<link rel="canonical" href="{BASE}/epaper/shili/2026-03-02/A01/2/">' in html


@override_settings(BAOSHE_BASE_URL=BASE + "/")
def test_canonical_of_the_empty_page_is_absolute(db, client):
    html = client.get("/epaper/").content.decode()
    assert f'<link rel="canonical" href="{BASE}/epaper/">' in html


# --- 文字版 -------------------------------------------------------------------------------


def test_page_carries_the_text_version(paper, client):
    make_issue(paper, DAY)
    html = client.get("/epaper/shili/2026-03-02/A01/").content.decode()
    assert 'id="ep-text"' in html and 'class="ep-title-list ep-text-list"' in html
    assert html.count("<article>") == 3
    assert '<p class="kicker">引题</p>' in html and "——副题文字" in html
    assert '<p class="ep-text__lead">第一段正文。</p>' in html
    assert 'id="ep-mode-image" aria-pressed="true"' in html and 'data-mode="image"' in html
    assert "返回版面图" in html and "阅读全文" in html
    assert 'class="ep-zoom-tools"' in html


# --- spaces inside 引题 --------------------------------------------------------------------


def test_kicker_keeps_its_inner_space():
    spec = ArticleSpec(
        title="示例市与蓝湾市签署友好合作协议",
        kicker="两市市长视频通话 共话务实合作",
        subtitle="在经贸 文旅等领域深化合作",
        paragraphs=["11月23日上午，示例市市长与蓝湾市市长举行视频通话。" * 12],
    )
    page = generate_issue(7, 1, articles=[spec]).pages[0]
    lead = segment_page(page.pdf_bytes, 0).articles[0]
    assert lead.kicker == "两市市长视频通话 共话务实合作"
    assert lead.title == "示例市与蓝湾市签署友好合作协议"
    assert lead.subtitle == "在经贸 文旅等领域深化合作"
    # the body still has no spaces between Chinese characters
    assert " " not in "".join(lead.paragraphs)


# --- 版次/版名 from the page headers of a merged PDF ------------------------------------------


def merge(folder, names, target):
    merged = pdfium.PdfDocument.new()
    for name in names:
        merged.import_pages(pdfium.PdfDocument(str(folder / name)))
    merged.save(str(target))
    return target


def test_merged_pdf_without_manifest_takes_numbers_and_names_from_headers(paper, tmp_path):
    folder = tmp_path / "pages"
    issue = write_issue(folder, seed=5, n_pages=8, date=dt.date(2026, 3, 2))
    # the 8-page issue's last page is a scan (no header text): it follows A07
    target = merge(folder, [p.filename for p in issue.pages], tmp_path / "merged.pdf")
    importer.import_issue(target, paper, dt.date(2026, 3, 2))
    got = list(PrintPage.objects.order_by("sort_order").values_list("number", "name"))
    want = [(p.number, p.name) for p in issue.pages]
    assert got[:7] == want[:7]
    assert got[7] == ("A08", "")
    assert got[0] == ("A01", "要闻")
    assert PrintPage.objects.get(number="A03").image_screen.name.split("/")[-1].startswith("A03")


def blank_pages(count, label=None):
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(600, 800))
    for i in range(count):
        canvas.setFont("Helvetica", 12)
        canvas.drawString(60, 400, (label or "Page text without a header {}").format(i))
        canvas.drawString(60, 380, "More words on the page, to give it a text layer.")
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def test_merged_pdf_without_headers_keeps_numbering_by_position(paper, tmp_path):
    (tmp_path / "plain.pdf").write_bytes(blank_pages(3))
    importer.import_issue(tmp_path / "plain.pdf", paper, dt.date(2026, 3, 2))
    assert list(PrintPage.objects.values_list("number", "name")) == [
        ("01", ""),
        ("02", ""),
        ("03", ""),
    ]


def line(text, x0, y0, x1, y1, size=12):
    return HeaderLine(text, [x0, y0, x1, y1], size)


@pytest.mark.parametrize(
    ("lines", "heading"),
    [
        ([line("A01 要闻", 900, 90, 950, 102)], ("A01", "要闻")),
        ([line("第A05版 体育", 900, 90, 970, 102)], ("A05", "体育")),
        ([line("a3", 40, 30, 70, 54, 24), line("城事", 102, 35, 140, 53, 18)], ("A03", "城事")),
        ([line("B02", 40, 30, 70, 54, 24)], ("B02", "")),
        (
            [
                line("2025年6月18日 星期三", 800, 40, 950, 52),
                line("第1024期 今日8版", 800, 57, 950, 69),
            ],
            None,
        ),
        ([line("3", 40, 30, 50, 42)], None),
        ([line("A01 国内统一连续出版物号很长的名字", 40, 30, 400, 42)], None),
    ],
)
def test_page_heading(lines, heading):
    assert importer.page_heading(lines) == heading


def test_duplicate_headers_fall_back_to_position(tmp_path):
    sources = [importer.SourcePage(f"{i + 1:02d}", "", "x.pdf", i, False, True) for i in range(3)]
    sources[0].heading = ("A01", "要闻")
    sources[1].heading = ("A01", "要闻")
    importer.resolve_headings(sources)
    assert [s.number for s in sources] == ["01", "02", "03"]
    sources[1].heading = None
    sources[2].heading = ("A03", "城事")
    importer.resolve_headings(sources)
    assert [(s.number, s.name) for s in sources] == [("A01", "要闻"), ("A02", ""), ("A03", "城事")]


# --- the import job page ------------------------------------------------------------------


def job_of(paper, **fields):
    fields.setdefault("messages", ["已上传 2 个文件，等待导入。"])
    return ImportJob.objects.create(
        publication=paper, date=dt.date(2026, 3, 2), upload_dir="epaper-uploads/x", **fields
    )


def test_job_status_reports_progress_then_the_end_state(admin_client, paper):
    job = job_of(paper)
    url = f"/admin/epaper/job/{job.pk}/status/"
    response = admin_client.get(url)
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    status = response.json()
    assert status["status"] == "pending" and not status["finished"]
    assert status["summary"] == "排队等待导入……"

    ImportJob.objects.filter(pk=job.pk).update(
        status="running", pages_done=3, pages_total=8, progress=35
    )
    status = admin_client.get(url).json()
    assert status["summary"] == "正在导入：已处理 3/8 版" and not status["finished"]

    issue = make_issue(paper, DAY)
    done = "导入完成：版面 2，识别稿件 6 篇，关联网络稿件 0 篇，待复核版面 0（无）。"
    ImportJob.objects.filter(pk=job.pk).update(
        status="done",
        pages_done=2,
        pages_total=2,
        progress=100,
        issue=issue,
        messages=["已上传 2 个文件，等待导入。", done],
    )
    status = admin_client.get(url).json()
    assert status["finished"] and status["status_display"] == "已完成"
    assert status["summary"] == done and status["failed"] is False
    assert status["issue_url"] == f"/admin/epaper/issue/{issue.pk}/"
    # without JavaScript the page shows the same end state
    html = admin_client.get(f"/admin/epaper/job/{job.pk}/").content.decode()
    assert done in html and "查看并编辑本期" in html and 'data-finished="1"' in html
    assert 'id="ep-job-done" hidden' not in html


def test_job_page_shows_the_failure(admin_client, paper):
    failure = "导入失败，未做任何更改。A02.pdf：文件不完整"
    job = job_of(paper, status="failed", messages=["已上传 2 个文件，等待导入。", failure])
    status = admin_client.get(f"/admin/epaper/job/{job.pk}/status/").json()
    assert status["finished"] and status["failed"] and status["summary"] == failure
    html = admin_client.get(f"/admin/epaper/job/{job.pk}/").content.decode()
    assert failure in html and "ep-job-summary--failed" in html


def test_job_status_needs_the_permission(client, paper, django_user_model):
    job = job_of(paper)
    user = django_user_model.objects.create_user("reader", password="pw-reader-1")
    client.force_login(user)
    assert client.get(f"/admin/epaper/job/{job.pk}/status/").status_code in (302, 403)
    assert client.get("/admin/epaper/job/999999/status/").status_code in (302, 403, 404)
