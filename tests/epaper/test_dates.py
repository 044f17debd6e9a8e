"""Issue dates outside 1900-01-01..2100-12-31 (defect 5).

Before: an issue dated 9999-12 made ``/epaper/`` answer 500 for every reader (the calendar's
"next month" overflowed), and ``--date 9999-12-31`` / ``0001-01-01`` crashed the import with
an uncaught OverflowError. Now forms, models and the command refuse such dates with a
message, and the reader never fails even if a script stored such a row.
"""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, RequestFactory

from baoshe.epaper import views
from baoshe.epaper.importer import import_issue
from baoshe.epaper.models import ImportJob, Issue, PrintArticle, PrintPage, Publication
from baoshe.epaper.pdfcheck import PdfImportError
from baoshe.epaper.templatetags.epaper_tags import print_edition
from baoshe_demo.pdfgen import generate_issue
from tests.epaper.test_reader import make_issue

OUT_OF_RANGE = ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"]
MESSAGE = "出版日期须在 1900-01-01 至 2100-12-31 之间"


@pytest.fixture
def paper(db):
    return Publication.objects.create(slug="shili", name="示例日报")


@pytest.fixture(scope="module")
def one_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("one-page")
    page = generate_issue(seed=4, n_pages=1).pages[0]
    (folder / page.filename).write_bytes(page.pdf_bytes)
    return folder, page


# --- reader ---------------------------------------------------------------------------------


@pytest.mark.parametrize("stray", [dt.date(9999, 12, 31), dt.date(9999, 12, 1), dt.date(1, 1, 1)])
def test_reader_survives_stray_issue_dates(paper, admin_client, stray):
    """A row a script stored at the edge of Python's dates: no 500 anywhere, and it is hidden."""
    make_issue(paper, dt.date(2026, 3, 2), number=7)
    make_issue(paper, stray, number=8)
    month = f"{stray.year:04d}-{stray.month:02d}"
    for c in (Client(), admin_client):
        html = c.get("/epaper/").content.decode()
        assert "2026年3月2日" in html and "第7期" in html
        response = c.get("/epaper/shili/")
        assert response.status_code == 200 and "第7期" in response.content.decode()
        page = c.get("/epaper/shili/2026-03-02/A01/")
        assert page.status_code == 200
        assert stray.isoformat() not in page.content.decode()  # no link to it
        assert c.get(f"/epaper/shili/{stray.isoformat()}/").status_code == 404
        assert c.get(f"/epaper/shili/{stray.isoformat()}/A01/1/").status_code == 404
        assert c.get(f"/epaper/shili/2026-03-02/A01/?month={month}").status_code == 404
    assert admin_client.get("/admin/epaper/").status_code == 200


def test_reader_with_only_stray_issues_shows_empty_page(paper, client):
    make_issue(paper, dt.date(9999, 12, 31), number=1)
    make_issue(paper, dt.date(1, 1, 1), number=2)
    response = client.get("/epaper/")
    assert response.status_code == 200 and "暂无数字报" in response.content.decode()


@pytest.mark.parametrize(
    "day, prev, nxt",
    [
        (dt.date(9999, 12, 31), "2026-03", ""),
        (dt.date(1, 1, 1), "", "2026-03"),
        (dt.date(2100, 12, 31), "2026-03", ""),
        (dt.date(1900, 1, 1), "", "2026-03"),
    ],
)
def test_month_calendar_arithmetic_cannot_overflow(paper, editor, day, prev, nxt):
    """The calendar of an issue at the very edges of Python's date range still computes."""
    make_issue(paper, dt.date(2026, 3, 2), number=7)
    request = RequestFactory().get("/")
    request.user = editor
    cal = views.month_calendar(request, Issue(publication=paper, date=day), None)
    assert cal["month"] == day.replace(day=1)
    assert (cal["prev"], cal["next"]) == (prev, nxt)
    assert [d["day"] for week in cal["weeks"] for d in week if d["day"]] == list(range(1, 32))
    assert [d for week in cal["weeks"] for d in week if d["current"]][0]["day"] == day.day


# --- model, admin form, command, importer ---------------------------------------------------


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_model_validation_refuses_out_of_range(paper, value):
    day = dt.date.fromisoformat(value)
    for obj in (
        Issue(publication=paper, date=day),
        ImportJob(publication=paper, date=day, upload_dir="x"),
    ):
        with pytest.raises(ValidationError) as info:
            obj.full_clean()
        assert info.value.message_dict["date"] == [MESSAGE]


@pytest.mark.parametrize("value", ["1900-01-01", "2100-12-31", "2026-03-02"])
def test_model_validation_accepts_range(paper, value):
    Issue(publication=paper, date=dt.date.fromisoformat(value)).full_clean()


@pytest.mark.parametrize("value", [*OUT_OF_RANGE, "10000-01-01"])
def test_admin_upload_refuses_out_of_range(admin_client, paper, one_page, value):
    _, page = one_page
    response = admin_client.post(
        "/admin/epaper/",
        {
            "publication": paper.pk,
            "date": value,
            "files": [SimpleUploadedFile("A01.pdf", page.pdf_bytes, "application/pdf")],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert MESSAGE in html or "输入一个有效的日期" in html
    if value != "10000-01-01":
        assert MESSAGE in html
    assert not ImportJob.objects.exists() and not Issue.objects.exists()


def test_admin_upload_form_bounds_the_date_picker(admin_client, paper):
    html = admin_client.get("/admin/epaper/").content.decode()
    assert 'min="1900-01-01"' in html and 'max="2100-12-31"' in html


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_command_refuses_out_of_range(paper, one_page, value):
    folder, _ = one_page
    with pytest.raises(CommandError) as info:
        call_command(
            "epaper",
            "import",
            str(folder),
            "--publication",
            "shili",
            "--date",
            value,
            stdout=io.StringIO(),
        )
    assert MESSAGE in str(info.value) and value in str(info.value)
    assert not Issue.objects.exists() and not PrintPage.objects.exists()


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_import_issue_refuses_out_of_range(paper, one_page, value):
    """Callers other than the command (the admin task) get the importer's normal refusal."""
    folder, _ = one_page
    with pytest.raises(PdfImportError) as info:
        import_issue(folder, paper, dt.date.fromisoformat(value))
    assert MESSAGE in str(info.value)
    assert not Issue.objects.exists()


def test_web_page_does_not_point_to_a_stray_issue(paper, article):
    """见数字报 on a web article never links to an issue the reader would not show."""
    issue = make_issue(paper, dt.date(9999, 12, 31), pages=("A01",), number=9)
    PrintArticle.objects.filter(page__issue=issue, order=0).update(web_article=article)
    assert print_edition(article) is None
    issue.date = dt.date(2026, 3, 2)
    issue.save()
    assert print_edition(article)["url"] == "/epaper/shili/2026-03-02/A01/1/"
