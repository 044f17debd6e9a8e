"""Every kind of change reaches the cached pages that show it, and only through the cache
layer readers actually meet (``CachedPages`` in front of Django)."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.actions.unpublish import UnpublishAction

from baoshe.core.scheduling import run_due
from baoshe.epaper.models import Issue, Publication
from baoshe.pagecache.purge import urls_for
from tests.epaper.test_reader import make_issue
from tests.factories import make_article, make_column, paper_settings
from tests.pagecache.conftest import request_withdrawal

pytestmark = pytest.mark.django_db

LISTS = ("/", "/rss.xml")


def warm(reader, *paths):
    for path in paths:
        answer = reader.twice(path)
        assert answer.status_code == 200 and answer.hit, path


def test_publishing_a_new_article_reaches_home_column_and_feeds(reader, column, article):
    warm(reader, *LISTS, column.url, f"{column.url}rss.xml")
    fresh = make_article(column, title="刚刚发布的新稿件")
    for path in (*LISTS, column.url, f"{column.url}rss.xml"):
        assert fresh.title in reader.get(path).text, path
    assert reader.twice(fresh.url).hit


def test_editing_a_live_article_reaches_its_page_and_lists(reader, column, article):
    month = timezone.localtime(article.first_published_at).strftime("%Y-%m")
    sitemaps = ("/sitemap-news.xml", f"/sitemap-{month}.xml")
    warm(reader, article.url, *LISTS, column.url, *sitemaps)
    article.title = "改过标题的稿件"
    article.save_revision().publish()
    for path in (article.url, *LISTS, column.url):
        answer = reader.get(path)
        assert "改过标题的稿件" in answer.text and not answer.hit, path
    assert "改过标题的稿件" in reader.get("/sitemap-news.xml").text  # it prints titles
    assert not reader.get(f"/sitemap-{month}.xml").hit


def test_saving_a_draft_of_a_live_article_changes_nothing_readers_see(reader, article):
    warm(reader, article.url)
    article.title = "草稿里的新标题"
    article.save_revision()
    answer = reader.twice(article.url)
    assert answer.hit and "草稿里的新标题" not in answer.text


def test_unpublishing_takes_the_article_off_every_page(reader, column, article, editor):
    warm(reader, article.url, *LISTS, column.url)
    UnpublishAction(article, user=editor).execute(skip_permission_checks=True)
    assert reader.get(article.url).status_code == 404
    for path in (*LISTS, column.url):
        assert article.title not in reader.get(path).text, path


def test_withdrawal_through_review_leaves_no_cached_copy(reader, column, article, admin_client):
    warm(reader, article.url, *LISTS, column.url, "/sitemap.xml")
    withdrawal, review = request_withdrawal(admin_client, article)
    admin_client.post(review, {"decision": "approve"})
    assert reader.twice(article.url).status_code == 200  # 二审 alone changes nothing
    admin_client.post(review, {"decision": "approve"})
    withdrawal.refresh_from_db()
    assert withdrawal.state == "approved"
    gone = reader.get(article.url)
    assert gone.status_code == 410 and not gone.hit
    assert reader.get(article.url).status_code == 410  # a 410 is never kept
    for path in (*LISTS, column.url):
        assert article.title not in reader.get(path).text, path


def test_a_correction_appears_on_the_cached_article(reader, article, admin_client):
    warm(reader, article.url)
    admin_client.post(
        f"/admin/workflow/article/{article.pk}/correct/", {"text": "第二段应为五日。"}
    )
    from baoshe.workflow.models import Correction

    correction = Correction.objects.get()
    review = f"/admin/workflow/request/correction/{correction.pk}/review/"
    admin_client.post(review, {"decision": "approve"})
    admin_client.post(review, {"decision": "approve"})
    assert "第二段应为五日。" in reader.get(article.url).text


def test_moving_an_article_purges_both_columns(reader, home, column, article):
    other = make_column(home, "体育", "tiyu")
    old_url = article.url
    warm(reader, old_url, column.url, other.url)
    article.column = other
    article.save_revision().publish()
    moved = reader.get(old_url)
    assert moved.status_code == 301 and moved.headers["Location"].endswith(
        f"/tiyu/{article.pk}.html"
    )
    assert article.title not in reader.get(column.url).text
    assert article.title in reader.get(other.url).text


def test_renaming_a_column_reaches_every_page(reader, column, article):
    warm(reader, article.url, "/", column.url)
    column.title = "本地新闻"
    column.save_revision().publish()
    for path in (article.url, "/", column.url):
        assert "本地新闻" in reader.get(path).text, path


def test_site_settings_reach_every_page(reader, column, article):
    warm(reader, article.url, "/", column.url)
    settings = paper_settings()
    settings.icp_number = "示ICP备12345678号"
    settings.save()
    for path in (article.url, "/", column.url):
        assert "示ICP备12345678号" in reader.get(path).text, path


def test_hooks_name_exactly_the_pages_an_article_is_on(home, column, article):
    sub = make_column(column, "区县", "quxian")
    inner = make_article(sub, title="区县稿件")
    paths = urls_for(inner)
    month = timezone.localtime(inner.first_published_at).strftime("%Y-%m")
    assert {
        inner.url,
        sub.url,
        column.url,
        "/",
        "/rss.xml",
        f"{sub.url}rss.xml",
        f"{column.url}rss.xml",
        "/sitemap.xml",
        "/sitemap-news.xml",
        f"/sitemap-{month}.xml",
    } <= paths
    assert article.url not in paths
    assert "*" in urls_for(paper_settings())


def test_an_issue_released_later_appears_at_its_time_by_the_clock(reader):
    """A page kept before the next issue's release time is forgotten at that time, by the
    scheduler's tick, with nobody touching anything."""
    paper = Publication.objects.create(slug="shili", name="示例日报")
    make_issue(paper, dt.date(2026, 3, 1), pages=("A01",), number=1)
    upcoming = make_issue(paper, dt.date(2026, 3, 2), pages=("A01",), number=2)
    release = timezone.now() + dt.timedelta(minutes=5)
    Issue.objects.filter(pk=upcoming.pk).update(release_at=release)
    before = reader.twice("/epaper/")
    assert before.hit and "2026-03-01" in before.text and "2026-03-02" not in before.text
    run_due(now=timezone.now())
    assert reader.get("/epaper/").hit
    run_due(now=release + dt.timedelta(seconds=1))
    Issue.objects.filter(pk=upcoming.pk).update(release_at=timezone.now())
    after = reader.get("/epaper/")
    assert not after.hit and "2026-03-02" in after.text


def test_publishing_an_issue_reaches_the_e_paper_and_the_home_page(reader, home):
    paper = Publication.objects.create(slug="shili", name="示例日报")
    make_issue(paper, dt.date(2026, 3, 1), pages=("A01",), number=1)
    upcoming = make_issue(paper, dt.date(2026, 3, 2), pages=("A01",), number=2, published=False)
    warm(reader, "/epaper/", "/epaper/shili/2026-03-01/A01/")
    upcoming.published = True
    upcoming.save()
    assert "2026-03-02" in reader.get("/epaper/").text
    assert not reader.get("/epaper/shili/2026-03-01/A01/").hit
