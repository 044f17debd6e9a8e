"""Optimistic concurrency in the article editor: a save based on an old revision is refused.

Two editors open the same article; the first saves; the second's save, based on the revision
they opened, comes back with a message naming the first editor and the diff of their change,
and the database keeps the first editor's text.
"""

import re

import pytest
from django.test import Client
from wagtail.admin.panels import get_edit_handler

from baoshe.newsroom.forms import ArticleAdminForm, StaleRevisionError, revision_token
from baoshe.newsroom.models import Article
from tests import factories

EDIT = "/admin/snippets/newsroom/article/edit/{}/"


def base_token(page: str) -> str:
    match = re.search(r'<input type="hidden" name="base_revision" value="([^"]*)"', page)
    assert match, "the edit form carries no base_revision field"
    return match.group(1)


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


@pytest.fixture
def editors(db, django_user_model):
    first = django_user_model.objects.create_superuser(
        "first", "first@example.com", "pw-first-1", first_name="李编辑"
    )
    second = django_user_model.objects.create_superuser(
        "second", "second@example.com", "pw-second-1", first_name="赵主任"
    )
    clients = []
    for user in (first, second):
        c = Client()
        c.force_login(user)
        clients.append(c)
    return clients


@pytest.fixture
def draft(column):
    return factories.make_article(
        column, title="老城区改造方案公示", publish=False, paragraphs=["方案公示期为十天。"]
    )


def form_data(column, token, **fields):
    data = factories.article_form(
        column, paragraphs=fields.pop("paragraphs", ["方案公示期为十天。"]), **fields
    )
    data["base_revision"] = token
    return data


def test_the_second_save_on_an_old_revision_is_refused_with_the_diff(editors, column, draft):
    one, two = editors
    url = EDIT.format(draft.pk)
    token_one = base_token(one.get(url).content.decode())
    token_two = base_token(two.get(url).content.decode())
    assert token_one == token_two == revision_token(draft.latest_revision)

    # The first editor fixes the title and the body; saved.
    response = one.post(
        url,
        form_data(
            column,
            token_one,
            title="老城区改造方案公示十天",
            paragraphs=["方案公示期为十天，市民可提出意见。"],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.title == "老城区改造方案公示十天"
    revisions = draft.revisions.count()

    # The second editor, still on the revision they opened, changes the subtitle: refused.
    response = two.post(url, form_data(column, token_two, title="老城区改造", subtitle="征求意见"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "保存未成功" in page and "李编辑" in page
    # The diff shows what the first editor changed, old and new lines.
    assert "- 标题：老城区改造方案公示" in page
    assert "+ 标题：老城区改造方案公示十天" in page
    assert "+ 方案公示期为十天，市民可提出意见。" in page
    assert any("保存未成功" in m for m in messages_of(response))
    draft.refresh_from_db()
    assert draft.title == "老城区改造方案公示十天" and draft.subtitle == ""
    assert draft.revisions.count() == revisions
    latest = draft.get_latest_revision().as_object()
    assert latest.plain_paragraphs() == ["方案公示期为十天，市民可提出意见。"]

    # The form came back based on the latest revision: saving again is a deliberate overwrite.
    assert base_token(page) == revision_token(draft.latest_revision)
    response = two.post(
        url, form_data(column, base_token(page), title="老城区改造", subtitle="征求意见")
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.subtitle) == ("老城区改造", "征求意见")


def test_a_live_article_edit_on_an_old_revision_is_refused(editors, column):
    article = factories.make_article(column, title="市图书馆延长开放时间")
    one, two = editors
    url = EDIT.format(article.pk)
    token = base_token(one.get(url).content.decode())
    assert one.post(url, form_data(column, token, title="市图书馆延长开放")).status_code == 302
    response = two.post(url, form_data(column, token, title="图书馆夜间开放"))
    assert response.status_code == 200
    assert "保存未成功" in response.content.decode()
    article.refresh_from_db()
    assert article.get_latest_revision().as_object().title == "市图书馆延长开放"
    assert article.title == "市图书馆延长开放时间"  # live copy untouched until published


def test_a_single_save_and_consecutive_saves_by_one_editor_go_through(editors, column, draft):
    one, _ = editors
    url = EDIT.format(draft.pk)
    for title in ("第一次修改", "第二次修改"):
        token = base_token(one.get(url).content.decode())
        response = one.post(url, form_data(column, token, title=title))
        assert response.status_code == 302, response.content.decode()[:2000]
        draft.refresh_from_db()
        assert draft.title == title


def test_a_malformed_base_revision_is_a_form_error_not_a_500(editors, column, draft):
    one, _ = editors
    url = EDIT.format(draft.pk)
    for token in ("abc", "1.2.3", "99999999999999999999999.1", "<script>"):
        response = one.post(url, form_data(column, token, title="不应保存"))
        assert response.status_code == 200
        assert "无法识别稿件的版本信息" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "老城区改造方案公示"


def test_a_save_racing_past_clean_is_refused_in_save(editors, column, draft):
    """Both forms validate before either saves: the re-check under the row lock refuses."""
    token = revision_token(draft.latest_revision)
    forms = []
    for title in ("甲的标题", "乙的标题"):
        instance = Article.objects.get(pk=draft.pk)
        form_class = get_edit_handler(Article).get_form_class()
        assert issubclass(form_class, ArticleAdminForm)
        form = form_class(form_data(column, token, title=title), instance=instance)
        assert form.is_valid(), form.errors
        forms.append(form)
    first, second = forms
    first.save()
    first.instance.save_revision()
    with pytest.raises(StaleRevisionError) as refused:
        second.save()
    assert "保存未成功" in str(refused.value)
    assert "保存未成功" in " ".join(second.non_field_errors())
    draft.refresh_from_db()
    assert draft.title == "甲的标题"


def test_autosave_gets_the_new_base_revision(editors, column, draft):
    one, _ = editors
    url = EDIT.format(draft.pk)
    token = base_token(one.get(url).content.decode())
    response = one.post(
        url,
        form_data(column, token, title="自动保存的标题"),
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    data = response.json()
    assert data["success"] is True
    draft.refresh_from_db()
    assert data["field_updates"]["base_revision"] == revision_token(draft.latest_revision)
    assert data["field_updates"]["base_revision"] != token


def test_an_editors_own_autosave_is_not_a_conflict(editors, column, draft):
    """Autosave saved a revision just before the editor clicked 保存 on the page that still
    carries the old base: only their own work is newer, so the save goes through; another
    editor on that old base is still refused."""
    one, two = editors
    url = EDIT.format(draft.pk)
    token = base_token(one.get(url).content.decode())
    autosave = one.post(
        url, form_data(column, token, title="自动保存"), headers={"Accept": "application/json"}
    )
    assert autosave.json()["success"] is True
    response = one.post(url, form_data(column, token, title="点击保存"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "点击保存"
    response = two.post(url, form_data(column, token, title="另一位编辑"))
    assert response.status_code == 200 and "保存未成功" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "点击保存"
