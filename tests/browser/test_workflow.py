"""三审三校 in a real browser: reporter → 机审 → override by 二审 → 一审 → 二审 → 三审 → scheduled
publication by ``run_due`` → 撤稿 of that piece and 更正 of another, seen on the site and in the
audit trail."""

import datetime as dt

import pytest
from django.utils import timezone

from baoshe.core.scheduling import run_due
from baoshe.newsroom.models import Article
from tests.browser.pages import admin_login
from tests.factories import make_article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PLANTED = "社区工作人员上门按装烟雾报警器,既使老人独居也能放心，活动定于2026年2月30日举行。"


def session(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    # The editor's concurrent-editing pings write from a second request at the same time as
    # the page's own requests; the shared in-memory SQLite of the test server cannot take that.
    context.route("**/admin/editing-sessions/**", lambda route: route.abort())
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    admin_login(page, live_server, username, f"pw-{username}-1")
    return page


def press(page, selector):
    """Click a button of the editor's action menu (it sits in a drop-up)."""
    with page.expect_navigation():
        page.evaluate(
            """s => {
                const button = document.querySelector(s);
                const form = button.form;
                const extra = {"action-submit": "submit"};
                if (button.dataset.workflowActionName) {
                    extra["action-workflow-action"] = "true";
                    extra["workflow-action-name"] = button.dataset.workflowActionName;
                    extra["workflow-action-extra-data"] = "{}";
                }
                const names = button.name === "action-submit" ? ["action-submit"]
                    : ["action-workflow-action", "workflow-action-name",
                       "workflow-action-extra-data"];
                for (const name of names) {
                    let input = form.querySelector(`input[type=hidden][name="${name}"]`);
                    if (!input) {
                        input = document.createElement("input");
                        input.type = "hidden";
                        input.name = name;
                        form.appendChild(input);
                    }
                    input.value = extra[name];
                }
                HTMLFormElement.prototype.submit.call(form);
            }""",
            selector,
        )


def click(page, selector):
    with page.expect_navigation():
        page.locator(selector).first.click()


def test_piece_goes_through_three_reviews_and_is_published_withdrawn_and_corrected(
    browser, live_server, newsroom, screenshot
):
    column = newsroom
    base = live_server.url
    draft = make_article(column, title="社区为独居老人安装烟雾报警器", publish=False)
    from django.contrib.auth import get_user_model

    reporter = get_user_model().objects.get(username="reporter")
    draft.revisions.update(user=reporter)
    edit = f"{base}/admin/snippets/newsroom/article/edit/{draft.pk}/"
    review = f"{base}/admin/workflow/article/{draft.pk}/"

    # 记者 writes the 核心提示 with planted mistakes and submits.
    page = session(browser, live_server, "reporter")
    page.goto(edit)
    page.fill("#id_summary", PLANTED)
    press(page, "button[name='action-submit']")
    page.goto(review)
    findings = page.locator(".machine-findings")
    for text in ("按装", "既使", "2026年2月30日", "阻断"):
        assert findings.get_by_text(text).first.is_visible(), text
    assert page.get_by_text("机审未通过").is_visible()
    screenshot(page, "workflow-machine-report")
    page.context.close()

    # 二审 overrides the blocking finding: first without a reason (refused), then with one.
    page = session(browser, live_server, "director")
    page.goto(review)
    page.locator("input[name=finding]").first.check()
    click(page, ".override-form button[type=submit]")
    assert page.get_by_text("放行必须写明理由。").is_visible()
    page.locator("input[name=finding]").first.check()
    page.fill("#override-reason", "活动日期以主办方书面通知为准，已核实。")
    click(page, ".override-form button[type=submit]")
    assert page.locator(".override-record").get_by_text("活动日期以主办方书面通知为准").is_visible()
    screenshot(page, "workflow-override")
    page.context.close()

    # 一审, 二审: each approves from the editor's action menu.
    for username, step in (("editor1", "一审"), ("director", "二审")):
        page = session(browser, live_server, username)
        assert page.locator(".baoshe-waiting").get_by_text(draft.title).is_visible()
        if username == "editor1":
            screenshot(page, "workflow-dashboard")
        page.goto(edit)
        press(
            page,
            "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])",
        )
        page.context.close()
        draft.refresh_from_db()
        assert draft.current_workflow_task.name != step

    # 三审 sets the go-live time and signs off.
    go_live = timezone.localtime(timezone.now() + dt.timedelta(hours=1)).replace(
        second=0, microsecond=0
    )
    page = session(browser, live_server, "chief")
    page.goto(edit)
    page.evaluate(
        "v => { const i = document.querySelector('#id_go_live_at'); i.value = v; }",
        go_live.strftime("%Y-%m-%d %H:%M"),
    )
    press(page, "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])")
    draft.refresh_from_db()
    assert not draft.live and draft.current_workflow_state is None
    assert draft.revisions.filter(approved_go_live_at=go_live).exists()

    # The scheduler publishes it at its minute (called directly, as the worker would).
    assert run_due(now=go_live + dt.timedelta(seconds=20)).published
    draft.refresh_from_db()
    assert draft.live
    page.goto(base + draft.url)
    assert page.locator("h1.story__title").inner_text() == draft.title
    screenshot(page, "workflow-published")

    # 更正 of another piece and 撤稿 of this one, each requested by 三审 here and decided by the
    # chain (二审 then 三审).
    other = make_article(column, title="区图书馆延长开放时间")
    for target, form, field, text in (
        (other, ".correct-form", "#correction-text", "第一段“周六”应为“周日”。"),
        (draft, ".withdraw-form", "#withdraw-reason", "活动取消，稿件撤回。"),
    ):
        page.goto(f"{base}/admin/workflow/article/{target.pk}/")
        page.fill(field, text)
        click(page, f"{form} button[type=submit]")
    page.context.close()
    for username in ("director", "chief"):
        page = session(browser, live_server, username)
        for target in (other, draft):
            page.goto(f"{base}/admin/workflow/article/{target.pk}/")
            click(page, "button[name=decision][value=approve]")
        if username == "chief":
            screenshot(page, "workflow-withdrawal-approved")
        page.context.close()

    page = session(browser, live_server, "chief")
    response = page.goto(base + other.url)
    assert response.status == 200
    assert page.locator(".correction-note").get_by_text("第一段“周六”应为“周日”。").is_visible()
    screenshot(page, "workflow-correction")
    response = page.goto(f"{base}{column.url}{draft.pk}.html")
    assert response.status == 410
    assert page.get_by_role("heading", name="本文已撤稿").is_visible()
    screenshot(page, "workflow-withdrawn")
    page.goto(base + "/")
    assert page.get_by_text(draft.title).count() == 0

    # The audit trail has all of it.
    page.goto(f"{base}/admin/snippets/newsroom/article/history/{draft.pk}/")
    body = page.locator("main").inner_text()
    for text in ("机审完成", "放行机审阻断项", "申请撤稿", "稿件已撤稿"):
        assert text in body, text
    screenshot(page, "workflow-audit-trail")
    page.goto(f"{base}/admin/snippets/newsroom/article/history/{other.pk}/")
    assert "更正已刊出" in page.locator("main").inner_text()
    page.context.close()
    assert not Article.objects.get(pk=draft.pk).live


def test_reporter_writes_a_new_piece_and_submits_it_with_the_editor_menu(
    browser, live_server, newsroom, screenshot
):
    page = session(browser, live_server, "reporter")
    page.goto(live_server.url + "/admin/snippets/newsroom/article/add/")
    page.fill("#id_title", "记者在浏览器里写的稿件")
    page.fill("#id_summary", PLANTED)
    page.locator("[data-chooser-action-choose]").first.click()
    page.locator(".modal-content").get_by_role("link", name="本地").click()
    page.wait_for_function("() => document.querySelector('#id_column').value !== ''")
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    with page.expect_navigation():
        page.locator("button[name='action-submit']").click()

    article = Article.objects.get(title="记者在浏览器里写的稿件")
    state = article.current_workflow_task_state
    assert state is not None and state.task.name == "机审"
    page.goto(f"{live_server.url}/admin/workflow/article/{article.pk}/")
    findings = page.locator(".machine-findings")
    for text in ("按装", "既使", "2026年2月30日"):
        assert findings.get_by_text(text).first.is_visible(), text
    screenshot(page, "workflow-reporter-submitted")
    page.context.close()
