"""The 审核 screen's decision buttons, 定时签发, who is offered 取消工作流, the retired default
page workflow, and notification mail off the request."""

import datetime as dt

from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from wagtail.models import Workflow, WorkflowPage, WorkflowState

from baoshe.newsroom.models import Article
from baoshe.workflow import notifications
from baoshe.workflow.roles import retire_default_page_workflows
from tests.workflow.conftest import ADD_URL, article_form, edit_url


def submitted(people, as_user, column):
    c = as_user(people["reporter"])
    c.post(ADD_URL, {**article_form(column), "action-submit": "submit"})
    article = Article.objects.get()
    assert article.current_workflow_task.specific.level == 1
    return article


def review(c, article):
    return c.get(f"/admin/workflow/article/{article.pk}/")


def messages_of(response):
    return [str(m).strip() for m in response.context["messages"]]


def test_each_step_decides_on_the_review_screen(people, as_user, column):
    article = submitted(people, as_user, column)
    title = article.title

    # The author gets the screen without a decision.
    page = review(as_user(people["reporter"]), article)
    assert page.context["decision"] is None
    assert "社区工作人员上门安装烟雾报警器" in page.content.decode()

    for username, step, button, message in [
        ("editor1", "一审", "通过（送二审）", f"“{title}”已通过一审，已送二审。"),
        ("director", "二审", "通过（送三审）", f"“{title}”已通过二审，已送三审。"),
        ("chief", "三审", "通过并签发", f"“{title}”已通过三审并签发，已发布。"),
    ]:
        c = as_user(people[username])
        page = review(c, article)
        html = page.content.decode()
        decision = page.context["decision"]
        assert decision["step"] == step and button in html and "退回（附意见）" in html
        assert "读者将看到的稿件" in html and "与上次审定（已发布）版本相比" in html
        response = c.post(decision["approve_url"], {"comment": f"{step}同意"}, follow=True)
        assert response.redirect_chain[-1][0] == "/admin/"
        assert message in messages_of(response)
    article.refresh_from_db()
    assert article.live
    # The comments so far are on the screen.
    html = review(as_user(people["chief"]), article).content.decode()
    assert "一审同意" in html and "二审同意" in html


def test_sending_back_needs_a_comment(people, as_user, column):
    article = submitted(people, as_user, column)
    c = as_user(people["editor1"])
    decision = review(c, article).context["decision"]
    response = c.post(decision["reject_url"], {"comment": " "}, follow=True)
    assert "未做任何改动：退回修改须写明修改意见。" in messages_of(response)
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_IN_PROGRESS
    response = c.post(decision["reject_url"], {"comment": "请补充消防部门的说法。"}, follow=True)
    assert f"“{article.title}”已在一审退回作者修改。" in messages_of(response)
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_NEEDS_CHANGES


def test_the_final_step_schedules_with_a_time(people, as_user, column):
    article = submitted(people, as_user, column)
    go_live = timezone.localtime() + dt.timedelta(hours=3)
    value = go_live.strftime("%Y-%m-%dT%H:%M")
    # Not the final step's reviewer: refused, nothing saved.
    c = as_user(people["editor1"])
    revisions = article.revisions.count()
    assert (
        c.post(f"/admin/workflow/article/{article.pk}/schedule/", {"go_live_at": value}).status_code
        == 403
    )
    assert article.revisions.count() == revisions
    for username in ("editor1", "director"):
        c = as_user(people[username])
        c.post(review(c, article).context["decision"]["approve_url"], {"comment": ""})
    c = as_user(people["chief"])
    assert review(c, article).context["decision"]["can_schedule"]
    # A time in the past is refused with a message.
    response = c.post(
        f"/admin/workflow/article/{article.pk}/schedule/",
        {"go_live_at": "2020-01-01T08:00"},
        follow=True,
    )
    assert "请选择一个将来的签发时间。" in messages_of(response)
    response = c.post(
        f"/admin/workflow/article/{article.pk}/schedule/",
        {"go_live_at": value, "comment": "定时签发"},
        follow=True,
    )
    assert any("已通过三审并签发，将于" in m for m in messages_of(response)), messages_of(response)
    article.refresh_from_db()
    assert not article.live and article.current_workflow_state is None
    assert article.revisions.filter(approved_go_live_at__isnull=False).count() == 1


def test_reviewers_are_not_offered_cancel_workflow(people, as_user, column):
    article = submitted(people, as_user, column)
    c = as_user(people["editor1"])
    assert "action-cancel-workflow" not in c.get(edit_url(article)).content.decode()
    # The author may still withdraw their submission.
    c = as_user(people["reporter"])
    assert "action-cancel-workflow" in c.get(edit_url(article)).content.decode()


def test_wagtails_default_page_workflow_is_retired(people):
    # wagtailcore.0048 made it on the test database; migration workflow.0005 retired it.
    assert not Workflow.objects.filter(active=True).exclude(name="三审三校").exists()
    assert not WorkflowPage.objects.exists()
    assert Workflow.objects.get(name="三审三校").active
    assert retire_default_page_workflows() == []


def test_mail_to_a_server_leaves_the_request(
    people, as_user, column, monkeypatch, django_capture_on_commit_callbacks, settings
):
    article = submitted(people, as_user, column)
    monkeypatch.setattr(notifications, "mail_goes_to_a_server", lambda: True)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    mail.outbox.clear()
    c = as_user(people["editor1"])
    decision = review(c, article).context["decision"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        c.post(decision["approve_url"], {"comment": ""})
    assert mail.outbox == [] and callbacks
    for callback in callbacks:
        callback()
    assert any("director@example.com" in m.to for m in mail.outbox)


def test_wagtails_default_groups_go_unless_someone_is_in_them(django_user_model):
    from baoshe.workflow.roles import retire_wagtail_default_groups

    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()  # migrations
    kept = Group.objects.create(name="Editors")
    Group.objects.create(name="Moderators")
    django_user_model.objects.create_user("old-editor").groups.add(kept)
    assert retire_wagtail_default_groups() == ["Moderators"]
    assert list(Group.objects.filter(name__in=["Moderators", "Editors"])) == [kept]
    assert retire_wagtail_default_groups() == []
