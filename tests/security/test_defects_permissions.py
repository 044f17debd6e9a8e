"""Issue #8, defects 1, 3, 9 and 11, reproduced as the review found them, now refused."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import TaskState

from baoshe.newsroom.models import Article
from baoshe.workflow.models import MachineOverride
from tests.security.conftest import (
    ARTICLE_URL,
    BLOCKING_TEXT,
    CLEAN_TEXT,
    article_form,
    snapshot,
    submit,
    write_article,
)


def messages_of(response):
    return [str(m).strip() for m in response.context["messages"]] if response.context else []


# --- 1. the copy view saved onto the original ----------------------------------------------------


def test_a_reporter_posting_the_copy_form_makes_a_new_draft_and_leaves_the_original(
    principals, author, column, act_as, client
):
    original = write_article(column, author, title="他人的已发布稿件", publish=True)
    # locked by somebody else too: the copy must not care, and must not unlock it
    Article.objects.filter(pk=original.pk).update(locked=True, locked_by=author)
    before = snapshot(original.pk)
    url = f"{ARTICLE_URL}copy/{original.pk}/"

    c = act_as(principals["reporter"])
    page = c.get(url)
    assert page.status_code == 200
    # the exploit: the same fields (and the body) posted back, with the reporter's text
    data = article_form(column, paragraphs=["记者改写的正文。"], title="记者覆盖的标题")
    response = c.post(url, data)
    assert response.status_code == 302, messages_of(response)

    assert snapshot(original.pk) == before, "the copy view wrote onto the original"
    c.logout()
    assert client.get(original.url).status_code == 200  # still live, same address

    copy = Article.objects.exclude(pk=original.pk).get()
    assert copy.title == "记者覆盖的标题"
    assert not copy.live and copy.first_published_at is None and not copy.locked
    first = copy.revisions.order_by("created_at", "pk").first()
    assert first.user == principals["reporter"]  # the copier owns the new draft
    # and, being its author, the reporter may edit it (but still not the original)
    c = act_as(principals["reporter"])
    assert c.get(f"{ARTICLE_URL}edit/{copy.pk}/").status_code == 200
    assert c.get(f"{ARTICLE_URL}edit/{original.pk}/").status_code == 302


def test_the_copy_form_is_prefilled_from_the_original_with_its_tags(
    principals, author, column, act_as
):
    original = write_article(column, author, title="带标签的稿件")
    original.tags.add("社区", "安全")
    original.save_revision(user=author)
    c = act_as(principals["editor1"])
    response = c.get(f"{ARTICLE_URL}copy/{original.pk}/")
    form = response.context["form"]
    assert form["title"].value() == "带标签的稿件"
    assert form.instance.pk is None and not form.instance.live
    assert sorted(t.name for t in form.instance.tags.all()) == ["安全", "社区"]


def test_copying_a_missing_article_is_a_404(principals, act_as):
    c = act_as(principals["editor1"])
    assert c.get(f"{ARTICLE_URL}copy/999999/").status_code == 404
    assert c.post(f"{ARTICLE_URL}copy/999999/", {}).status_code == 404


# --- 3. a 管理员 made a superuser ---------------------------------------------------------------


def _user_form(username, **extra):
    return {
        "username": username,
        "email": f"{username}@example.com",
        "first_name": "新",
        "last_name": "用户",
        "password1": "Long-enough-pw-2026!",
        "password2": "Long-enough-pw-2026!",
        **extra,
    }


def test_an_administrator_cannot_make_or_touch_a_superuser(principals, act_as):
    User = get_user_model()
    c = act_as(principals["manager"])
    response = c.post("/admin/users/new/", _user_form("escalated", is_superuser="on"), follow=True)
    assert not User.objects.filter(username="escalated").exists()
    assert "只有超级管理员可以授予超级管理员权限。" in messages_of(response)

    boss = principals["superuser"]
    response = c.get(f"/admin/users/edit/{boss.pk}/", follow=True)
    assert (
        response.redirect_chain
        and "只有超级管理员可以查看和修改超级管理员账号。" in messages_of(response)
    )
    c.post(
        f"/admin/users/edit/{boss.pk}/",
        {"username": "root", "email": "mine@example.com", "first_name": "x", "last_name": "y"},
    )
    boss.refresh_from_db()
    assert boss.email == "root@example.com" and boss.is_superuser
    assert c.post(f"/admin/users/delete/{boss.pk}/").status_code in (302, 403)
    assert User.objects.filter(pk=boss.pk, is_superuser=True).exists()

    # Promoting an ordinary account is refused the same way.
    reporter = principals["reporter"]
    c.post(
        f"/admin/users/edit/{reporter.pk}/",
        {
            **_user_form("reporter", password1="", password2=""),
            "is_superuser": "on",
            "is_active": "on",
            "groups": [Group.objects.get(name="记者").pk],
        },
    )
    reporter.refresh_from_db()
    assert not reporter.is_superuser


def test_an_administrator_manages_accounts_within_the_roles_only(principals, act_as):
    User = get_user_model()
    manager = principals["manager"]
    c = act_as(manager)
    reporter_group = Group.objects.get(name="记者")
    c.post("/admin/users/new/", {**_user_form("newcomer"), "groups": [reporter_group.pk]})
    newcomer = User.objects.get(username="newcomer")
    assert list(newcomer.groups.values_list("name", flat=True)) == ["记者"]

    # a group that is not one of the six roles (it could carry any permission) is refused
    custom = Group.objects.create(name="自建组")
    response = c.post(
        "/admin/users/new/", {**_user_form("sneaky"), "groups": [custom.pk]}, follow=True
    )
    assert not User.objects.filter(username="sneaky").exists()
    assert any("只能为用户分配报社的角色" in m for m in messages_of(response))

    # nor may a 管理员 widen their own roles
    chief_group = Group.objects.get(name="总编辑")
    c.post(
        f"/admin/users/edit/{manager.pk}/",
        {
            **_user_form("manager", password1="", password2=""),
            "is_active": "on",
            "groups": [Group.objects.get(name="管理员").pk, chief_group.pk],
        },
    )
    assert set(manager.groups.values_list("name", flat=True)) == {"管理员"}
    # a malformed group id is a message, not a 500
    response = c.post("/admin/users/new/", {**_user_form("odd"), "groups": ["x'; --"]})
    assert response.status_code == 302 and not User.objects.filter(username="odd").exists()


# --- 9. locks, self-approval, 机审 restarts -------------------------------------------------------


def test_a_reporter_cannot_lock_somebody_elses_article(principals, author, column, act_as):
    article = write_article(column, author, title="别人的草稿")
    c = act_as(principals["reporter"])
    c.post(f"{ARTICLE_URL}lock/{article.pk}/")
    article.refresh_from_db()
    assert not article.locked
    # so its 编辑 still saves it
    e = act_as(principals["editor1"])
    response = e.post(f"{ARTICLE_URL}edit/{article.pk}/", article_form(column, title="编辑改过"))
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).get_latest_revision_as_object().title == "编辑改过"
    # a reporter locks (and unlocks) their own piece
    own = write_article(column, principals["reporter"], title="自己的稿件")
    c = act_as(principals["reporter"])
    c.post(f"{ARTICLE_URL}lock/{own.pk}/")
    own.refresh_from_db()
    assert own.locked and own.locked_by == principals["reporter"]
    c.post(f"{ARTICLE_URL}unlock/{own.pk}/")
    own.refresh_from_db()
    assert not own.locked


def test_an_editor_never_approves_their_own_piece(principals, column, act_as, django_user_model):
    editor = principals["editor1"]
    article = submit(write_article(column, editor, title="编辑自己写的稿件"), editor)
    state = article.current_workflow_task_state
    assert state.task.specific.name == "一审"
    assert "approve" not in [a for a, _, _ in state.task.specific.get_actions(article, editor)]

    c = act_as(editor)
    before = snapshot(article.pk)
    url = f"{ARTICLE_URL}workflow/action/{article.pk}/approve/{state.pk}/"
    c.post(url, {"comment": ""})
    assert snapshot(article.pk) == before
    # nor by editing and approving in one click
    c.post(
        f"{ARTICLE_URL}edit/{article.pk}/",
        {
            **article_form(
                column, paragraphs=[CLEAN_TEXT], title="编辑自己写的稿件", authors="本报记者 作者"
            ),
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": "{}",
        },
    )
    article.refresh_from_db()
    assert article.current_workflow_task_state.pk == state.pk
    assert TaskState.objects.get(pk=state.pk).status == "in_progress"

    # another 编辑 may
    other = django_user_model.objects.create_user("editor2", "e2@example.com", "pw-editor2-1")
    other.groups.add(Group.objects.get(name="编辑"))
    act_as(other).post(url, {"comment": ""})
    article.refresh_from_db()
    assert article.current_workflow_task.name == "二审"


def test_nobody_approves_a_piece_they_submitted(principals, author, column, act_as):
    """An 编辑 who submits a reporter's piece does not then pass it at 一审."""
    editor = principals["editor1"]
    article = submit(write_article(column, author, title="编辑代为提交的稿件"), editor)
    state = article.current_workflow_task_state
    act_as(editor).post(
        f"{ARTICLE_URL}workflow/action/{article.pk}/approve/{state.pk}/", {"comment": ""}
    )
    assert TaskState.objects.get(pk=state.pk).status == "in_progress"


def test_a_director_cannot_override_machine_review_of_their_own_piece(principals, column, act_as):
    director = principals["director"]
    article = write_article(column, director, title="主任自己的稿件", paragraphs=(BLOCKING_TEXT,))
    submit(article, director)
    report = article.current_workflow_task_state.machine_report
    findings = [i for i, _ in report.outstanding_blocking()]
    response = act_as(director).post(
        f"/admin/workflow/report/{report.pk}/override/",
        {"reason": "我说没问题", "finding": findings},
    )
    assert response.status_code == 403
    assert not MachineOverride.objects.exists()
    # the chief may
    act_as(principals["chief"]).post(
        f"/admin/workflow/report/{report.pk}/override/", {"reason": "已核实", "finding": findings}
    )
    assert MachineOverride.objects.count() == 1


def test_a_reporter_cannot_restart_machine_review_on_somebody_elses_piece(
    principals, author, column, act_as
):
    article = write_article(column, author, title="被卡住的稿件", paragraphs=(BLOCKING_TEXT,))
    submit(article, author)
    state = article.current_workflow_task_state
    c = act_as(principals["reporter"])
    assert c.post(f"/admin/workflow/article/{article.pk}/recheck/").status_code == 403
    c.post(f"{ARTICLE_URL}workflow/action/{article.pk}/recheck/{state.pk}/")
    assert TaskState.objects.get(pk=state.pk).status == "in_progress"
    # the author may
    act_as(author).post(f"/admin/workflow/article/{article.pk}/recheck/")
    assert TaskState.objects.get(pk=state.pk).status == "cancelled"


# --- 11. 总编辑 unpublished or deleted live articles directly ------------------------------------


def test_the_chief_editor_takes_a_live_piece_down_only_through_withdrawal(
    principals, author, column, act_as, client
):
    article = write_article(column, author, title="已刊发的稿件", publish=True)
    before = snapshot(article.pk)
    chief = act_as(principals["chief"])
    response = chief.post(f"{ARTICLE_URL}unpublish/{article.pk}/", follow=True)
    assert "已发布的稿件须通过撤稿下线：请在“审核”页申请撤稿。" in messages_of(response)
    chief.post(f"{ARTICLE_URL}delete/{article.pk}/")
    chief.post(f"/admin/bulk/newsroom/article/delete/?id={article.pk}")
    assert snapshot(article.pk) == before
    page = chief.get(f"{ARTICLE_URL}edit/{article.pk}/").content.decode()
    assert 'name="action-publish"' not in page
    assert f"unpublish/{article.pk}/" not in page
    client.logout()
    assert client.get(article.url).status_code == 200

    # a never-published draft the chief may delete; the listing offers 删除 for it alone
    draft = write_article(column, author, title="未刊发的草稿")
    listing = act_as(principals["chief"]).get(ARTICLE_URL).content.decode()
    assert f"{ARTICLE_URL}delete/{draft.pk}/" in listing
    assert f"{ARTICLE_URL}delete/{article.pk}/" not in listing
    act_as(principals["chief"]).post(f"{ARTICLE_URL}delete/{draft.pk}/")
    assert not Article.objects.filter(pk=draft.pk).exists()

    # a superuser may unpublish directly (the emergency brake above every role)
    act_as(principals["superuser"]).post(f"{ARTICLE_URL}unpublish/{article.pk}/")
    article.refresh_from_db()
    assert not article.live
