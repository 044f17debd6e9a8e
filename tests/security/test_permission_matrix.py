"""Every principal × every admin action that matters, allowed or refused, through real HTTP.

``MATRIX`` is the table of expectations: for each action, the principals who may do it.
Every other principal is refused: a GET is not answered with the page (200), and a POST has
no effect and leaves the article exactly as it was (row, live and locked flags, latest
revision, revisions, workflow and task states; ``snapshot``). An allowed POST must have its
effect. The article acted on is always somebody else's (written by ``author``).
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Site, TaskState

from baoshe.newsroom.models import Article
from baoshe.proofread.models import ProofreadSettings
from baoshe.workflow.models import MachineOverride, MachineReport
from tests.security.conftest import (
    ARTICLE_URL,
    BLOCKING_TEXT,
    PRINCIPALS,
    approve_current,
    article_form,
    future,
    snapshot,
    submit,
    write_article,
)

S = "superuser"
WRITERS = {"reporter", "editor1", "director", "chief", "manager", S}
READERS = WRITERS | {"proofreader"}
EDITORS = {"editor1", "director", "chief", "manager", S}
ADMINS = {"manager", S}


# --- the articles an action works on -----------------------------------------------------------


class Scene:
    def __init__(self, users, author, column):
        self.users, self.author, self.column = users, author, column
        self.article = None
        self.extra = {}

    def draft(self):
        """A draft with two revisions (the first is what a revert goes back to)."""
        article = write_article(self.column, self.author, title="初稿标题")
        article.title = "二稿标题"
        article.save_revision(user=self.author)
        self.article = article
        self.extra["first_revision"] = article.revisions.order_by("created_at", "pk").first()
        return article

    def live(self):
        self.article = write_article(self.column, self.author, title="已发布稿件", publish=True)
        return self.article

    def locked(self):
        article = write_article(self.column, self.author, title="作者锁定的稿件")
        Article.objects.filter(pk=article.pk).update(
            locked=True, locked_by=self.author, locked_at=future(0)
        )
        article.refresh_from_db()
        self.article = article
        return article

    def scheduled(self):
        article = write_article(self.column, self.author, title="定时发布稿件")
        article.go_live_at = future()
        revision = article.save_revision(user=self.author)
        revision.publish(user=self.users[S])
        article.refresh_from_db()
        assert not article.live and article.scheduled_revision is not None
        self.article = article
        self.extra["revision"] = revision
        return article

    def first_review(self):
        article = submit(write_article(self.column, self.author, title="待一审稿件"), self.author)
        assert article.current_workflow_task.specific.name == "一审"
        self.article = article
        return article

    def third_review(self):
        article = submit(write_article(self.column, self.author, title="待三审稿件"), self.author)
        self.extra["first_step"] = approve_current(article, self.users["editor1"])
        approve_current(article, self.users["director"])
        assert article.current_workflow_task.specific.name == "三审"
        self.article = article
        return article

    def held(self):
        article = write_article(
            self.column, self.author, title="机审未通过稿件", paragraphs=(BLOCKING_TEXT,)
        )
        submit(article, self.author)
        state = article.current_workflow_task_state
        assert state.task.specific.name == "机审" and state.status == "in_progress"
        self.extra["report"] = MachineReport.objects.get(task_state=state)
        self.article = article
        return article


def form_of(scene, **overrides):
    return article_form(scene.column, **overrides)


def current_title(article):
    return Article.objects.get(pk=article.pk).get_latest_revision_as_object().title


# --- the actions ---------------------------------------------------------------------------------


@dataclass
class Action:
    allowed: set
    method: str
    url: object  # scene -> str
    setup: str = "draft"  # a Scene method, or "" for none
    data: object = None  # scene -> dict
    effect: object = None  # scene -> bool, for POSTs
    article_untouched_when_refused: bool = True
    query: dict = field(default_factory=dict)


def _a(scene, path):
    return f"{ARTICLE_URL}{path.format(pk=scene.article.pk)}"


def _created(title):
    return lambda s: Article.objects.filter(title=title).exists()


def _user(username, **filters):
    return lambda s: get_user_model().objects.filter(username=username, **filters).exists()


def _new_user(username, **extra):
    return lambda s: {
        "username": username,
        "email": f"{username}@example.com",
        "first_name": "新",
        "last_name": "用户",
        "password1": "Long-enough-pw-2026!",
        "password2": "Long-enough-pw-2026!",
        "groups": [Group.objects.get(name="记者").pk],
        **extra,
    }


def _boss(scene):
    boss = get_user_model().objects.filter(username="boss").first()
    if boss is None:
        boss = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw-boss-1")
    return boss


MATRIX = {
    # the 稿件 listing and the editor
    "article-list": Action(READERS, "GET", lambda s: ARTICLE_URL, setup=""),
    "article-add-get": Action(WRITERS, "GET", lambda s: f"{ARTICLE_URL}add/", setup=""),
    "article-add-post": Action(
        WRITERS,
        "POST",
        lambda s: f"{ARTICLE_URL}add/",
        setup="",
        data=lambda s: form_of(s, title="矩阵新建的稿件"),
        effect=_created("矩阵新建的稿件"),
    ),
    "article-edit-get": Action(EDITORS, "GET", lambda s: _a(s, "edit/{pk}/")),
    "article-edit-post": Action(
        EDITORS,
        "POST",
        lambda s: _a(s, "edit/{pk}/"),
        data=lambda s: form_of(s, title="被改过的标题"),
        effect=lambda s: current_title(s.article) == "被改过的标题",
    ),
    # copy: a new draft of the copier's; the original never changes, even when allowed
    "article-copy-get": Action(WRITERS, "GET", lambda s: _a(s, "copy/{pk}/")),
    "article-copy-post": Action(
        WRITERS,
        "POST",
        lambda s: _a(s, "copy/{pk}/"),
        data=lambda s: form_of(s, title="复制出的新稿件"),
        effect=_created("复制出的新稿件"),
    ),
    "article-revert-post": Action(
        EDITORS,
        "POST",
        lambda s: _a(s, f"history/{{pk}}/revisions/{s.extra['first_revision'].pk}/revert/"),
        data=lambda s: form_of(s, title="初稿标题"),
        effect=lambda s: current_title(s.article) == "初稿标题",
    ),
    "article-lock": Action(
        EDITORS,
        "POST",
        lambda s: _a(s, "lock/{pk}/"),
        effect=lambda s: Article.objects.get(pk=s.article.pk).locked,
    ),
    "article-unlock": Action(
        {"director", "chief", "manager", S},
        "POST",
        lambda s: _a(s, "unlock/{pk}/"),
        setup="locked",
        effect=lambda s: not Article.objects.get(pk=s.article.pk).locked,
    ),
    "article-delete-draft-get": Action(
        {"chief", "manager", S}, "GET", lambda s: _a(s, "delete/{pk}/")
    ),
    "article-delete-draft-post": Action(
        {"chief", "manager", S},
        "POST",
        lambda s: _a(s, "delete/{pk}/"),
        effect=lambda s: not Article.objects.filter(pk=s.article.pk).exists(),
    ),
    "article-delete-live-post": Action(
        {S},
        "POST",
        lambda s: _a(s, "delete/{pk}/"),
        setup="live",
        effect=lambda s: not Article.objects.filter(pk=s.article.pk).exists(),
    ),
    "article-bulk-delete-post": Action(
        {"chief", "manager", S},
        "POST",
        lambda s: f"/admin/bulk/newsroom/article/delete/?id={s.article.pk}",
        effect=lambda s: not Article.objects.filter(pk=s.article.pk).exists(),
    ),
    "article-bulk-delete-live-post": Action(
        {S},
        "POST",
        lambda s: f"/admin/bulk/newsroom/article/delete/?id={s.article.pk}",
        setup="live",
        effect=lambda s: not Article.objects.filter(pk=s.article.pk).exists(),
    ),
    "article-unpublish-get": Action({S}, "GET", lambda s: _a(s, "unpublish/{pk}/"), setup="live"),
    "article-unpublish-post": Action(
        {S},
        "POST",
        lambda s: _a(s, "unpublish/{pk}/"),
        setup="live",
        effect=lambda s: not Article.objects.get(pk=s.article.pk).live,
    ),
    "article-publish-direct": Action(
        ADMINS,
        "POST",
        lambda s: _a(s, "edit/{pk}/"),
        data=lambda s: {**form_of(s, title="直接发布"), "action-publish": "publish"},
        effect=lambda s: Article.objects.get(pk=s.article.pk).live,
        # an editor's forged publish request is saved as a draft (their edit), never published
        article_untouched_when_refused=False,
    ),
    "article-unschedule-post": Action(
        {"chief", "manager", S},
        "POST",
        lambda s: _a(s, f"history/{{pk}}/revisions/{s.extra['revision'].pk}/unschedule/"),
        setup="scheduled",
        effect=lambda s: Article.objects.get(pk=s.article.pk).scheduled_revision is None,
    ),
    # reading the record
    "article-history": Action(READERS, "GET", lambda s: _a(s, "history/{pk}/")),
    "article-inspect": Action(READERS, "GET", lambda s: _a(s, "inspect/{pk}/")),
    "article-compare": Action(
        READERS, "GET", lambda s: _a(s, "history/{pk}/revisions/compare/earliest...latest/")
    ),
    "article-review-page": Action(
        READERS, "GET", lambda s: f"/admin/workflow/article/{s.article.pk}/"
    ),
    # 三审三校
    "workflow-approve-first-step": Action(
        {"editor1", S},
        "POST",
        lambda s: _a(
            s, f"workflow/action/{{pk}}/approve/{s.article.current_workflow_task_state.pk}/"
        ),
        setup="first_review",
        data=lambda s: {"comment": ""},
        effect=lambda s: Article.objects.get(pk=s.article.pk).current_workflow_task.name == "二审",
    ),
    "workflow-approve-with-an-old-step": Action(
        set(),
        "POST",
        lambda s: _a(s, f"workflow/action/{{pk}}/approve/{s.extra['first_step'].pk}/"),
        setup="third_review",
        data=lambda s: {"comment": ""},
        effect=lambda s: Article.objects.get(pk=s.article.pk).current_workflow_state is None,
    ),
    "workflow-approve-third-step": Action(
        {"chief", S},
        "POST",
        lambda s: _a(
            s, f"workflow/action/{{pk}}/approve/{s.article.current_workflow_task_state.pk}/"
        ),
        setup="third_review",
        data=lambda s: {"comment": ""},
        effect=lambda s: Article.objects.get(pk=s.article.pk).live,
    ),
    # 取消工作流 is the piece's side's (author, submitter, 管理员); the 一审 reviewer is refused
    "workflow-cancel": Action(
        {S},
        "POST",
        lambda s: _a(s, "edit/{pk}/"),
        setup="first_review",
        data=lambda s: {**form_of(s, title="待一审稿件"), "action-cancel-workflow": "true"},
        effect=lambda s: Article.objects.get(pk=s.article.pk).current_workflow_state is None,
        # 校对 may edit during review: the POST saves their edit, it does not cancel
        article_untouched_when_refused=False,
    ),
    "workflow-recheck": Action(
        EDITORS,
        "POST",
        lambda s: f"/admin/workflow/article/{s.article.pk}/recheck/",
        setup="held",
        effect=lambda s: (
            MachineReport.objects.filter(revision__object_id=str(s.article.pk)).count() == 2
        ),
    ),
    "workflow-override": Action(
        {"director", "chief", S},
        "POST",
        lambda s: f"/admin/workflow/report/{s.extra['report'].pk}/override/",
        setup="held",
        data=lambda s: {
            "reason": "已核实。",
            "finding": [i for i, _ in s.extra["report"].outstanding_blocking()],
        },
        effect=lambda s: MachineOverride.objects.exists(),
    ),
    "workflow-withdraw-request": Action(
        EDITORS,
        "POST",
        lambda s: f"/admin/workflow/article/{s.article.pk}/withdraw/",
        setup="live",
        data=lambda s: {"reason": "矩阵测试撤稿"},
        effect=lambda s: s.article.withdrawals.exists(),
    ),
    # users, groups and settings
    "users-list": Action(ADMINS, "GET", lambda s: "/admin/users/", setup=""),
    "users-create": Action(
        ADMINS,
        "POST",
        lambda s: "/admin/users/new/",
        setup="",
        data=_new_user("newcomer"),
        effect=_user("newcomer"),
    ),
    "users-create-superuser": Action(
        {S},
        "POST",
        lambda s: "/admin/users/new/",
        setup="",
        data=_new_user("escalated", is_superuser="on"),
        effect=_user("escalated"),
    ),
    "users-edit-superuser-get": Action(
        {S}, "GET", lambda s: f"/admin/users/edit/{_boss(s).pk}/", setup=""
    ),
    "users-edit-superuser-post": Action(
        {S},
        "POST",
        lambda s: f"/admin/users/edit/{_boss(s).pk}/",
        setup="",
        data=lambda s: {
            "username": "boss",
            "email": "taken-over@example.com",
            "first_name": "被改",
            "last_name": "名字",
            "is_superuser": "on",
            "is_active": "on",
            "groups": [],
        },
        effect=_user("boss", email="taken-over@example.com"),
    ),
    "groups-list": Action({S}, "GET", lambda s: "/admin/groups/", setup=""),
    "workflows-list": Action({S}, "GET", lambda s: "/admin/workflows/list/", setup=""),
    "site-settings": Action(
        ADMINS,
        "GET",
        lambda s: f"/admin/settings/core/sitesettings/{Site.objects.get(is_default_site=True).pk}/",
        setup="",
    ),
    "columns-edit": Action(ADMINS, "GET", lambda s: f"/admin/pages/{s.column.pk}/edit/", setup=""),
    "images": Action(ADMINS, "GET", lambda s: "/admin/images/", setup=""),
    # 数字报: 管理员 and 总编辑 (and 版面编辑, not a principal here: tests/epaper/test_release.py)
    "epaper-admin": Action(ADMINS | {"chief"}, "GET", lambda s: "/admin/epaper/", setup=""),
    "proofread-word-lists": Action(
        ADMINS, "GET", lambda s: "/admin/snippets/proofread/wordlist/", setup=""
    ),
    "proofread-settings": Action(
        ADMINS,
        "GET",
        lambda s: f"/admin/settings/proofread/proofreadsettings/{ProofreadSettings.load().pk}/",
        setup="",
    ),
}

CELLS = [(action, who) for action in MATRIX for who in PRINCIPALS]


@pytest.mark.parametrize(("action", "who"), CELLS, ids=[f"{a}-{w}" for a, w in CELLS])
def test_permission_matrix(action, who, principals, author, column, act_as):
    spec = MATRIX[action]
    scene = Scene(principals, author, column)
    if spec.setup:
        getattr(scene, spec.setup)()
    url = spec.url(scene)
    before = snapshot(scene.article.pk) if scene.article else None
    articles_before = set(Article.objects.values_list("pk", flat=True))
    c = act_as(principals[who])
    allowed = who in spec.allowed

    if spec.method == "GET":
        response = c.get(url)
        if allowed:
            assert response.status_code == 200, (response.status_code, response.get("Location"))
        else:
            assert response.status_code in (302, 403, 404), response.status_code
        if before is not None:
            assert snapshot(scene.article.pk) == before
        return

    data = spec.data(scene) if spec.data else {}
    response = c.post(url, data)
    assert response.status_code < 500
    happened = spec.effect(scene)
    if allowed:
        assert happened, (response.status_code, response.get("Location"))
        if action.startswith("article-copy"):
            # the copy is a new article; the original is exactly as it was
            assert snapshot(scene.article.pk) == before
        return
    assert not happened, f"{who} could {action}"
    assert response.status_code in (200, 302, 403, 404, 405), response.status_code
    if before is not None and spec.article_untouched_when_refused:
        assert snapshot(scene.article.pk) == before, f"{who}: {action} changed the article"
    if action in ("article-add-post", "article-copy-post"):
        assert set(Article.objects.values_list("pk", flat=True)) == articles_before


def test_the_matrix_covers_every_principal_and_refuses_the_anonymous_and_roleless():
    assert set(PRINCIPALS) >= {"anonymous", "norole", S}
    for name, spec in MATRIX.items():
        assert not spec.allowed & {"anonymous", "norole"}, name
        assert spec.allowed <= set(PRINCIPALS), name
    # the refused cells outnumber the allowed ones: a matrix that allows everything proves nothing
    allowed = sum(len(spec.allowed) for spec in MATRIX.values())
    assert allowed < len(CELLS) / 2


def test_an_in_progress_task_state_is_required_for_workflow_actions(
    principals, author, column, act_as
):
    """The old-step exploit, spelled out: 一审's finished task state cannot approve at 三审."""
    scene = Scene(principals, author, column)
    scene.third_review()
    old = scene.extra["first_step"]
    assert TaskState.objects.get(pk=old.pk).status == "approved"
    before = snapshot(scene.article.pk)
    c = act_as(principals["editor1"])
    c.post(_a(scene, f"workflow/action/{{pk}}/approve/{old.pk}/"), {"comment": ""})
    assert snapshot(scene.article.pk) == before
    assert Article.objects.get(pk=scene.article.pk).current_workflow_task.name == "三审"
