"""The site chrome is memoised per process and follows the ``site`` version token.

Another process's view is simulated by keeping (or dropping) this process's memo while the
version file changes (or stays): a change must show on the next request of a process that
memoised the chrome before it, once the change committed, and a memo never outlives a bump.
"""

import os
import subprocess
import sys
from contextlib import contextmanager

import pytest
from django.test import Client
from wagtail.models import Page

from baoshe.core import chrome, versions
from tests.factories import make_article, make_column, paper_settings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_versions(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    versions.clear_memo()
    yield tmp_path
    versions.clear_memo()


@contextmanager
def in_another_process(capture):
    """Make a change as one process while another process holds the memo it had before.

    The change's own process forgets its memo at once; the other one only learns through the
    version token, bumped when the transaction commits.
    """
    kept = dict(versions._memo)
    with capture(execute=True):
        yield
    versions._memo.clear()
    versions._memo.update(kept)


def page_of(article) -> str:
    return Client().get(article.url).content.decode()


@pytest.fixture
def story(column):
    article = make_article(column)
    page_of(article)
    page_of(article)  # the first request also creates the settings row
    return article


# --- the token itself ---------------------------------------------------------------------


def test_a_bump_changes_the_token_and_nothing_else_does(own_versions):
    assert versions.current("site") == "0"  # never bumped
    first = versions.bump("site")
    assert versions.current("site") == first
    assert versions.current("site") == first  # reading changes nothing
    second = versions.bump("site")
    assert second != first
    assert (own_versions / "run" / "versions" / "site").is_file()


def test_many_quick_bumps_all_give_new_tokens():
    tokens = [versions.bump("site") for _ in range(50)]
    assert len(set(tokens)) == 50


def test_a_bump_in_another_process_is_seen_at_once(own_versions):
    before = versions.current("site")
    env = {**os.environ, "BAOSHE_DATA_DIR": str(own_versions)}
    env.setdefault("DJANGO_SETTINGS_MODULE", "baoshe.settings.test")
    code = "import django; django.setup(); from baoshe.core import versions; versions.bump('site')"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=120)
    assert versions.current("site") != before


def test_the_memo_recomputes_only_when_the_token_moves():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert versions.memoized("site", "k", compute) == 1
    assert versions.memoized("site", "k", compute) == 1
    versions.bump("site")  # as another process would: this memo is not told
    assert versions.memoized("site", "k", compute) == 2
    versions.clear_memo()  # a fresh process with the same token
    assert versions.memoized("site", "k", compute) == 3


def test_bad_names_are_refused():
    with pytest.raises(ValueError):
        versions.bump("../etc")


# --- what bumps it ------------------------------------------------------------------------


def test_without_a_bump_another_process_keeps_its_memo(story):
    """The control: the chrome really is memoised (a write that bypasses the signals, as a
    raw SQL update would, is not seen until the token moves)."""
    from baoshe.core.models import SiteSettings

    SiteSettings.objects.update(paper_name="未通知的报名")
    assert "未通知的报名" not in page_of(story)
    versions.bump("site")
    assert "未通知的报名" in page_of(story)


def test_settings_change(story, django_capture_on_commit_callbacks):
    with in_another_process(django_capture_on_commit_callbacks):
        paper = paper_settings()
        paper.paper_name = "新报名日报"
        paper.save()
    assert "新报名日报" in page_of(story)


def test_friend_link_added_and_deleted(story, django_capture_on_commit_callbacks):
    with in_another_process(django_capture_on_commit_callbacks):
        paper = paper_settings()
        link = paper.friend_links.create(name="兄弟报网", url="https://xiongdi.cn/")
        paper.save()  # as the settings form does: the links are saved with their parent
    assert "兄弟报网" in page_of(story)
    with in_another_process(django_capture_on_commit_callbacks):
        link.delete()
    assert "兄弟报网" not in page_of(story)


def test_column_published_unpublished_moved_deleted(
    home, story, django_capture_on_commit_callbacks
):
    with in_another_process(django_capture_on_commit_callbacks):
        sport = make_column(home, "体育新闻", "tiyu")
    assert "体育新闻" in page_of(story)
    with in_another_process(django_capture_on_commit_callbacks):
        sport.unpublish()
    assert "体育新闻" not in page_of(story)
    with in_another_process(django_capture_on_commit_callbacks):
        sport.save_revision().publish()
    assert "体育新闻" in page_of(story)
    with in_another_process(django_capture_on_commit_callbacks):
        Page.objects.get(pk=sport.pk).move(story.column, pos="last-child")
    assert 'href="/tiyu/"' not in page_of(story)
    with in_another_process(django_capture_on_commit_callbacks):
        Page.objects.get(pk=sport.pk).delete()
    assert "体育新闻" not in page_of(story)


def test_footer_page_renamed(home, story, django_capture_on_commit_callbacks):
    with in_another_process(django_capture_on_commit_callbacks):
        about = make_column(home, "关于本报", "guanyu")
        about.show_in_menus = False
        about.save_revision().publish()
        paper = paper_settings()
        paper.about_page = about
        paper.save()
    assert "关于本报" in page_of(story)
    with in_another_process(django_capture_on_commit_callbacks):
        about = Page.objects.get(pk=about.pk).specific
        about.title = "本报简介"
        about.save_revision().publish()
    page = page_of(story)
    assert "本报简介" in page and "关于本报" not in page


def test_the_change_is_not_announced_before_it_commits(story, django_capture_on_commit_callbacks):
    before = versions.current("site")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        paper = paper_settings()
        paper.slogan = "尚未提交"
        paper.save()
        assert versions.current("site") == before  # other processes cannot see the row yet
    assert callbacks


def test_the_signal_helper_is_there_for_other_apps(django_capture_on_commit_callbacks):
    from baoshe.core.signals import site_changed

    before = versions.current("site")
    with django_capture_on_commit_callbacks(execute=True):
        site_changed()
    assert versions.current("site") != before


# --- what it costs ------------------------------------------------------------------------


def test_warm_chrome_costs_no_query(home, story, django_assert_num_queries):
    for number in range(8):
        make_column(home, f"栏目{number}", f"lanmu{number}")
    paper = paper_settings()
    for number in range(8):
        paper.friend_links.create(name=f"链接{number}", url=f"https://l{number}.example.cn/")
    paper.save()
    request = Client().get(story.url).wsgi_request
    for attr in ("_wagtail_site", "_core.sitesettings"):
        request.__dict__.pop(attr, None)
    with django_assert_num_queries(0):
        header = chrome.render_part("header", request, story.column)
        footer = chrome.render_part("footer", request)
    assert "栏目7" in header and 'aria-current="page"' in header and "链接7" in footer


def _redis_or_skip():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url("redis://127.0.0.1:6379/15")
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    return client


def test_with_redis_the_token_is_shared_through_redis(settings, own_versions):
    client = _redis_or_skip()
    client.delete("baoshe:version:site")
    settings.REDIS_URL = "redis://127.0.0.1:6379/15"
    versions._redis_client = None
    try:
        assert versions.current("site") == "0"
        first = versions.bump("site")
        assert versions.current("site") == first
        client.incr("baoshe:version:site")  # another server's bump
        assert versions.current("site") not in ("0", first)
        assert not (own_versions / "run" / "versions" / "site").exists()
    finally:
        client.delete("baoshe:version:site")
        versions._redis_client = None
