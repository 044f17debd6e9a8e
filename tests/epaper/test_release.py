"""Releasing an issue: release time, review before publishing, private media, roles.

An issue is public when it is published and its ``release_at`` (default: 00:00 of its date
in Asia/Shanghai) has passed; before that every reader URL and every URL of its files is a
404 for anyone without the e-paper change permission. Publishing needs every page reviewed,
or the logged override of a user holding ``epaper.publish_unreviewed_issue`` (总编辑).
"""

import datetime as dt
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from baoshe.epaper.models import Issue, PrintArticle, PrintImage, PrintPage, Publication
from baoshe.epaper.templatetags.epaper_tags import print_edition
from baoshe.workflow import roles

DAY = dt.date(2026, 3, 2)
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
ISSUE_URL = "/epaper/shili/2026-03-02/"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def paper(db):
    return Publication.objects.create(slug="shili", name="示例日报")


def make_issue(paper, *, released=False, reviewed=True, date=DAY):
    """A published issue of two pages, its files really stored, released or not (yet)."""
    issue = Issue.objects.create(publication=paper, date=date, number=42, published=True)
    if not released:
        Issue.objects.filter(pk=issue.pk).update(release_at=timezone.now() + dt.timedelta(hours=3))
        issue.refresh_from_db()
    folder = f"epaper/shili/{date}/abcd1234"
    for i, number in enumerate(("A01", "A02")):
        names = {
            role: default_storage.save(f"{folder}/{number}{suffix}", ContentFile(body))
            for role, suffix, body in (
                ("pdf", ".pdf", b"%PDF-1.4 secret page"),
                ("image_large", ".jpg", b"\xff\xd8large"),
                ("image_screen", ".webp", b"RIFFscreen"),
                ("thumbnail", "-thumb.webp", b"RIFFthumb"),
            )
        }
        page = PrintPage.objects.create(
            issue=issue,
            number=number,
            name="要闻",
            sort_order=i,
            width_pt=992.0,
            height_pt=1417.0,
            screen_width=1000,
            screen_height=1429,
            large_width=1800,
            reviewed=reviewed,
            **names,
        )
        article = PrintArticle.objects.create(
            page=page,
            order=0,
            title=f"{number}版头条",
            body="第一段",
            hotspots=[[[10, 10], [300, 10], [300, 300], [10, 300]]],
            confidence=0.8,
        )
        crop = default_storage.save(f"{folder}/{number}-photo.jpg", ContentFile(b"\xff\xd8crop"))
        PrintImage.objects.create(article=article, image=crop, bbox=[10, 10, 100, 100])
    return issue


def file_urls(issue):
    """Every URL the system emits for the issue's files, plus the raw MEDIA_URL paths."""
    urls = []
    for page in issue.pages.all():
        for field in (page.pdf, page.image_large, page.image_screen, page.thumbnail):
            urls += [field.url, f"/media/{field.name}"]
        for image in PrintImage.objects.filter(article__page=page):
            urls += [image.image.url, f"/media/{image.image.name}"]
    return urls


def reader_urls():
    return [ISSUE_URL, f"{ISSUE_URL}A01/", f"{ISSUE_URL}A02/", f"{ISSUE_URL}A01/1/"]


@pytest.fixture
def people(db, django_user_model):
    if Group.objects.filter(name__in=roles.ALL_ROLES).count() < len(roles.ALL_ROLES):
        roles.ensure_roles()
    users = {}
    for key, role in (
        ("layout", roles.LAYOUT_EDITOR),
        ("reporter", roles.REPORTER),
        ("chief", roles.CHIEF),
        ("manager", roles.ADMIN),
    ):
        user = django_user_model.objects.create_user(key, password=f"pw-{key}-1")
        user.groups.add(Group.objects.get(name=role))
        users[key] = user
    return users


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# --- release time ------------------------------------------------------------------------


def test_release_at_defaults_to_midnight_of_the_issue_date_in_shanghai(paper):
    issue = Issue.objects.create(publication=paper, date=DAY, number=1)
    assert issue.release_at == dt.datetime(2026, 3, 2, tzinfo=SHANGHAI)
    issue.date = dt.date(2026, 3, 3)  # a default release time follows a corrected date
    issue.save()
    assert issue.release_at == dt.datetime(2026, 3, 3, tzinfo=SHANGHAI)


def test_unreleased_issue_is_invisible_to_readers_and_non_editors(paper, people, article):
    issue = make_issue(paper, released=False)
    PrintArticle.objects.filter(page__issue=issue, order=0).update(web_article=article)
    for who in (None, people["reporter"]):
        client = client_for(who)
        assert "0302" not in client.get("/epaper/").content.decode()
        assert "A01版头条" not in client.get("/epaper/").content.decode()
        assert "A01版头条" not in client.get("/epaper/shili/").content.decode()
        for url in reader_urls():
            assert client.get(url).status_code == 404, url
        for url in file_urls(issue):
            assert client.get(url).status_code == 404, url
    assert print_edition(article) is None  # no 数字报 link on the web article yet
    # the e-paper's editors preview it, and its files are never cached
    editor = client_for(people["layout"])
    for url in reader_urls():
        assert editor.get(url).status_code == 200, url
    page = issue.pages.get(number="A01")
    response = editor.get(page.pdf.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 secret page"
    assert response["Cache-Control"] == "private, no-store"
    # a reporter has no preview: the same 404 as a missing file
    assert client_for(people["reporter"]).get(page.image_screen.url).status_code == 404


def test_issue_appears_at_its_release_time_without_anyone_touching_it(paper, article):
    issue = make_issue(paper, released=False)
    PrintArticle.objects.filter(page__issue=issue, order=0).update(web_article=article)
    client = Client()
    assert client.get(f"{ISSUE_URL}A01/").status_code == 404
    # time passes: the release time is now in the past
    Issue.objects.filter(pk=issue.pk).update(release_at=timezone.now() - dt.timedelta(seconds=1))
    assert "A01版头条" in client.get("/epaper/").content.decode()
    for url in reader_urls():
        assert client.get(url).status_code == 200, url
    page = issue.pages.get(number="A01")
    html = client.get(f"{ISSUE_URL}A01/").content.decode()
    assert page.image_screen.url in html and page.pdf.url in html
    assert "/media/epaper/" not in html.replace("/epaper/media/epaper/", "")
    response = client.get(page.image_screen.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert print_edition(article)["url"] == "/epaper/shili/2026-03-02/A01/1/"
    # the raw MEDIA_URL never serves the e-paper's folder, released or not
    assert client.get(f"/media/{page.pdf.name}").status_code == 404


def test_unpublished_issue_stays_hidden_after_its_release_time(paper):
    issue = make_issue(paper, released=True)
    Issue.objects.filter(pk=issue.pk).update(published=False)
    assert Client().get(f"{ISSUE_URL}A01/").status_code == 404
    page = issue.pages.first()
    assert Client().get(page.thumbnail.url).status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "epaper/shili/2026-03-02/abcd1234/none.pdf",
        "epaper/../secret.txt",
        "epaper/shili/2026-03-02/abcd1234/A01.pdf/..",
    ],
)
def test_media_view_serves_only_recorded_files(paper, name, client):
    make_issue(paper, released=True)
    assert client.get(f"/epaper/media/{name}").status_code == 404


# --- review before publishing ---------------------------------------------------------------


def publish(client, issue, **extra):
    return client.post(f"/admin/epaper/issue/{issue.pk}/", {"action": "publish", **extra})


def test_publish_is_refused_while_pages_are_not_reviewed(paper, people):
    issue = make_issue(paper, released=True, reviewed=False)
    Issue.objects.filter(pk=issue.pk).update(published=False)
    layout = client_for(people["layout"])
    html = layout.get(f"/admin/epaper/issue/{issue.pk}/").content.decode()
    assert html.count('data-reviewed="0"') == 2 and "0.8" in html
    response = publish(layout, issue, override="1", override_reason="赶时间")
    assert response.status_code == 302
    issue.refresh_from_db()
    assert not issue.published and issue.override_by is None
    message = layout.get(f"/admin/epaper/issue/{issue.pk}/").content.decode()
    assert "A01, A02" in message
    # marking every page reviewed (who and when are kept) makes publishing possible
    for page in issue.pages.all():
        layout.post(f"/admin/epaper/page/{page.pk}/review/", {"reviewed": "1"})
        page.refresh_from_db()
        assert page.reviewed and page.reviewed_by == people["layout"] and page.reviewed_at
    publish(layout, issue)
    issue.refresh_from_db()
    assert issue.published and issue.override_by is None


def test_chief_may_override_with_a_reason_which_is_logged(paper, people):
    issue = make_issue(paper, released=True, reviewed=False)
    Issue.objects.filter(pk=issue.pk).update(published=False)
    chief = client_for(people["chief"])
    publish(chief, issue)  # no explicit override: refused
    issue.refresh_from_db()
    assert not issue.published
    publish(chief, issue, override="1", override_reason="")  # no reason: refused
    issue.refresh_from_db()
    assert not issue.published
    publish(chief, issue, override="1", override_reason="印厂已开机，先发布")
    issue.refresh_from_db()
    assert issue.published
    assert issue.override_by == people["chief"] and issue.override_at is not None
    assert issue.override_reason == "印厂已开机，先发布"
    html = chief.get(f"/admin/epaper/issue/{issue.pk}/").content.decode()
    assert "印厂已开机，先发布" in html


# --- issue settings and deletion ----------------------------------------------------------


def test_number_and_release_time_are_editable(paper, people):
    issue = make_issue(paper, released=True)
    layout = client_for(people["layout"])
    url = f"/admin/epaper/issue/{issue.pk}/"
    response = layout.post(
        url, {"action": "settings", "number": "7788", "release_at": "2030-01-01T06:30"}
    )
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.number == 7788
    assert issue.release_at == dt.datetime(2030, 1, 1, 6, 30, tzinfo=SHANGHAI)
    assert Client().get(ISSUE_URL).status_code == 404  # moved to the future: hidden again
    for bad in ({"number": "-1", "release_at": "2030-01-01T06:30"}, {"number": "1"}):
        response = layout.post(url, {"action": "settings", **bad})
        assert response.status_code == 200  # the form with its error, never a 500
    response = layout.post(
        url, {"action": "settings", "number": "1", "release_at": "2030-13-45T99:00"}
    )
    assert response.status_code == 200
    issue.refresh_from_db()
    assert issue.number == 7788
    assert layout.post(url, {"action": "nonsense"}).status_code == 400


def test_delete_issue_with_its_files_after_confirming(
    paper, people, django_capture_on_commit_callbacks
):
    issue = make_issue(paper, released=True)
    names = issue.file_names()
    assert len(names) == 10 and all(default_storage.exists(n) for n in names)
    layout = client_for(people["layout"])
    url = f"/admin/epaper/issue/{issue.pk}/delete/"
    assert layout.get(url).status_code == 200  # the confirm step
    assert Issue.objects.filter(pk=issue.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = layout.post(url)
    assert response.status_code == 302
    assert not Issue.objects.filter(pk=issue.pk).exists()
    assert not any(default_storage.exists(n) for n in names)


# --- roles ------------------------------------------------------------------------------------


def refused(response) -> bool:
    """Wagtail answers an admin view's PermissionDenied with 403, or a redirect to the
    dashboard with a "no permission" message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == "/admin/"
    )


def test_layout_editor_can_and_reporter_cannot(paper, people):
    issue = make_issue(paper, released=False)
    page = issue.pages.first()
    layout, reporter = client_for(people["layout"]), client_for(people["reporter"])
    for url in (
        "/admin/epaper/",
        f"/admin/epaper/issue/{issue.pk}/",
        f"/admin/epaper/issue/{issue.pk}/delete/",
        f"/admin/epaper/page/{page.pk}/",
    ):
        assert layout.get(url).status_code == 200, url
        assert refused(reporter.get(url)), url
    for url, data in (
        (f"/admin/epaper/issue/{issue.pk}/", {"action": "unpublish"}),
        (f"/admin/epaper/issue/{issue.pk}/delete/", {}),
        (f"/admin/epaper/page/{page.pk}/review/", {"reviewed": "0"}),
    ):
        assert refused(reporter.post(url, data)), url
    issue.refresh_from_db()
    page.refresh_from_db()
    assert issue.published and page.reviewed
    assert people["layout"].has_perm("epaper.delete_issue")
    assert not people["layout"].has_perm("epaper.publish_unreviewed_issue")
    assert people["chief"].has_perm("epaper.publish_unreviewed_issue")
    assert people["manager"].has_perm("epaper.delete_issue")
