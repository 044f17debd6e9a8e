"""The 审核 screen in a real browser: 记者 submits, then 一审, 二审 and 三审 decide with the
screen's own buttons only; each step's message names where the piece went, each reviewer lands
on their 待审 list, and the piece is live at the end."""

import pytest
from django.contrib.auth import get_user_model

from baoshe.newsroom.models import Article
from tests.browser.pages import admin_login
from tests.browser.test_workflow import press, session
from tests.factories import make_article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TITLE = "江北新区图书馆周末开放夜读"


def decide(page, button_text, expected_message, screenshot=None, name=""):
    """Press one of the 审核 screen's buttons; the reviewer lands on the dashboard with a
    message saying where the piece is now."""
    with page.expect_navigation():
        page.locator(".baoshe-decision button", has_text=button_text).first.click()
    assert page.url.endswith("/admin/"), page.url
    message = page.locator(".messages").inner_text()
    assert expected_message in message, message
    if screenshot:
        screenshot(page, name)


def open_from_waiting_list(page, step):
    """The 待审 panel lists the piece at the user's step; its link opens the 审核 screen."""
    row = page.locator(".baoshe-waiting__item", has_text=TITLE)
    assert step in row.inner_text()
    assert row.locator(".baoshe-waiting__age").inner_text().startswith("等待")
    with page.expect_navigation():
        row.locator("a").first.click()
    assert "/admin/workflow/article/" in page.url


def test_three_reviews_with_the_review_screen_buttons_only(
    browser, live_server, newsroom, screenshot
):
    draft = make_article(newsroom, title=TITLE, publish=False)
    reporter = get_user_model().objects.get(username="reporter")
    draft.revisions.update(user=reporter)
    base = live_server.url

    page = session(browser, live_server, "reporter")
    page.goto(f"{base}/admin/snippets/newsroom/article/edit/{draft.pk}/")
    press(page, "button[name='action-submit']")
    # The author is offered no decision on their own piece.
    page.goto(f"{base}/admin/workflow/article/{draft.pk}/")
    assert page.locator(".baoshe-decision").count() == 0
    page.context.close()

    steps = [
        ("editor1", "一审", "通过（送二审）", f"“{TITLE}”已通过一审，已送二审。"),
        ("director", "二审", "通过（送三审）", f"“{TITLE}”已通过二审，已送三审。"),
        ("chief", "三审", "通过并签发", f"“{TITLE}”已通过三审并签发，已发布。"),
    ]
    for username, step, button, message in steps:
        page = session(browser, live_server, username)
        open_from_waiting_list(page, step)
        # The screen shows the copy as readers see it, both diffs, and no 取消工作流.
        assert page.locator(".baoshe-copy__title").inner_text() == TITLE
        assert page.locator(".baoshe-comparison").count() >= 1
        assert page.get_by_text("取消工作流").count() == 0
        if step == "三审":
            assert page.locator(".schedule-form input[type=datetime-local]").count() == 1
        page.fill("#approve-comment", f"{step}同意")
        decide(page, button, message, screenshot, f"review-screen-{username}")
        # Nothing waits for this reviewer any more.
        assert page.locator(".baoshe-waiting__item", has_text=TITLE).count() == 0
        page.context.close()

    article = Article.objects.get(pk=draft.pk)
    assert article.live and article.current_workflow_state is None
    reader = browser.new_page()
    assert reader.goto(base + article.url).status == 200
    reader.close()


def test_send_back_needs_a_comment_and_returns_to_the_author(browser, live_server, newsroom):
    draft = make_article(newsroom, title=TITLE, publish=False)
    reporter = get_user_model().objects.get(username="reporter")
    draft.revisions.update(user=reporter)
    base = live_server.url
    page = session(browser, live_server, "reporter")
    page.goto(f"{base}/admin/snippets/newsroom/article/edit/{draft.pk}/")
    press(page, "button[name='action-submit']")
    page.context.close()

    page = session(browser, live_server, "editor1")
    open_from_waiting_list(page, "一审")
    page.fill("#reject-comment", "请补充开放时间。")
    decide(page, "退回（附意见）", f"“{TITLE}”已在一审退回作者修改。")
    page.context.close()

    page = browser.new_page(locale="zh-CN")
    admin_login(page, live_server, "reporter", "pw-reporter-1")
    assert "请补充开放时间。" in page.locator(".baoshe-waiting").inner_text()
    page.close()
