"""The share bar: a server-drawn WeChat QR code and a share counter nobody can pump.

A share counts when the share bar reports a click on 微博, X or 复制链接: a POST naming this
site as its origin (no CSRF token: the page is the same for every reader, so a page cache can
serve it), once per client, article and channel in a window, within a per-client budget.
Opening the 微信 QR dialog is not a share; GET never counts; bots do not count. The count is
not printed in the page: the share bar fetches it from a small JSON answer that may be cached
for a minute.
"""

import io
import re

import pytest
import zxingcpp
from django.core.cache import cache
from django.test import Client
from PIL import Image

from baoshe.engage.models import ShareTally
from tests.factories import make_article

ORIGIN = "http://testserver"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"


@pytest.fixture(autouse=True)
def fresh_marks():
    """The throttle's marks live in the (per-process) cache; each test starts without any."""
    cache.clear()
    yield
    cache.clear()


def reader(ip="203.0.113.7"):
    """A browser: enforces CSRF like a real one, from its own address."""
    return Client(enforce_csrf_checks=True, REMOTE_ADDR=ip, HTTP_USER_AGENT=BROWSER)


def page_token(client, article) -> None:
    """Open the article page, as the reader does; the share bar carries no per-reader token."""
    response = client.get(article.url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "data-csrf" not in page and "csrfmiddlewaretoken" not in page
    assert f'data-count-url="/engage/share/{article.pk}.json"' in page
    return None


def share(client, article, channel, token=None, **headers):
    headers.setdefault("HTTP_ORIGIN", ORIGIN)
    if headers["HTTP_ORIGIN"] is None:  # a request that sends no Origin header
        del headers["HTTP_ORIGIN"]
    return client.post(f"/engage/share/{article.pk}/{channel}/", **headers)


def shown_count(client, article) -> int:
    """What the share bar shows: the count it fetches on load."""
    response = client.get(f"/engage/share/{article.pk}.json")
    assert response.status_code == 200
    return response.json()["count"]


def total(article) -> int:
    return ShareTally.count_for(article)


def test_qr_code_decodes_to_the_articles_canonical_url(client, article):
    response = client.get(f"/engage/qr/{article.pk}.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.content)))
    assert [r.text for r in results] == [f"http://localhost{article.url}"]


def test_qr_of_unpublished_or_missing_article_is_404(client, column):
    draft = make_article(column, publish=False)
    assert client.get(f"/engage/qr/{draft.pk}.png").status_code == 404
    assert client.get("/engage/qr/999999999999.png").status_code == 404
    assert client.get("/engage/qr/1000000000000000000000000000000.png").status_code == 404


def test_sharing_from_the_page_counts_and_shows_on_the_page(article):
    browser = reader()
    token = page_token(browser, article)
    assert share(browser, article, "weibo", token).json() == {"count": 1, "counted": True}
    assert share(browser, article, "x", token).json() == {"count": 2, "counted": True}
    assert share(browser, article, "copy", token).json() == {"count": 3, "counted": True}
    assert shown_count(browser, article) == 3


def test_a_hundred_posts_from_one_client_count_once(article):
    browser = reader()
    token = page_token(browser, article)
    answers = [share(browser, article, "weibo", token) for _ in range(100)]
    assert [a.status_code for a in answers] == [200] * 100
    assert [a.json()["counted"] for a in answers] == [True] + [False] * 99
    assert total(article) == 1
    assert ShareTally.objects.get(article=article, channel="weibo").count == 1


def test_another_client_counts_on_its_own(article):
    first, second = reader("203.0.113.7"), reader("198.51.100.9")
    share(first, article, "weibo", page_token(first, article))
    share(second, article, "weibo", page_token(second, article))
    share(second, article, "weibo", page_token(second, article))
    assert total(article) == 2


@pytest.mark.django_db
def test_forwarded_for_is_trusted_only_from_the_configured_proxies(article, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    browser = reader("10.0.0.1")  # the reverse proxy
    token = page_token(browser, article)
    # The proxy appends the address it saw; earlier hops are the client's own (forgeable) claims.
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        share(browser, article, "x", token, HTTP_X_FORWARDED_FOR=f"{forged}, 203.0.113.50")
    assert total(article) == 1
    share(browser, article, "x", token, HTTP_X_FORWARDED_FOR="203.0.113.51")
    assert total(article) == 2


def test_per_client_budget_refuses_with_429(column, settings):
    settings.BAOSHE_SHARE_BUDGET = 4
    articles = [make_article(column) for _ in range(2)]
    browser = reader()
    token = page_token(browser, articles[0])
    answers = [
        share(browser, article, channel, token)
        for article in articles
        for channel in ("weibo", "x", "copy")
    ]
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429, 429]
    assert "分享过于频繁" in answers[-1].json()["error"]
    assert answers[-1]["Retry-After"] == "3600"
    assert total(articles[0]) + total(articles[1]) == 4


def test_opening_the_wechat_qr_dialog_is_not_a_share(article):
    browser = reader()
    page = browser.get(article.url).content.decode()
    # The 微信 button only opens the dialog; it reports nothing to the counter.
    button = re.search(r"<button[^>]*share-btn--wechat[^>]*>", page).group(0)
    assert "data-channel" not in button
    assert browser.get(f"/engage/qr/{article.pk}.png").status_code == 200
    token = page_token(browser, article)
    assert share(browser, article, "wechat", token).status_code == 404
    assert total(article) == 0
    assert shown_count(browser, article) == 0


def test_get_never_counts(article):
    browser = reader()
    page_token(browser, article)
    for channel in ("weibo", "x", "copy"):
        assert browser.get(f"/engage/share/{article.pk}/{channel}/").status_code == 405
        assert browser.head(f"/engage/share/{article.pk}/{channel}/").status_code == 405
    assert total(article) == 0


def test_a_same_origin_post_counts_without_any_token_or_cookie(article):
    browser = reader()
    page_token(browser, article)
    assert not browser.cookies  # the page set no CSRF cookie either
    response = browser.post(
        f"/engage/share/{article.pk}/weibo/", HTTP_ORIGIN=ORIGIN, HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 200
    assert response.json() == {"count": 1, "counted": True}
    assert total(article) == 1


def test_a_browser_that_calls_the_post_cross_site_is_refused(article):
    browser = reader()
    for fetch_site in ("cross-site", "same-site", "none"):
        response = share(browser, article, "weibo", HTTP_SEC_FETCH_SITE=fetch_site)
        assert response.status_code == 403
    assert total(article) == 0


def test_post_from_elsewhere_or_naming_no_origin_is_refused(article):
    browser = reader()
    token = page_token(browser, article)
    assert (
        share(browser, article, "weibo", token, HTTP_ORIGIN="https://evil.example").status_code
        == 403
    )
    no_origin = browser.post(f"/engage/share/{article.pk}/weibo/", HTTP_X_CSRFTOKEN=token)
    assert no_origin.status_code == 403
    assert no_origin.json() == {"error": "只统计本站页面上的分享。"}
    referer = share(
        browser, article, "x", token, HTTP_ORIGIN=None, HTTP_REFERER=f"{ORIGIN}{article.url}"
    )
    assert referer.json()["counted"] is True
    assert total(article) == 1


@pytest.mark.parametrize("agent", ["", "Mozilla/5.0 (compatible; Baiduspider/2.0)", "curl/8.5.0"])
def test_bots_and_scripts_do_not_count(article, agent):
    browser = reader()
    token = page_token(browser, article)
    response = share(browser, article, "weibo", token, HTTP_USER_AGENT=agent)
    assert response.status_code == 200
    assert response.json() == {"count": 0, "counted": False}
    assert total(article) == 0


def test_unknown_channels_are_404(article):
    browser = reader()
    token = page_token(browser, article)
    assert share(browser, article, "myspace", token).status_code == 404
    assert total(article) == 0


def test_share_for_a_non_public_article_is_refused(home, column, article):
    from wagtail.models import PageViewRestriction

    from tests.factories import make_column

    browser = reader()
    token = page_token(browser, article)  # a token from a public page
    draft = make_article(column, publish=False)
    members = make_column(home, "教育", "jiaoyu")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    restricted = make_article(members)
    for hidden in (draft, restricted):
        assert share(browser, hidden, "weibo", token).status_code == 404
        assert browser.get(f"/engage/qr/{hidden.pk}.png").status_code == 404
        assert total(hidden) == 0
    assert ShareTally.objects.count() == 0


def test_the_page_is_the_same_for_every_reader(article):
    first, second = reader("203.0.113.7"), reader("198.51.100.9")
    share(first, article, "x")
    one = first.get(article.url)
    other = second.get(article.url)
    assert one.content == other.content
    assert "Set-Cookie" not in one and not one.cookies
    assert '<span class="share-count"></span>' in one.content.decode()


def test_the_count_answer_is_small_public_and_briefly_cacheable(article):
    browser = reader()
    share(browser, article, "copy")
    response = browser.get(f"/engage/share/{article.pk}.json")
    assert response.json() == {"count": 1}
    assert response["Cache-Control"] in ("max-age=60, public", "public, max-age=60")
    assert Client().post(f"/engage/share/{article.pk}.json").status_code == 405  # GET only


def test_the_count_of_a_non_public_or_missing_article_is_404(column):
    draft = make_article(column, publish=False)
    browser = reader()
    assert browser.get(f"/engage/share/{draft.pk}.json").status_code == 404
    assert browser.get("/engage/share/999999999.json").status_code == 404


def test_share_count_survives_republishing(article):
    browser = reader()
    share(browser, article, "x", page_token(browser, article))
    article.title = "改过的标题"
    article.save_revision().publish()
    assert shown_count(browser, article) == 1
