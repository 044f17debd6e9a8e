"""An editor logs into the admin with a real browser, writes an article and publishes it."""

import pytest

from baoshe.newsroom.models import Article
from tests.browser.pages import admin_login
from tests.factories import make_column

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_writes_and_publishes_through_the_admin(
    browser, live_server, django_user_model, screenshot
):
    from baoshe_demo.newsroom.loader import ensure_home

    home = ensure_home()
    column = make_column(home, "本地", "bendi")
    django_user_model.objects.create_superuser("editor", "e@example.com", "pw-editor-1")
    # An English-speaking browser still gets the Chinese admin: Chinese is the default.
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="en-US")
    page = context.new_page()
    admin_login(page, live_server, "editor", "pw-editor-1")
    assert page.locator("html").get_attribute("lang") == "zh-hans"

    page.goto(live_server.url + "/admin/snippets/newsroom/article/add/")
    page.fill("#id_kicker", "浏览器里写的引题")
    page.fill("#id_title", "浏览器里写成的稿件")
    page.fill("#id_summary", "编辑在真实浏览器中写稿并发布。")
    page.locator("[data-chooser-action-choose]").first.click()
    page.locator(".modal-content").get_by_role("link", name="本地").click()
    page.wait_for_function("() => document.querySelector('#id_column').value !== ''")
    screenshot(page, "admin-article-form")
    page.locator("button.dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-publish']").click()
    page.wait_for_url("**/admin/snippets/newsroom/article/")
    screenshot(page, "admin-article-published")

    article = Article.objects.get(title="浏览器里写成的稿件")
    assert article.live and article.column_id == column.pk
    page.goto(live_server.url + "/")
    assert page.get_by_text("浏览器里写成的稿件").count() >= 1
    page.goto(live_server.url + column.url)
    page.get_by_role("link", name="浏览器里写成的稿件").click()
    assert page.locator("h1.story__title").inner_text() == "浏览器里写成的稿件"
    assert page.locator(".kicker").inner_text() == "浏览器里写的引题"
    context.close()
