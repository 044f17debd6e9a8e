"""撤稿 under load: once the withdrawal's final approval has returned, no reader gets the
article, from the cache or otherwise, while other readers keep requesting it over HTTP."""

import http.client
import threading
import time

import pytest
from django.db import connections
from django.test.testcases import LiveServerThread

from baoshe.pagecache.store import PageStore
from baoshe.pagecache.wsgi import CachedPages
from tests.factories import make_article
from tests.pagecache.conftest import request_withdrawal

READERS = 4


@pytest.fixture
def cached_server(transactional_db, page_root):
    """A threaded HTTP server running the stack gunicorn runs: CachedPages in front of Django."""
    overrides = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    for conn in overrides.values():
        conn.inc_thread_sharing()  # as LiveServerTestCase does for an in-memory SQLite
    store = PageStore(page_root)

    def handler(application):
        wrapped = CachedPages(application, store=store)
        wrapped.enabled = True
        return wrapped

    thread = LiveServerThread("127.0.0.1", handler, connections_override=overrides, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield thread
    thread.terminate()
    for conn in overrides.values():
        conn.dec_thread_sharing()


def test_no_reader_gets_a_withdrawn_article_after_the_withdrawal(
    cached_server, home, column, admin_client
):
    from tests.factories import paper_settings

    paper_settings()
    article = make_article(
        column, title="并发读取时撤下的稿件", paragraphs=["这一段正文撤稿后不能再被读到。"]
    )
    path = article.url
    log = []  # (started, status, served from cache)
    stop = threading.Event()

    def read():
        conn = http.client.HTTPConnection("127.0.0.1", cached_server.port, timeout=30)
        while not stop.is_set():
            started = time.monotonic()
            conn.request("GET", path, headers={"Host": "testserver"})
            response = conn.getresponse()
            body = response.read()
            log.append((started, response.status, response.getheader("X-Cache"), body))
        conn.close()

    threads = [threading.Thread(target=read) for _ in range(READERS)]
    for thread in threads:
        thread.start()
    try:
        deadline = time.monotonic() + 60
        while not any(status == 200 and cache == "HIT" for _, status, cache, _ in list(log)):
            assert time.monotonic() < deadline, "the page was never served from the cache"
            time.sleep(0.05)
        withdrawal, review = request_withdrawal(admin_client, article)
        admin_client.post(review, {"decision": "approve"})
        admin_client.post(review, {"decision": "approve"})
        committed = time.monotonic()
        withdrawal.refresh_from_db()
        assert withdrawal.state == "approved"
        while sum(1 for started, *_ in list(log) if started > committed) < 50:
            assert time.monotonic() < committed + 60, "readers stopped reading"
            time.sleep(0.05)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)

    before = [entry for entry in log if entry[0] < committed]
    after = [entry for entry in log if entry[0] > committed]
    assert any(status == 200 and cache == "HIT" for _, status, cache, _ in before)
    assert after and {status for _, status, _, _ in after} == {410}
    assert all("这一段正文撤稿后不能再被读到".encode() not in body for *_, body in after)
    assert all("这一段正文撤稿后不能再被读到".encode() in body for *_, body in before[:1])
