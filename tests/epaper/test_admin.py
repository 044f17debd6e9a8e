"""The 数字报 admin: upload → background task → progress → issue; hotspot editing; publish."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from wagtail.models import Revision

from baoshe.epaper.importer import import_issue
from baoshe.epaper.models import ImportJob, Issue, PrintArticle, PrintPage, Publication
from baoshe_demo.pdfgen import generate_issue

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(scope="module")
def two_pages():
    return generate_issue(seed=4, n_pages=2).pages


@pytest.fixture
def paper(db):
    return Publication.objects.create(slug="shili", name="示例日报")


@pytest.fixture
def page(paper, two_pages, tmp_path):
    for generated in two_pages[:1]:
        (tmp_path / generated.filename).write_bytes(generated.pdf_bytes)
    import_issue(tmp_path, paper, dt.date(2026, 3, 2))
    return PrintPage.objects.get()


def upload(admin_client, paper, *files):
    return admin_client.post(
        "/admin/epaper/",
        {"publication": paper.pk, "date": "2026-03-02", "files": list(files)},
    )


def test_menu_and_index(admin_client, paper):
    html = admin_client.get("/admin/").content.decode()
    # The sidebar menu is JSON for Wagtail's JS; non-ASCII labels are \u-escaped there.
    assert json.dumps("数字报") in html and "/admin/epaper/" in html
    response = admin_client.get("/admin/epaper/")
    assert response.status_code == 200
    assert "导入一期" in response.content.decode()
    assert admin_client.get("/admin/epaper_publications/").status_code == 200


@override_settings(TASKS=IMMEDIATE)
def test_upload_runs_task_with_progress(admin_client, paper, two_pages):
    files = [SimpleUploadedFile(p.filename, p.pdf_bytes, "application/pdf") for p in two_pages]
    response = upload(admin_client, paper, *files)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == f"/admin/epaper/job/{job.pk}/"
    status = admin_client.get(f"/admin/epaper/job/{job.pk}/status/").json()
    assert status["status"] == "done" and status["finished"] and status["progress"] == 100
    assert status["pages_done"] == status["pages_total"] == 2
    assert "导入完成：2 版" in status["messages"][-1]
    issue = Issue.objects.get()
    assert status["issue_url"] == f"/admin/epaper/issue/{issue.pk}/"
    assert not issue.published
    assert "查看并编辑本期" in admin_client.get(f"/admin/epaper/job/{job.pk}/").content.decode()


@override_settings(TASKS=IMMEDIATE)
def test_bad_upload_fails_job_without_changes(admin_client, paper, two_pages):
    good = SimpleUploadedFile("A01.pdf", two_pages[0].pdf_bytes, "application/pdf")
    bad = SimpleUploadedFile("A02.pdf", two_pages[1].pdf_bytes[:3000], "application/pdf")
    upload(admin_client, paper, good, bad)
    job = ImportJob.objects.get()
    assert (
        job.status == "failed"
        and "A02.pdf" in job.messages[-1]
        and "未做任何更改" in job.messages[-1]
    )
    assert not Issue.objects.exists()


def test_upload_form_rejects_other_files(admin_client, paper):
    response = upload(
        admin_client, paper, SimpleUploadedFile("photo.jpg", b"\xff\xd8", "image/jpeg")
    )
    assert response.status_code == 200
    assert "只能上传 PDF" in response.content.decode() and not ImportJob.objects.exists()


def test_editor_shows_page_with_hotspots(admin_client, page):
    html = admin_client.get(f"/admin/epaper/page/{page.pk}/").content.decode()
    assert 'id="ep-svg"' in html and "editor.js" in html and page.image_screen.url in html
    data = json.loads(
        html.split('id="ep-editor-data" type="application/json">')[1].split("</script>")[0]
    )
    assert len(data["articles"]) == page.articles.count() and data["articles"][0]["hotspots"]


def test_hotspot_edit_saves_revisions(admin_client, page, editor):
    articles = list(page.articles.all())
    first, second = articles[0], articles[1]
    rect = [[10, 20], [300, 20], [300, 200], [10, 200]]
    payload = {
        "reviewed": True,
        "articles": [
            {
                **_item(first),
                "title": "改过的标题",
                "hotspots": [rect, [[5, 5], [50, 5], [30, 60]]],
            },
            {"id": None, "title": "新加的稿件", "body": "一段", "hotspots": [rect]},
            *[_item(a) for a in articles[2:]],
        ],
    }
    response = admin_client.post(
        f"/admin/epaper/page/{page.pk}/save/", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["ok"]
    first.refresh_from_db()
    assert first.title == "改过的标题" and len(first.hotspots) == 2
    revision = Revision.objects.for_instance(first).get()
    assert revision.content["title"] == "改过的标题" and revision.user == editor
    assert first.latest_revision == revision
    new = PrintArticle.objects.get(title="新加的稿件")
    assert new.order == 1 and Revision.objects.for_instance(new).count() == 1
    assert not PrintArticle.objects.filter(pk=second.pk).exists()  # left out → deleted
    unchanged = articles[2]
    assert Revision.objects.for_instance(unchanged).count() == 0
    page.refresh_from_db()
    assert page.reviewed


def _item(article):
    fields = ("id", "kicker", "title", "subtitle", "byline", "body", "hotspots")
    return {name: getattr(article, name) if name != "id" else article.pk for name in fields}


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        json.dumps({"nothing": []}),
        json.dumps({"articles": [{"title": "x", "hotspots": [[[1, 2], [3, 4]]]}]}),
        json.dumps({"articles": [{"title": "x", "hotspots": [[["a", "b"], [1, 1], [2, 2]]]}]}),
        json.dumps({"articles": [{"title": "x" * 400, "hotspots": []}]}),
        # shapes a hand-made POST can send: each used to answer 500
        json.dumps([]),
        json.dumps({"articles": {"title": "x"}}),
        json.dumps({"articles": ["x"]}),
        json.dumps({"articles": [{"title": ["x"], "hotspots": []}]}),
        json.dumps({"articles": [{"title": "x", "hotspots": {"a": 1}}]}),
        json.dumps({"articles": [{"title": "x", "hotspots": [5]}]}),
        json.dumps({"articles": [{"title": "x", "hotspots": [[[None, 1], [1, 1], [2, 2]]]}]}),
        '{"articles": [{"title": "x", "hotspots": [[[NaN, 1], [1, 1], [2, 2]]]}]}',
        '{"articles": [{"title": "x", "hotspots": [[[Infinity, 1], [1, 1], [2, 2]]]}]}',
        json.dumps({"articles": [{"title": "x", "hotspots": []}] * 201}),
        "[" * 100_000,
        b"\xff\xfe not utf-8",
    ],
    ids=lambda body: (body if isinstance(body, str) else repr(body))[:40],
)
def test_bad_editor_payload_is_refused(admin_client, page, body):
    before = list(page.articles.values_list("pk", "title", "hotspots"))
    response = admin_client.post(
        f"/admin/epaper/page/{page.pk}/save/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert list(page.articles.values_list("pk", "title", "hotspots")) == before


def test_editor_drops_control_characters(admin_client, page):
    """NUL and other control characters pasted into a field are dropped, not a 500."""
    article = page.articles.first()
    body = {
        "articles": [
            {
                "id": article.pk,
                "title": "标题\x00含\x0b控制符",
                "body": "第一段\x00\n第二段",
                "hotspots": article.hotspots,
            }
        ]
    }
    response = admin_client.post(
        f"/admin/epaper/page/{page.pk}/save/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200
    article.refresh_from_db()
    assert (article.title, article.body) == ("标题含控制符", "第一段\n第二段")


def test_publish_and_review(admin_client, page, client):
    issue = page.issue
    html = admin_client.get(f"/admin/epaper/issue/{issue.pk}/").content.decode()
    assert "发布本期" in html and f"/admin/epaper/page/{page.pk}/" in html
    admin_client.post(f"/admin/epaper/page/{page.pk}/review/", {"reviewed": "1"})
    page.refresh_from_db()
    assert page.reviewed
    admin_client.post(f"/admin/epaper/issue/{issue.pk}/", {"action": "publish"})
    issue.refresh_from_db()
    assert issue.published  # every page reviewed (tests/epaper/test_release.py)


def test_admin_needs_login(client, paper):
    response = client.get("/admin/epaper/")
    assert response.status_code == 302 and "/admin/login/" in response.url
