"""The whole 三审三校 chain through the admin's HTTP endpoints, and its refusals."""

import datetime as dt

from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from baoshe.core.scheduling import run_due
from baoshe.newsroom.models import Article
from baoshe.workflow.models import MachineOverride, MachineReport, MachineReviewTask, ReviewTask
from tests.workflow.conftest import (
    ADD_URL,
    BLOCKING_TEXT,
    action_url,
    article_form,
    edit_url,
)


def current(article):
    article.refresh_from_db()
    return article.current_workflow_task_state


def assert_refused(response):
    """Wagtail answers a wrong-role workflow action with its permission-denied message."""
    if response.status_code == 403:
        return
    assert response.redirect_chain and response.redirect_chain[-1][0] == "/admin/"
    assert any("权限" in m for m in messages_of(response)), messages_of(response)


def messages_of(response):
    return [str(m).strip() for m in response.context["messages"]] if response.context else []


def test_whole_chain_from_submission_to_scheduled_publication(people, as_user, column, client):
    # 记者 writes a piece with planted mistakes and submits it.
    c = as_user(people["reporter"])
    response = c.post(
        ADD_URL, {**article_form(column, paragraphs=[BLOCKING_TEXT]), "action-submit": "submit"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(title="社区为独居老人安装烟雾报警器")
    assert not article.live

    # 机审 ran on the submitted revision, found the impossible date, and holds the piece.
    state = current(article)
    assert isinstance(state.task.specific, MachineReviewTask)
    assert state.status == TaskState.STATUS_IN_PROGRESS
    report = MachineReport.objects.get(task_state=state)
    assert report.revision_id == article.latest_revision_id
    assert report.has_blocking
    excerpts = {f["excerpt"]: f["severity"] for f in report.findings}
    assert excerpts["2026年2月30日"] == "block"
    assert excerpts["按装"] == "warn" and excerpts["既使"] == "warn" and excerpts[","] == "warn"
    page = c.get(f"/admin/workflow/article/{article.pk}/").content.decode()
    assert "2026年2月30日" in page and "按装" in page and "机审未通过" in page

    # Override without a reason: refused with a message, nothing recorded.
    blocking = [i for i, f in report.outstanding_blocking()]
    c = as_user(people["director"])
    response = c.post(
        f"/admin/workflow/report/{report.pk}/override/",
        {"reason": "  ", "finding": blocking},
        follow=True,
    )
    assert "放行必须写明理由。" in messages_of(response)
    assert not MachineOverride.objects.exists()
    assert current(article).pk == state.pk

    # 一审 is not allowed to override: 403, not a silent no-op.
    c = as_user(people["editor1"])
    response = c.post(
        f"/admin/workflow/report/{report.pk}/override/",
        {"reason": "我觉得没问题", "finding": blocking},
    )
    assert response.status_code == 403
    assert not MachineOverride.objects.exists()

    # 二审 overrides with a reason: recorded, and the piece moves on to 一审.
    c = as_user(people["director"])
    c.post(
        f"/admin/workflow/report/{report.pk}/override/",
        {"reason": "活动日期以主办方通知为准，已电话核实。", "finding": blocking},
    )
    override = MachineOverride.objects.get()
    assert override.user == people["director"]
    assert override.reason == "活动日期以主办方通知为准，已电话核实。"
    assert [f["excerpt"] for f in override.findings] == ["2026年2月30日"]
    state = current(article)
    assert state.task.specific.level == ReviewTask.Level.FIRST

    # The 三审 cannot act on 一审's step.
    c = as_user(people["chief"])
    response = c.post(action_url(article, "approve", state), {"comment": ""}, follow=True)
    assert_refused(response)
    assert current(article).pk == state.pk

    # 一审 → 二审 → 三审, each by their role, with comments.
    for username, level in (("editor1", 1), ("director", 2)):
        c = as_user(people[username])
        state = current(article)
        assert state.task.specific.level == level
        response = c.post(action_url(article, "approve", state), {"comment": f"{level}审同意"})
        assert response.status_code == 302
    state = current(article)
    assert state.task.specific.level == ReviewTask.Level.THIRD

    # 三审 sets a go-live time and signs off in one go (edit and approve).
    go_live = timezone.localtime(timezone.now() + dt.timedelta(hours=2)).replace(
        second=0, microsecond=0
    )
    c = as_user(people["chief"])
    response = c.post(
        edit_url(article),
        {
            **article_form(
                column,
                paragraphs=[BLOCKING_TEXT],
                go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
            ),
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": '{"comment": "同意，定时签发"}',
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.current_workflow_state is None
    assert WorkflowState.objects.for_instance(article).get().status == "approved"
    assert not article.live
    assert article.revisions.filter(approved_go_live_at=go_live).count() == 1
    assert client.get(f"{column.url}{article.pk}.html").status_code == 404

    # The scheduler publishes it at its minute, not before.
    assert run_due(now=go_live - dt.timedelta(minutes=1)).published == []
    article.refresh_from_db()
    assert not article.live
    summary = run_due(now=go_live + dt.timedelta(seconds=30))
    assert len(summary.published) == 1 and article.title in summary.published[0]
    article.refresh_from_db()
    assert article.live and not article.revisions.filter(approved_go_live_at__isnull=False)
    client.logout()
    page = client.get(article.url)
    assert page.status_code == 200 and "社区工作人员上门按装烟雾报警器" in page.content.decode()
    assert article.title in client.get("/").content.decode()

    # The audit trail lists every step in Chinese.
    c = as_user(people["chief"])
    history = c.get(f"/admin/snippets/newsroom/article/history/{article.pk}/").content.decode()
    for text in ["机审完成：阻断 1 处", "放行机审阻断项", "活动日期以主办方通知为准", "1审同意"]:
        assert text in history, text


def test_reject_with_comment_goes_back_to_the_author(people, as_user, column):
    c = as_user(people["reporter"])
    c.post(ADD_URL, {**article_form(column), "action-submit": "submit"})
    article = Article.objects.get()
    state = current(article)
    # Clean copy: 机审 approved itself and the piece waits for 一审.
    assert state.task.specific.level == 1
    assert MachineReport.objects.get().has_blocking is False

    c = as_user(people["editor1"])
    response = c.post(action_url(article, "reject", state), {"comment": "请补充消防部门的说法。"})
    assert response.status_code == 302
    workflow_state = WorkflowState.objects.for_instance(article).get()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert workflow_state.current_task_state.comment == "请补充消防部门的说法。"

    # The author sees it on the dashboard, with the comment.
    c = as_user(people["reporter"])
    dashboard = c.get("/admin/").content.decode()
    assert "一审退回修改" in dashboard and "请补充消防部门的说法。" in dashboard

    # The author edits and resubmits: the new text goes through 机审 again, then back to 一审.
    response = c.post(
        edit_url(article),
        {
            **article_form(
                column, paragraphs=["社区工作人员上门安装烟雾报警器。", "消防部门表示支持。"]
            ),
            "action-submit": "submit",
        },
    )
    assert response.status_code == 302
    state = current(article)
    assert state.task.specific.level == 1
    assert MachineReport.objects.count() == 2
    assert MachineReport.objects.order_by("-pk").first().revision_id == article.latest_revision_id


def test_reviewers_of_the_wrong_role_are_refused(people, as_user, column):
    c = as_user(people["reporter"])
    c.post(ADD_URL, {**article_form(column), "action-submit": "submit"})
    article = Article.objects.get()
    state = current(article)
    for username in ("reporter", "proofreader", "director", "chief"):
        c = as_user(people[username])
        assert_refused(c.post(action_url(article, "approve", state), {}, follow=True))
    assert current(article).pk == state.pk


def test_blocked_piece_fixed_by_the_author_passes_on_recheck(people, as_user, column):
    c = as_user(people["reporter"])
    c.post(ADD_URL, {**article_form(column, paragraphs=[BLOCKING_TEXT]), "action-submit": "submit"})
    article = Article.objects.get()
    assert isinstance(current(article).task.specific, MachineReviewTask)
    # Edit the copy and ask for a new check in one go (Wagtail's edit-then-act menu item).
    response = c.post(
        edit_url(article),
        {
            **article_form(column, paragraphs=["活动定于2026年3月2日举行。"]),
            "action-workflow-action": "true",
            "workflow-action-name": "recheck",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    state = current(article)
    assert state.task.specific.level == 1
    assert [r.has_blocking for r in MachineReport.objects.order_by("pk")] == [True, False]


def test_copy_edited_at_the_last_step_goes_through_machine_review_before_publication(
    people, as_user, column, client
):
    c = as_user(people["reporter"])
    c.post(ADD_URL, {**article_form(column), "action-submit": "submit"})
    article = Article.objects.get(title="社区为独居老人安装烟雾报警器")
    for username in ("editor1", "director"):
        c = as_user(people[username])
        c.post(action_url(article, "approve", current(article)), {"comment": ""})
    assert current(article).task.specific.level == ReviewTask.Level.THIRD

    # 总编辑 rewrites the copy, planting a new impossible date, and approves in the same click.
    c = as_user(people["chief"])
    edited = "社区工作人员上门安装烟雾报警器。活动定于2026年4月31日举行。"
    response = c.post(
        edit_url(article),
        {
            **article_form(column, paragraphs=[edited]),
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": '{"comment": "改后签发"}',
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.live, "edited copy was published without 机审"
    state = current(article)
    assert isinstance(state.task.specific, MachineReviewTask)
    report = MachineReport.objects.get(task_state=state)
    assert "2026年4月31日" in [f["excerpt"] for f in report.findings]

    # The chief overrides with a reason; 三审 comes back and signs off the checked copy.
    blocking = [i for i, f in report.outstanding_blocking()]
    c.post(
        f"/admin/workflow/report/{report.pk}/override/",
        {"reason": "日期系活动海报原文，已核实。", "finding": blocking},
    )
    state = current(article)
    assert state.task.specific.level == ReviewTask.Level.THIRD
    c.post(action_url(article, "approve", state), {"comment": "签发"})
    article.refresh_from_db()
    assert article.live
    assert "2026年4月31日" in client.get(article.url).content.decode()


def test_setting_only_the_go_live_time_needs_no_new_machine_review(people, as_user, column):
    c = as_user(people["reporter"])
    c.post(ADD_URL, {**article_form(column), "action-submit": "submit"})
    article = Article.objects.get(title="社区为独居老人安装烟雾报警器")
    checks_before = MachineReport.objects.count()
    c = as_user(people["editor1"])
    go_live = timezone.localtime(timezone.now() + dt.timedelta(hours=3)).replace(second=0)
    c.post(
        edit_url(article),
        {
            **article_form(column, go_live_at=go_live.strftime("%Y-%m-%d %H:%M")),
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": '{"comment": ""}',
        },
    )
    assert current(article).task.specific.level == ReviewTask.Level.SECOND
    assert MachineReport.objects.count() == checks_before
