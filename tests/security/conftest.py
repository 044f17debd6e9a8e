"""Principals and articles in every state, for the permission matrix and the defect tests.

The article under test is written by ``author`` (a 记者 who is none of the principals), so
every principal acts on *somebody else's* piece; the own-piece rules have their own tests.
"""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import Revision, TaskState, WorkflowState
from wagtail.rich_text import RichText

from tests.factories import article_form
from tests.workflow.conftest import BLOCKING_TEXT, CLEAN_TEXT, ROLE_USERS

ARTICLE_URL = "/admin/snippets/newsroom/article/"

#: everyone the matrix asks: nobody signed in, a signed-in user of no role, the six roles,
#: and a superuser
PRINCIPALS = [
    "anonymous",
    "norole",
    "reporter",
    "editor1",
    "director",
    "chief",
    "proofreader",
    "manager",
    "superuser",
]


@pytest.fixture
def principals(db, django_user_model):
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow

    from baoshe.workflow.roles import ALL_ROLES, WORKFLOW_NAME, ensure_workflow

    # The migrations made them; a live-server test elsewhere may have flushed the database.
    if (
        Group.objects.filter(name__in=ALL_ROLES).count() < len(ALL_ROLES)
        or not Workflow.objects.filter(name=WORKFLOW_NAME).exists()
    ):
        ensure_workflow()
    users = {"anonymous": None}
    for username, (display, role) in ROLE_USERS.items():
        user = django_user_model.objects.create_user(
            username, f"{username}@example.com", f"pw-{username}-1", first_name=display
        )
        user.groups.add(Group.objects.get(name=role))
        users[username] = user
    users["norole"] = django_user_model.objects.create_user(
        "norole", "norole@example.com", "pw-norole-1", first_name="无角色"
    )
    users["superuser"] = django_user_model.objects.create_superuser(
        "root", "root@example.com", "pw-root-1"
    )
    return users


@pytest.fixture
def author(principals, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        "author", "author@example.com", "pw-author-1", first_name="作者记者"
    )
    user.groups.add(Group.objects.get(name="记者"))
    return user


@pytest.fixture
def act_as(client):
    """``act_as(user_or_None)``: the test client signed in as that user (None: anonymous)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


def write_article(column, author, title="别人写的稿件", paragraphs=(CLEAN_TEXT,), publish=False):
    """An article created by ``author`` (its first revision is theirs)."""
    from baoshe.newsroom.models import Article

    article = Article(
        title=title,
        column=column,
        summary="",
        body=[("paragraph", RichText(f"<p>{p}</p>")) for p in paragraphs],
        authors="本报记者 作者",
        live=False,
    )
    article.save()
    revision = article.save_revision(user=author)
    if publish:
        revision.publish(user=author, skip_permission_checks=True)
        article.refresh_from_db()
    return article


def submit(article, user):
    """Submit to 三审三校 as ``user``; 机审 runs at once."""
    article.get_default_workflow().start(article, user)
    article.refresh_from_db()
    return article


def approve_current(article, user):
    state = article.current_workflow_task_state
    state.approve(user=user)
    article.refresh_from_db()
    return state


def snapshot(article_pk):
    """Everything a refused request must leave alone: the row (live, locked, latest revision,
    every field), the revisions, and the workflow and task states."""
    from baoshe.newsroom.models import Article

    row = Article.objects.filter(pk=article_pk).values().first()
    revisions = list(
        Revision.objects.filter(
            base_content_type__app_label="newsroom", object_id=str(article_pk)
        ).values_list("pk", "approved_go_live_at")
    )
    workflows = list(
        WorkflowState.objects.filter(object_id=str(article_pk))
        .order_by("pk")
        .values_list("pk", "status", "current_task_state_id")
    )
    tasks = list(
        TaskState.objects.filter(workflow_state__object_id=str(article_pk))
        .order_by("pk")
        .values_list("pk", "status")
    )
    return row, revisions, workflows, tasks


def future(hours=2):
    return timezone.now() + dt.timedelta(hours=hours)


__all__ = [
    "ARTICLE_URL",
    "BLOCKING_TEXT",
    "CLEAN_TEXT",
    "PRINCIPALS",
    "approve_current",
    "article_form",
    "future",
    "snapshot",
    "submit",
    "write_article",
]
