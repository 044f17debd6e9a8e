"""Cache hits: what is kept, how it is answered, and what is never kept."""

import gzip

import brotli
import pytest

from baoshe.pagecache import headers
from baoshe.pagecache.store import PageStore, relative_file, valid_host
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_a_published_article_is_kept_and_then_served_without_django(
    reader, article, django_assert_num_queries
):
    first = reader.get(article.url)
    assert first.status_code == 200 and not first.hit
    assert first.headers["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = reader.get(article.url)
    assert second.hit and second.content == first.content
    assert article.title in second.text
    # The same headers as the page Django rendered, but for the ones that describe the file.
    for name in (
        "Content-Type",
        "Cache-Control",
        "Content-Security-Policy",
        "X-Frame-Options",
        "Referrer-Policy",
        "X-Content-Type-Options",
        "ETag",
    ):
        assert second.headers[name] == first.headers[name], name
    assert "stale-if-error=" in second.headers["Cache-Control"]
    assert second.headers["Vary"] == "Accept-Encoding"


def test_cached_headers_are_what_django_sends_for_the_page(reader, article):
    first = reader.get(article.url)
    for name, value in headers.cached_headers("66.html"):
        if name == "Vary":
            assert "Accept-Encoding" in first.headers["Vary"]
        else:
            assert first.headers[name] == value, name


def test_revalidation_answers_304_and_gzip_is_sent_to_who_asks(reader, article):
    page = reader.twice(article.url)
    etag = page.headers["ETag"]
    not_modified = reader.get(article.url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    since = reader.get(article.url, HTTP_IF_MODIFIED_SINCE=page.headers["Last-Modified"])
    assert since.status_code == 304
    zipped = reader.get(article.url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert zipped.hit and zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == page.content
    smaller = reader.get(article.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert smaller.headers["Content-Encoding"] == "br"
    assert brotli.decompress(smaller.content) == page.content
    assert len(smaller.content) < len(zipped.content) < len(page.content)
    refused = reader.get(article.url, HTTP_ACCEPT_ENCODING="gzip;q=0")
    assert "Content-Encoding" not in refused.headers and refused.content == page.content
    head = reader.get(article.url, method="HEAD")
    assert (
        head.hit
        and head.content == b""
        and head.headers["Content-Length"] == str(len(page.content))
    )


def test_home_column_feed_and_sitemap_are_kept(reader, article, column):
    for path in ("/", column.url, f"{column.url}rss.xml", "/rss.xml"):
        answer = reader.twice(path)
        assert answer.status_code == 200 and answer.hit, path
    assert reader.twice("/rss.xml").headers["Content-Type"].startswith("application/rss+xml")


def test_requests_with_a_session_or_a_query_string_are_never_answered_from_the_cache(
    reader, article, admin_client
):
    reader.twice(article.url)
    with_session = reader.get(article.url, HTTP_COOKIE="sessionid=abc")
    assert with_session.status_code == 200 and not with_session.hit
    with_query = reader.get(article.url, query="page=2")
    assert with_query.status_code == 200 and not with_query.hit
    post = reader.get(article.url, method="POST")
    assert not post.hit


def test_a_logged_in_editor_s_page_is_not_kept(reader, page_root, article, admin_client):
    session = admin_client.cookies["sessionid"].value
    answer = reader.get(article.url, HTTP_COOKIE=f"sessionid={session}")
    assert answer.status_code == 200
    assert not (page_root / "testserver").exists()


def test_errors_drafts_and_unknown_pages_are_not_kept(reader, page_root, column):
    draft = make_article(column, title="尚未发布的稿件", publish=False)
    assert reader.get(f"{column.url}{draft.pk}.html").status_code == 404
    assert reader.get("/no-such-page/").status_code == 404
    assert reader.get(f"{column.url}99999999.html").status_code == 404
    assert not list(page_root.glob("testserver/**/*.html"))


@pytest.mark.parametrize(
    "path",
    [
        "/../etc/passwd",
        "/a/../../x.html",
        "/.generation",
        "/x.html.gz",
        "/index.html",
        "/a//b.html",
        "/noextension",
        "/\x00.html",
        "/a\\b.html",
    ],
)
def test_paths_that_no_cached_page_can_have(path):
    assert relative_file(path) is None


@pytest.mark.parametrize("host", ["", ".", "..", "a..b", "-x", "a/b", "例子.com", "a b"])
def test_hosts_that_are_not_directories(host):
    assert not valid_host(host)


def test_a_hit_never_leaves_the_store(reader, page_root, article):
    reader.twice(article.url)
    (page_root / "secret.html").write_text("outside any host")
    for host in ("..", "testserver/..", "."):
        answer = reader.get("/secret.html", HTTP_HOST=host)
        assert not answer.hit


def test_a_render_that_began_before_a_purge_is_not_kept(tmp_path):
    store = PageStore(tmp_path)
    generation = store.generation()
    store.purge(["/a.html"])
    assert store.write("example.com", "/a.html", b"old", generation) is None
    assert not (tmp_path / "example.com" / "a.html").exists()
    kept = store.write("example.com", "/a.html", b"new", store.generation())
    assert kept.read_bytes() == b"new"
    assert gzip.decompress(kept.with_name("a.html.gz").read_bytes()) == b"new"
    store.purge(["/a.html"])
    assert not kept.exists() and not kept.with_name("a.html.gz").exists()


def test_subtrees_and_everything_can_be_forgotten(tmp_path):
    store = PageStore(tmp_path)
    for path in ("/epaper/", "/epaper/a/2026-01-01/", "/b.html"):
        store.write("example.com", path, b"x", store.generation())
    store.purge(["/epaper/*"])
    assert not (tmp_path / "example.com" / "epaper").exists()
    assert (tmp_path / "example.com" / "b.html").exists()
    store.purge_all()
    assert store.hosts() == [] and store.count() == 0


def test_pages_valid_until_a_time_are_forgotten_then(tmp_path):
    store = PageStore(tmp_path)
    store.write("example.com", "/epaper/", b"x", store.generation())
    store.expire_at("example.com", "/epaper/", 1_000)
    assert store.purge_expired(999) == 0
    assert (tmp_path / "example.com" / "epaper" / "index.html").exists()
    assert store.purge_expired(1_000) == 1
    assert not (tmp_path / "example.com" / "epaper" / "index.html").exists()


def test_robots_txt_and_favicon_are_answered_and_kept(reader):
    robots = reader.twice("/robots.txt")
    assert robots.hit and robots.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "Disallow: /admin/" in robots.text and "Disallow: /search/" in robots.text
    assert "Sitemap: http://testserver/sitemap.xml" in robots.text
    icon = reader.twice("/favicon.ico")
    assert icon.hit and icon.headers["Content-Type"] == "image/x-icon"
    assert icon.content[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_readers_missing_the_same_page_at_once_wait_for_one_render(tmp_path):
    """Right after a purge of a busy page every reader misses; one renders, the rest wait for
    its file instead of rendering the same page again."""
    import threading
    import time

    from baoshe.pagecache.wsgi import CachedPages

    store = PageStore(tmp_path)
    renders = []

    def slow_django(environ, start_response):
        renders.append(environ["PATH_INFO"])
        generation = store.generation()
        time.sleep(0.3)
        if environ["PATH_INFO"] == "/a.html":
            store.write("example.com", "/a.html", b"<p>page</p>", generation)
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [b"<p>page</p>"]

    app = CachedPages(slow_django, store=store)
    app.enabled = True
    answers = []

    def read(path):
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "HTTP_HOST": "example.com"}
        statuses = []
        body = b"".join(app(environ, lambda status, headers: statuses.append(status)))
        answers.append((statuses[0], body))

    for path in ("/a.html", "/b.html"):
        threads = [threading.Thread(target=read, args=(path,)) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert renders.count("/a.html") == 1  # kept: the other seven were served its file
    assert renders.count("/b.html") == 8  # never kept: each waited its turn, then rendered
    assert all(status.startswith("200") and body == b"<p>page</p>" for status, body in answers)
    read("/b.html")
    assert renders.count("/b.html") == 9  # remembered as not kept: no more waiting


def test_an_editor_s_copy_is_private_and_a_restricted_column_is_never_kept(
    reader, page_root, home, column, article, admin_client
):
    from wagtail.models import PageViewRestriction

    editor_copy = admin_client.get(article.url)
    assert editor_copy.status_code == 200
    assert (
        "private" in editor_copy["Cache-Control"] and "public" not in editor_copy["Cache-Control"]
    )
    PageViewRestriction.objects.create(
        page=column, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for path in (column.url, article.url):
        answer = reader.twice(path)
        assert not answer.hit and "public" not in answer.headers.get("Cache-Control", ""), path
    assert not list(page_root.glob("testserver/bendi/**/*.html"))


@pytest.mark.parametrize(
    "query, same_page",
    [
        ("from=singlemessage&isappinstalled=0", True),
        ("from=timeline", True),
        ("utm_source=weibo&utm_medium=social", True),
        ("spm=a2c4g.11186623", True),
        ("from=groupmessage&page=2", False),
        ("before=1700000000000000-5", False),
        ("utm_source=x&q=1", False),
        ("utm_=x", False),
    ],
)
def test_links_shared_from_wechat_are_the_same_kept_page(
    reader, page_root, article, query, same_page
):
    first = reader.get(article.url, query=query)
    assert first.status_code == 200
    kept = (page_root / "testserver" / article.url.lstrip("/")).exists()
    assert kept == same_page
    again = reader.get(article.url, query=query)
    assert again.hit == same_page
    if same_page:
        assert again.content == reader.get(article.url).content


def test_only_tracking_matches_the_nginx_pattern():
    import re

    from baoshe.pagecache.conf import only_tracking, tracking_query_regex

    pattern = re.compile(tracking_query_regex())
    for query in [
        "from=a",
        "from=a&isappinstalled=0",
        "utm_campaign=x&spm=1.2",
        "scene=1&",
        "page=2",
        "from=a&page=2",
        "utm_=x",
        "fromx=1",
        "q=from",
    ]:
        assert bool(pattern.match(query)) == only_tracking(query), query
