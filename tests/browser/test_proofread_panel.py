"""An editor types a mistake into an article, clicks 机审 and sees it highlighted in place."""

import pytest
from wagtail.admin.admin_url_finder import AdminURLFinder

from tests.browser.pages import admin_login
from tests.factories import make_article, make_column

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_editor_sees_planted_mistake_highlighted(
    browser, live_server, screenshot, django_user_model, home
):
    django_user_model.objects.create_superuser("zongbian", "zb@example.com", "pw-zongbian-1")
    column = make_column(home, "本地", "bendi")
    article = make_article(
        column,
        title="江北新区图书馆周末开放夜读",
        summary="图书馆周末开放至22时。",
        paragraphs=["本报讯 江北新区图书馆从本周起周末开放至22时。", "读者可凭借书证入馆。"],
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    admin_login(page, live_server, "zongbian", "pw-zongbian-1")

    page.goto(live_server.url + AdminURLFinder().get_edit_url(article))
    page.fill("#id_title", "江北新区图书馆按装自助借还机")  # typed, not saved
    page.get_by_role("tab", name="机审").click()
    page.locator("[data-proofread-run]").click()

    mark = page.locator(".proofread-field[data-field=title] mark.proofread-mark")
    mark.wait_for(state="visible")
    assert mark.inner_text() == "按装"
    assert "安装" in mark.get_attribute("title")
    finding = page.locator(".proofread-field[data-field=title] .proofread-finding").first
    assert "“按装”应为“安装”" in finding.inner_text()
    assert finding.locator(".proofread-suggestion strong").inner_text() == "安装"
    assert finding.locator("button.proofread-copy").is_visible()
    assert "共 1 处" in page.locator(".proofread-summary").inner_text()
    mark.scroll_into_view_if_needed()
    screenshot(page, "proofread-panel")

    article.refresh_from_db()
    assert article.title == "江北新区图书馆周末开放夜读"  # 机审 saves nothing
    assert not errors, errors
    context.close()
