"""The CSP watcher of tests/browser/conftest.py itself: a blocked inline script is caught."""

import pytest

from tests.browser import conftest

pytestmark = pytest.mark.browser


def test_a_blocked_inline_script_is_reported(browser, live_server):
    context = browser.new_context()
    page = context.new_page()
    url = live_server.url + "/csp-probe.html"
    page.route(
        url,
        lambda route: route.fulfill(
            status=200,
            headers={
                "Content-Type": "text/html; charset=utf-8",
                "Content-Security-Policy": "script-src 'self'",
            },
            body="<!DOCTYPE html><p>probe</p><script>document.title = 'ran'</script>",
        ),
    )
    page.goto(url)
    page.evaluate("0")
    assert page.title() != "ran"
    found = list(conftest.CSP_VIOLATIONS)
    conftest.CSP_VIOLATIONS.clear()  # expected here; any other test would fail on it
    context.close()
    assert any("script-src" in text for text in found), found


def test_the_reader_site_runs_its_scripts_under_the_policy(browser, live_server, article):
    """The share bar's script is served from our origin and runs (no violation, no error)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    response = page.goto(live_server.url + article.url)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    context.close()
    assert errors == []
    assert conftest.CSP_VIOLATIONS == []


@pytest.mark.django_db(transaction=True)
def test_admin_pages_work_under_the_policy(browser, live_server, django_user_model):
    """Wagtail's own inline initialisers run (they carry the nonce): the 友情链接 InlinePanel
    adds a form, the image chooser opens, the preview panel loads, the userbar shows. Any CSP
    violation on the way fails the test (conftest)."""
    from baoshe_demo.newsroom.loader import ensure_home
    from tests.browser.pages import admin_login
    from tests.factories import make_article, make_column

    home = ensure_home()
    column = make_column(home, "本地", "bendi")
    article = make_article(column, title="策略下的稿件")
    django_user_model.objects.create_superuser("editor", "e@example.com", "pw-editor-1")
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    admin_login(page, live_server, "editor", "pw-editor-1")

    page.goto(live_server.url + "/admin/settings/core/sitesettings/")
    page.get_by_role("tab", name="页脚").click()
    forms = page.locator("[id^='inline_child_friend_links-']:not([id$='__prefix__'])")
    before = forms.count()
    page.locator("#id_friend_links-ADD").click()
    page.wait_for_function(
        "n => document.querySelectorAll("
        "\"[id^='inline_child_friend_links-']:not([id$='__prefix__'])\").length > n",
        arg=before,
    )

    page.goto(live_server.url + f"/admin/snippets/newsroom/article/edit/{article.pk}/")
    page.locator("[data-chooser-action-choose]:visible").first.click()  # the cover image
    page.locator(".modal-content form, .modal-content .listing").first.wait_for()
    page.locator(".modal [data-dismiss='modal']").first.click()
    page.locator(".modal-dialog").wait_for(state="detached")
    page.locator("[data-side-panel-toggle='preview']").click()
    frame = page.frame_locator("iframe#w-preview-iframe, .preview-panel iframe").first
    frame.locator("h1.story__title").wait_for()

    page.goto(live_server.url + article.url)
    page.locator("wagtail-userbar").wait_for(state="attached")
    page.wait_for_load_state("networkidle")
    context.close()
    assert errors == []
