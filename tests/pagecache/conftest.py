"""Reading the site as a reader's request meets it: through ``baoshe.wsgi``'s cache layer."""

import io
import sys

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test.client import RequestFactory

from baoshe.pagecache import headers
from baoshe.pagecache.store import PageStore
from baoshe.pagecache.wsgi import CachedPages


class Answer:
    def __init__(self, status, header_list, body):
        self.status_code = int(status.split(" ", 1)[0])
        self.headers = dict(header_list)
        self.header_list = header_list
        self.content = body

    @property
    def text(self):
        return self.content.decode("utf-8")

    @property
    def hit(self):
        return self.headers.get("X-Cache") == "HIT"


class Reader:
    """A WSGI client of ``CachedPages(WSGIHandler())``, the stack gunicorn runs."""

    def __init__(self, root):
        self.store = PageStore(root)
        self.app = CachedPages(WSGIHandler(), store=self.store)
        self.app.enabled = True

    def get(self, path, method="GET", query="", **extra):
        environ = RequestFactory()._base_environ(
            PATH_INFO=path,
            REQUEST_METHOD=method,
            QUERY_STRING=query,
            **{"wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr},
            **extra,
        )
        captured = {}

        def start_response(status, header_list, exc_info=None):
            captured["status"] = status
            captured["headers"] = header_list

        # As Django's test client does: the test's connection (and its transaction) must
        # survive the end of the request.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            chunks = self.app(environ, start_response)
            body = b"".join(chunks)
            if hasattr(chunks, "close"):
                chunks.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return Answer(captured["status"], captured["headers"], body)

    def twice(self, path, **extra):
        """The first answer renders and keeps the page; the second is what readers then get."""
        self.get(path, **extra)
        return self.get(path, **extra)


@pytest.fixture
def page_root(tmp_path, settings):
    settings.BAOSHE_PAGE_CACHE_DIR = tmp_path / "pages"
    headers.clear()
    yield settings.BAOSHE_PAGE_CACHE_DIR
    headers.clear()


@pytest.fixture
def reader(page_root, home):
    from tests.factories import paper_settings

    paper_settings()  # made on first use, which (being a change) would purge that first page
    return Reader(page_root)


def request_withdrawal(client, article):
    """File a 撤稿 of ``article`` through the admin as ``client``'s user; the request and the
    URL where 二审 and then 三审 decide it."""
    from baoshe.workflow.models import Withdrawal

    client.post(
        f"/admin/workflow/article/{article.pk}/withdraw/",
        {"reason": "信息有误", "notice": "本文已撤回。"},
    )
    withdrawal = Withdrawal.objects.get(article=article)
    return withdrawal, f"/admin/workflow/request/withdrawal/{withdrawal.pk}/review/"
