# ruff: noqa: F811 (the 三审三校 role fixtures are imported from tests/workflow/conftest.py)
"""Hardening of the admin: malformed POSTs answer 400 with a message, free text loses its
control characters (PostgreSQL refuses NUL), and mail never needs a mail server to exist."""

import json
import logging
from pathlib import Path

import pytest
from django.test import override_settings

from baoshe.newsroom.models import Article
from baoshe.settings import base as base_settings
from baoshe.settings.environment import email_settings
from baoshe.workflow.models import Correction, Withdrawal
from tests import factories
from tests.workflow.conftest import ADD_URL, article_form, as_user, people  # noqa: F401

pytestmark = pytest.mark.django_db

MESSAGE = "提交的表单数据不完整或格式有误"


def edit_url(article):
    return f"/admin/snippets/newsroom/article/edit/{article.pk}/"


def snapshot(article):
    article.refresh_from_db()
    body = json.dumps(list(article.body.raw_data), ensure_ascii=False)
    return (article.title, body, article.live, article.latest_revision_id)


def malformed_bodies(column):
    not_json = factories.article_form(column)
    not_json["body-0-value"] = "这不是 JSON {"
    no_count = factories.article_form(column)
    del no_count["body-count"]
    bad_count = factories.article_form(column)
    bad_count["body-count"] = "十"
    no_type = factories.article_form(column)
    del no_type["body-0-type"]
    return {
        "rich text that is not JSON": not_json,
        "no body-count": no_count,
        "a body-count that is not a number": bad_count,
        "a block without its type": no_type,
    }


@pytest.mark.parametrize(
    "case",
    [
        "rich text that is not JSON",
        "no body-count",
        "a body-count that is not a number",
        "a block without its type",
    ],
)
def test_malformed_article_posts_answer_400_and_change_nothing(
    admin_client, article, column, case, caplog
):
    before = snapshot(article)
    data = malformed_bodies(column)[case]
    with caplog.at_level(logging.WARNING):
        response = admin_client.post(edit_url(article), data)
        added = admin_client.post(ADD_URL, data)
    assert response.status_code == 400, case
    assert MESSAGE in response.content.decode()
    assert added.status_code == 400
    assert snapshot(article) == before
    assert Article.objects.count() == 1
    # Logged as a warning about the request, not as a server error with a traceback.
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("Malformed admin POST" in r.getMessage() for r in caplog.records)


def test_revert_without_body_count_answers_400(admin_client, article, column):
    factories_data = factories.article_form(column, title="第二版标题")
    assert admin_client.post(edit_url(article), factories_data).status_code == 302
    first = article.revisions.order_by("pk").first()
    before = snapshot(article)
    data = factories.article_form(column)
    del data["body-count"]
    url = f"/admin/snippets/newsroom/article/history/{article.pk}/revisions/{first.pk}/revert/"
    response = admin_client.post(url, data)
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert snapshot(article) == before


def test_a_real_bug_outside_form_parsing_is_still_a_500(admin_client, monkeypatch):
    """Only malformed input becomes a 400; a KeyError in our own code must not be hidden."""
    from baoshe.core import middleware

    request = type("R", (), {"method": "POST", "path": "/admin/x/", "user": None})()
    try:
        {}["missing"]
    except KeyError as exc:
        assert middleware.MalformedPostMiddleware(None).process_exception(request, exc) is None
    try:
        json.loads("{")
    except ValueError as exc:
        response = middleware.MalformedPostMiddleware(None).process_exception(request, exc)
        assert response.status_code == 400


NUL_TEXT = "当事人\x00身份信息\x0b有误"


def test_nul_and_control_characters_in_withdrawal_and_correction_text(people, as_user, column):
    article = factories.make_article(column, title="需要撤下的稿件")
    editor = as_user(people["editor1"])
    response = editor.post(
        f"/admin/workflow/article/{article.pk}/withdraw/",
        {"reason": NUL_TEXT, "notice": "本文\x00已撤回。"},
    )
    assert response.status_code == 302
    withdrawal = Withdrawal.objects.get()
    assert withdrawal.reason == "当事人身份信息有误"
    assert withdrawal.notice == "本文已撤回。"

    response = editor.post(
        f"/admin/workflow/article/{article.pk}/correct/", {"text": "第二段\x00“3日”应为“5日”。"}
    )
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.text == "第二段“3日”应为“5日”。"

    director = as_user(people["director"])
    review = f"/admin/workflow/request/withdrawal/{withdrawal.pk}/review/"
    response = director.post(review, {"decision": "approve", "comment": "同意\x00撤稿"})
    assert response.status_code == 302
    withdrawal.refresh_from_db()
    assert withdrawal.state == "pending_final"


def test_without_email_url_mail_goes_to_files_under_the_data_dir():
    config = email_settings("", Path("/srv/paper"))
    assert config == {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": "/srv/paper/mail",
    }
    # The settings modules follow it (the test run sets no EMAIL_URL).
    assert base_settings.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend"
    assert str(base_settings.DATA_DIR / "mail") == base_settings.EMAIL_FILE_PATH


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://news%40paper.cn:p%40ss@mail.paper.cn:2525",
            {
                "EMAIL_HOST": "mail.paper.cn",
                "EMAIL_PORT": 2525,
                "EMAIL_HOST_USER": "news@paper.cn",
                "EMAIL_HOST_PASSWORD": "p@ss",
                "EMAIL_USE_TLS": False,
                "EMAIL_USE_SSL": False,
            },
        ),
        ("smtp+tls://u:p@mail.paper.cn", {"EMAIL_PORT": 587, "EMAIL_USE_TLS": True}),
        ("smtps://u:p@mail.paper.cn", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
        ("console://", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        ("file:///var/mail/paper", {"EMAIL_FILE_PATH": "/var/mail/paper"}),
    ],
)
def test_email_url_forms(url, expected):
    config = email_settings(url, Path("/srv/paper"))
    for key, value in expected.items():
        assert config[key] == value, key


def test_an_unknown_email_url_scheme_is_a_clear_error():
    with pytest.raises(ValueError, match="EMAIL_URL"):
        email_settings("imap://mail.paper.cn", Path("/srv/paper"))


def test_workflow_steps_notify_without_a_mail_server_and_without_tracebacks(
    people, as_user, column, tmp_path, caplog
):
    with (
        override_settings(EMAIL_BACKEND=base_settings.EMAIL_BACKEND, EMAIL_FILE_PATH=str(tmp_path)),
        caplog.at_level(logging.INFO),
    ):
        reporter = as_user(people["reporter"])
        response = reporter.post(ADD_URL, {**article_form(column), "action-submit": "submit"})
        assert response.status_code == 302
    article = Article.objects.get()
    assert article.current_workflow_task is not None
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    mails = list(tmp_path.iterdir())
    assert mails, "the step's notification should have been written to the mail folder"
    assert any("editor1@example.com" in path.read_text() for path in mails)
