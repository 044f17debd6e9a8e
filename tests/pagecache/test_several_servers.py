"""Several app servers: a purge on one reaches the others' kept pages over Redis, and a CDN's
purge goes through Wagtail's frontend_cache backends."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from baoshe.pagecache import purge as purge_module
from baoshe.pagecache.store import PageStore

REDIS_URL = os.environ.get("BAOSHE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def redis_client():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis at " + REDIS_URL)
    return client


def test_a_committed_purge_is_broadcast(settings, redis_client):
    settings.REDIS_URL = REDIS_URL
    pubsub = redis_client.pubsub()
    pubsub.subscribe(purge_module.CHANNEL)
    pubsub.get_message(timeout=1)  # the subscription's confirmation
    purge_module.broadcast({"/a/1.html", "/"})
    message = pubsub.get_message(timeout=5)
    assert message and json.loads(message["data"]) == ["/", "/a/1.html"]


def test_another_server_s_listener_forgets_the_pages(tmp_path, redis_client):
    data_dir = tmp_path / "server-b"
    env = {
        **os.environ,
        "BAOSHE_DATA_DIR": str(data_dir),
        "REDIS_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "baoshe.settings.local",
    }
    listener = subprocess.Popen(
        [sys.executable, "-m", "baoshe", "pagecache", "listen"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert listener.stdout.readline().strip()  # "listening" (it empties its pages first)
        store = PageStore(data_dir / "pagecache")
        kept = store.write("example.com", "/a/1.html", b"old copy", store.generation())
        other = store.write("example.com", "/a/2.html", b"unrelated", store.generation())
        redis_client.publish(purge_module.CHANNEL, json.dumps(["/a/1.html"]))
        deadline = time.monotonic() + 10
        while kept.exists():
            assert time.monotonic() < deadline, "the purge never reached the other server"
            time.sleep(0.05)
        assert other.exists()
        redis_client.publish(purge_module.CHANNEL, "not json")  # ignored, still listening
        redis_client.publish(purge_module.CHANNEL, json.dumps(["*"]))
        while other.exists():
            assert time.monotonic() < deadline, "purge-all never reached the other server"
            time.sleep(0.05)
    finally:
        listener.terminate()
        listener.wait(timeout=10)


def test_front_caches_are_purged_through_wagtail_backends(settings, home, monkeypatch):
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9/",
        }
    }
    purged = []
    monkeypatch.setattr(
        "wagtail.contrib.frontend_cache.utils.purge_urls_from_cache",
        lambda urls, **kwargs: purged.extend(urls),
    )
    purge_module.purge_front_caches({"/a/1.html"})
    assert purged and all(url.endswith("/a/1.html") for url in purged)
