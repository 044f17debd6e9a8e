"""Shared fixtures: the paper's site tree, an editor, and the CI rule that nothing may skip.

On a developer's fresh machine, tests that need Chromium or the shared data skip with a
reason. Under CI=true a skipped test fails the run: CI must exercise everything.
"""

import os

import pytest

from tests.factories import make_article, make_column

CI = os.environ.get("CI", "").lower() == "true"


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if CI and skipped:
        reporter.write_line(
            f"CI=true: {len(skipped)} test(s) skipped; in CI every test must run.", red=True
        )
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: a database rollback does not undo what a test left
    in it (Wagtail's cached site root paths, throttle counters, cached pages)."""
    yield
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()
    from baoshe.core import versions

    versions.clear_memo()  # the site chrome memoised by this process (core/chrome.py)


@pytest.fixture
def home(db):
    """The paper's home page. Made by a migration, but live-server tests flush the database
    after themselves, so later tests get it back from the loader's ``ensure_home``."""
    from baoshe_demo.newsroom.loader import ensure_home

    return ensure_home()


@pytest.fixture
def column(home):
    return make_column(home, "本地", "bendi")


@pytest.fixture
def prefixed_column(home):
    return make_column(home, "要闻", "yaowen", title_prefix="第一报道")


@pytest.fixture
def article(column):
    return make_article(column, title="江北新区图书馆周末开放夜读")


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "pw-editor-1")


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client
