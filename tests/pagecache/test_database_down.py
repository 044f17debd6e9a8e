"""With the database stopped, kept pages are still served and the rest get a styled 503; once
it is back, everything works again without restarting anything."""

import contextlib
import socket

import pytest
from django.db import OperationalError, connection

from tests.factories import make_article


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


@contextlib.contextmanager
def database_stopped():
    """PostgreSQL: the connection is closed and pointed at a port where nothing listens (what
    a stopped server looks like). SQLite (in memory for the suite, which closing would destroy):
    every statement fails as on an unreadable database file."""
    if connection.vendor == "postgresql":
        saved = connection.settings_dict["PORT"], connection.settings_dict["HOST"]
        connection.close()
        connection.settings_dict["HOST"] = "127.0.0.1"
        connection.settings_dict["PORT"] = closed_port()
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict["PORT"], connection.settings_dict["HOST"] = saved
        return

    def refuse(execute, sql, params, many, context):
        raise OperationalError("unable to open database file")

    with connection.execute_wrapper(refuse):
        yield


@pytest.mark.django_db(transaction=True)
def test_kept_pages_survive_a_stopped_database_and_the_rest_get_503(reader, home, column):
    kept = make_article(column, title="数据库停机前缓存的稿件")
    uncached = make_article(column, title="没有缓存的稿件")
    kept_url, uncached_url = kept.url, uncached.url
    assert reader.twice(kept_url).hit
    with database_stopped():
        cached = reader.get(kept_url)
        assert cached.status_code == 200 and cached.hit and "数据库停机前缓存的稿件" in cached.text
        down = reader.get(uncached_url)
        assert down.status_code == 503
        assert down.headers["Retry-After"] == "30"
        assert "网站正忙" in down.text and "Traceback" not in down.text
        assert reader.get(column.url, query="page=2").status_code == 503
    back = reader.get(uncached_url)
    assert back.status_code == 200 and "没有缓存的稿件" in back.text


def test_other_errors_keep_the_500_page(rf):
    from baoshe.core.unavailable import server_error

    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
