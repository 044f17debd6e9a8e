"""Login throttling (django-axes): ten wrong passwords lock the account, even for the right one."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.test import RequestFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "pw-reporter-1"


@pytest.fixture
def reporter(django_user_model):
    return django_user_model.objects.create_user("reporter", "reporter@example.com", PASSWORD)


def login(client, password, username="reporter"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def logged_in_as(client):
    return client.session.get("_auth_user_id")


def test_the_eleventh_attempt_is_refused_even_with_the_right_password(client, reporter):
    for attempt in range(1, 11):
        response = login(client, f"wrong-{attempt}")
        assert logged_in_as(client) is None
    # The tenth failure already answers with the lockout page.
    assert response.status_code == 429
    assert "登录已暂时锁定" in response.content.decode()

    response = login(client, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "连续 10 次密码错误" in page and "锁定约 15 分钟" in page
    assert "即使输入正确的密码也无法登录" in page
    assert logged_in_as(client) is None
    assert client.get("/admin/").status_code == 302  # still sent to the login form


def test_nine_failures_then_the_right_password_logs_in_and_starts_the_count_again(client, reporter):
    for attempt in range(9):
        response = login(client, f"wrong-{attempt}")
        assert response.status_code == 200  # the login form again, with its error
    response = login(client, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert logged_in_as(client) == str(reporter.pk)
    # A successful login resets the failures: nine more do not lock the account.
    client.logout()
    for attempt in range(9):
        assert login(client, f"again-{attempt}").status_code == 200
    assert login(client, PASSWORD).status_code == 302


def test_the_lock_is_per_account_and_from_every_address(client, reporter, django_user_model):
    django_user_model.objects.create_user("editor1", "editor1@example.com", "pw-editor1-1")
    for attempt in range(10):
        client.post(
            LOGIN,
            {"username": "reporter", "password": f"wrong-{attempt}"},
            REMOTE_ADDR=f"10.0.0.{attempt + 1}",
        )
    # Guessing from many addresses still locks the account ...
    locked = client.post(
        LOGIN, {"username": "reporter", "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    assert locked.status_code == 429 and logged_in_as(client) is None
    # ... but not a colleague behind the same address.
    other = client.post(
        LOGIN, {"username": "editor1", "password": "pw-editor1-1"}, REMOTE_ADDR="10.0.0.1"
    )
    assert other.status_code == 302 and logged_in_as(client) is not None


def test_the_lock_lifts_after_the_cool_off(client, reporter):
    for attempt in range(10):
        login(client, f"wrong-{attempt}")
    assert login(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    response = login(client, PASSWORD)
    assert response.status_code == 302 and logged_in_as(client) == str(reporter.pk)


def test_every_authenticate_call_is_throttled_not_only_the_admin_form(reporter):
    """Django's own login views call ``authenticate(request, ...)`` as Wagtail's does."""
    factory = RequestFactory()
    for attempt in range(10):
        request = factory.post("/accounts/login/")
        assert authenticate(request, username="reporter", password=f"wrong-{attempt}") is None
    request = factory.post("/accounts/login/")
    assert authenticate(request, username="reporter", password=PASSWORD) is None
    assert getattr(request, "axes_locked_out", False)
