"""Role users and admin-form helpers for the 三审三校 tests."""

import pytest

from tests import factories

ADD_URL = "/admin/snippets/newsroom/article/add/"

ROLE_USERS = {
    "reporter": ("王记者", "记者"),
    "editor1": ("李编辑", "编辑"),
    "director": ("赵主任", "部门主任/值班主任"),
    "chief": ("陈总编", "总编辑"),
    "proofreader": ("孙校对", "校对"),
    "manager": ("周管理员", "管理员"),
}

# 2月30日 does not exist: the numbers pack blocks it. 按装, 既使 and the half-width comma warn.
BLOCKING_TEXT = "社区工作人员上门按装烟雾报警器,既使老人独居也能放心。活动定于2026年2月30日举行。"
CLEAN_TEXT = "社区工作人员上门安装烟雾报警器，即使老人独居也能放心。"


def edit_url(article):
    return f"/admin/snippets/newsroom/article/edit/{article.pk}/"


def action_url(article, action, task_state):
    return (
        f"/admin/snippets/newsroom/article/workflow/action/{article.pk}/{action}/{task_state.pk}/"
    )


def article_form(column, paragraphs=(CLEAN_TEXT,), **overrides):
    fields = {"title": "社区为独居老人安装烟雾报警器", "authors": "本报记者 王记者"}
    return factories.article_form(column, paragraphs, **{**fields, **overrides})


@pytest.fixture
def people(db, django_user_model):
    from django.contrib.auth.models import Group

    from baoshe.workflow.roles import ensure_workflow

    ensure_workflow()
    users = {}
    for username, (display, role) in ROLE_USERS.items():
        user = django_user_model.objects.create_user(
            username, f"{username}@example.com", f"pw-{username}-1", first_name=display
        )
        user.groups.add(Group.objects.get(name=role))
        users[username] = user
    return users


@pytest.fixture
def as_user(client):
    """``as_user(user)``: the test client logged in as that user (one at a time)."""

    def login(user):
        client.logout()
        client.force_login(user)
        return client

    return login
