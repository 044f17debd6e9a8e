"""A Content Security Policy on every reader and admin page (django-csp).

The browser tests (tests/browser/conftest.py) fail on any CSP violation Chromium reports; these
tests pin the header itself and the nonces on the inline scripts Wagtail's admin still prints.
"""

import re

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "Content-Security-Policy"


def directives(response):
    policy = response[HEADER]
    return {
        name: rest.split()
        for name, _, rest in (part.strip().partition(" ") for part in policy.split(";"))
        if name
    }


def assert_strict(response):
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    return policy


def test_reader_pages_carry_the_policy(client, article, column):
    for url in ["/", column.url, article.url, "/epaper/", "/no-such-page/"]:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        policy = assert_strict(response)
        # Nothing inline runs on reader pages: no nonce is even offered.
        assert policy["script-src"] == ["'self'"], url


def test_admin_login_and_admin_pages_carry_the_policy(admin_client, article):
    assert_strict(Client().get("/admin/login/"))
    for url in [
        "/admin/",
        "/admin/snippets/newsroom/article/",
        f"/admin/snippets/newsroom/article/edit/{article.pk}/",
        "/admin/users/",
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


def test_wagtails_inline_widget_scripts_carry_the_pages_nonce(admin_client, article):
    """The scheduling fields use Wagtail's date-time widget, which initialises itself with an
    inline script: it must carry this response's nonce, or the date picker is dead."""
    response = admin_client.get(f"/admin/snippets/newsroom/article/edit/{article.pk}/")
    html = response.content.decode()
    nonces = [s for s in directives(response)["script-src"] if s.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-") : -1]
    inline = re.findall(r"<script([^>]*)>\s*initDateTimeChooser", html)
    assert inline, "the go-live date-time widget should be on the edit page"
    assert all(f'nonce="{nonce}"' in attrs for attrs in inline)
    # Every executable inline script on the page carries it.
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S):
        if "src=" in attrs or 'type="application/json"' in attrs or not body.strip():
            continue
        assert f'nonce="{nonce}"' in attrs, body[:80]


def test_the_nonce_is_fresh_per_response(admin_client, article):
    url = f"/admin/snippets/newsroom/article/edit/{article.pk}/"
    first = directives(admin_client.get(url))["script-src"]
    second = directives(admin_client.get(url))["script-src"]
    assert first != second


def test_a_stored_script_gets_no_nonce(admin_client, column):
    """Text people type is data: a <script> pasted into a title or body never runs."""
    payload = "<script>alert(1)</script>"
    article = factories.make_article(column, title=f"标题{payload}", paragraphs=["正文"])
    response = admin_client.get(f"/admin/snippets/newsroom/article/edit/{article.pk}/")
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    reader = admin_client.get(article.url).content.decode()
    assert "<script>alert(1)</script>" not in reader
