"""``baoshe serve-prod``'s nginx configuration: what it says, that nginx accepts it, and that
nginx serves the page cache with the page cache's headers (304s included), sends everything
else to the app, keeps the 数字报's files behind Django, and when the app is down still serves
cached pages and shows its own page for the rest.

The text is checked everywhere; the tests that run nginx skip with the install command when
there is no nginx (with ``CI=true`` a skip fails the run, as for the browser tests).
"""

import contextlib
import gzip
import http.client
import http.server
import os
import re
import signal
import socket
import subprocess
import threading
import time

import pytest

from baoshe.pagecache import headers as pagecache_headers
from baoshe.pagecache.management.commands import serve_prod
from baoshe.pagecache.management.commands.serve_prod import (
    PAGE_CACHE_KINDS,
    NginxSite,
    find_nginx,
    nginx_test,
)

NGINX = find_nginx()
needs_nginx = pytest.mark.skipif(
    NGINX is None, reason="nginx is not installed: sudo apt-get install nginx"
)
HOST = "127.0.0.1"


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@pytest.fixture
def site(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.STATIC_ROOT = tmp_path / "data" / "static"
    settings.MEDIA_ROOT = tmp_path / "data" / "media"
    settings.MEDIA_URL = "/media/"
    settings.BAOSHE_PAGE_CACHE_DIR = tmp_path / "data" / "pagecache"
    pagecache_headers.clear()
    yield NginxSite.from_settings(
        host=HOST, port=free_port(), upstream=f"{HOST}:{free_port()}", nginx=NGINX
    )
    pagecache_headers.clear()


def location_block(config: str, opening: str) -> str:
    """The text of the location that starts with ``opening`` up to its closing brace."""
    start = config.index(opening)
    depth, quoted, end = 0, False, start
    for end in range(start, len(config)):
        char = config[end]
        if char == '"' and config[end - 1] != "\\":
            quoted = not quoted
        elif char == "{" and not quoted:
            depth += 1
        elif char == "}" and not quoted:
            depth -= 1
            if depth == 0:
                break
    return config[start : end + 1]


def test_rendered_configuration(site, tmp_path):
    config = site.render()
    data = tmp_path / "data"
    assert "{{" not in config
    assert "daemon off;" in config
    assert f"pid {data}/run/nginx/nginx.pid;" in config
    assert f"listen {site.listen} " in config
    assert f"server {site.upstream} " in config
    # a purge is seen at once
    assert "open_file_cache off;" in config
    # the page cache only for GET/HEAD, no query string, no session cookie
    assert re.search(r"map \$request_method \$baoshe_pc_method \{\s+GET 0;\s+HEAD 0;", config)
    assert re.search(r"map \$args \$baoshe_pc_args \{\s+\"\" 0;\s+\"~\^\(\?:", config)
    assert re.search(r"map \$cookie_sessionid \$baoshe_pc_session \{\s+\"\" 0;", config)
    assert re.search(r'"0000" /\$host;\s+default /\.bypass;', config)
    assert f"root {data}/pagecache;" in config
    # every page-cache kind is served with exactly the headers of baoshe.pagecache.headers
    for pattern, sample in PAGE_CACHE_KINDS:
        block = location_block(config, f'location ~ "{pattern}"')
        expected = pagecache_headers.cached_headers(sample)
        content_type = dict(expected)["Content-Type"]
        assert f'default_type "{content_type}";' in block
        added = re.findall(r'add_header (\S+) "((?:[^"\\]|\\.)*)";', block)
        assert added == [(k, v) for k, v in expected if k != "Content-Type"] + [("X-Cache", "HIT")]
        assert "try_files $baoshe_pc_prefix$baoshe_pc_file @django;" in block
        # a file purged between try_files' check and its opening is Django's, not a 404
        assert "error_page 404 = @django;" in block
        assert "gzip_static on;" in block
    # static files: hashed names for a year, immutable; others briefly
    static = location_block(config, "location ^~ /static/")
    assert f"alias {data}/static/;" in static
    hashed = location_block(static, 'location ~ "\\.[0-9a-f]{12}')
    assert 'Cache-Control "public, max-age=31536000, immutable"' in hashed
    # media from disk, but the 数字报's folders only through Django's release check
    media = location_block(config, "location ^~ /media/ ")
    assert f"alias {data}/media/;" in media
    for folder in ("epaper", "epaper-uploads"):
        block = location_block(config, f"location ^~ /media/{folder}/ ")
        assert "proxy_pass http://baoshe_app;" in block and "alias" not in block
    assert "proxy_pass http://baoshe_app;" in location_block(config, "location ^~ /epaper/media/")
    assert "error_page 502 503 504 /_baoshe/unavailable.html;" in config
    # nothing is written outside the data dir
    for directive in ("pid", "client_body_temp_path", "proxy_temp_path", "access_log"):
        for line in re.findall(rf"^\s*{directive} (\S+)", config, re.M):
            assert line.rstrip(";") == "off" or line.startswith(str(data)), line


def test_rendered_configuration_without_local_media(settings, site):
    settings.MEDIA_URL = "https://cdn.example.com/media/"
    site = NginxSite.from_settings(host=HOST, port=8000, upstream="unix:/x.sock", nginx=NGINX)
    config = site.render()
    assert "location ^~ /media/" not in config
    assert "listen 127.0.0.1:8000 " in config


def test_the_app_server_listens_on_a_socket_in_the_run_folder(tmp_path):
    bind, upstream = serve_prod.app_address(tmp_path)
    assert bind == upstream == f"unix:{tmp_path}/gunicorn.sock"
    deep = tmp_path / ("x" * 120)
    bind, upstream = serve_prod.app_address(deep)
    assert re.fullmatch(r"127\.0\.0\.1:\d+", bind) and upstream == bind


def test_serve_prod_runs_gunicorn_on_the_socket_and_nginx_in_the_foreground(tmp_path):
    command = serve_prod.Command()
    command.bind = f"unix:{tmp_path}/gunicorn.sock"
    command.nginx = "/usr/sbin/nginx"
    command.conf = tmp_path / "run" / "nginx" / "nginx.conf"
    parser = command.create_parser("baoshe", "serve-prod")
    options = vars(parser.parse_args([]))
    specs, _env = command.children(options)
    names = [name for name, _argv in specs]
    assert names == ["web", "worker", "scheduler", "nginx"]
    web = specs[0][1]
    assert web[web.index("--bind") + 1] == command.bind
    assert web[web.index("--workers") + 1] == str(2 * (os.cpu_count() or 1) + 1)
    assert "--access-logfile" not in web
    assert specs[-1][1] == [
        "/usr/sbin/nginx",
        "-e",
        "stderr",
        "-p",
        f"{command.conf.parent}/",
        "-c",
        str(command.conf),
    ]


@needs_nginx
def test_nginx_accepts_the_configuration(site):
    conf = site.write()
    result = nginx_test(NGINX, conf)
    assert result.returncode == 0, result.stderr


# --- nginx serving ---------------------------------------------------------------------------


class Stub(http.server.BaseHTTPRequestHandler):
    """The app server: answers everything with a marker."""

    protocol_version = "HTTP/1.0"

    def answer(self):
        body = f"upstream {self.command} {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Upstream", "1")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.answer()

    do_GET = do_HEAD = answer

    def log_message(self, *args):
        pass


@pytest.fixture
def stub():
    server = http.server.ThreadingHTTPServer((HOST, 0), Stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def request(port, path, method="GET", headers=None, body=None):
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


@contextlib.contextmanager
def running_nginx(site):
    conf = site.write()
    process = subprocess.Popen(
        [NGINX, "-e", "stderr", "-p", f"{conf.parent}/", "-c", str(conf)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    port = int(site.listen.rsplit(":", 1)[1])
    try:
        for _ in range(200):
            if process.poll() is not None:
                raise AssertionError(process.stdout.read().decode())
            with contextlib.suppress(OSError), socket.create_connection((HOST, port), 0.2):
                break
            time.sleep(0.05)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)


@needs_nginx
def test_nginx_serves_the_page_cache_and_sends_the_rest_to_the_app(site, stub):
    site.upstream = f"{HOST}:{stub.server_address[1]}"
    pages = site.page_cache_dir / HOST
    article = pages / "news" / "12.html"
    article.parent.mkdir(parents=True)
    html = "<!doctype html><title>稿件</title><p>缓存的稿件正文。</p>".encode() * 40
    article.write_bytes(html)
    article.with_name("12.html.gz").write_bytes(gzip.compress(html))
    (pages / "index.html").write_bytes(b"<!doctype html><p>home</p>")
    (pages / "rss.xml").write_bytes(b"<?xml version='1.0'?><rss/>")
    media = site.media_root
    (media / "images").mkdir(parents=True)
    (media / "images" / "a.png").write_bytes(b"png")
    (media / "epaper").mkdir()
    (media / "epaper" / "p1.png").write_bytes(b"unreleased")
    site.static_root.mkdir(parents=True)
    (site.static_root / "app.0123456789ab.css").write_bytes(b"body{}")
    (site.static_root / "app.css").write_bytes(b"body{}")

    with running_nginx(site) as port:
        status, got, body = request(port, "/news/12.html")
        assert (status, body) == (200, html)
        for name, value in pagecache_headers.cached_headers("12.html"):
            assert got[name.lower()] == value, name
        assert got["x-cache"] == "HIT" and "x-upstream" not in got
        etag, modified = got["etag"], got["last-modified"]

        status, got, body = request(port, "/news/12.html", headers={"Accept-Encoding": "gzip"})
        assert got["content-encoding"] == "gzip" and gzip.decompress(body) == html

        status, got, body = request(port, "/news/12.html", headers={"If-None-Match": etag})
        assert (status, body) == (304, b"")
        assert (
            got["cache-control"]
            == dict(pagecache_headers.cached_headers("x.html"))["Cache-Control"]
        )
        status, got, body = request(port, "/news/12.html", headers={"If-Modified-Since": modified})
        assert (status, body) == (304, b"")

        status, got, body = request(port, "/news/12.html", method="HEAD")
        assert (status, body, got["content-length"]) == (200, b"", str(len(html)))

        # a path ending in / is its index.html; a feed is served as a feed
        assert request(port, "/")[2] == b"<!doctype html><p>home</p>"
        status, got, _ = request(port, "/rss.xml")
        assert (
            got["content-type"] == dict(pagecache_headers.cached_headers("rss.xml"))["Content-Type"]
        )

        # a link shared from WeChat (tracking parameters only) is the same kept page
        for path in (
            "/news/12.html?from=singlemessage&isappinstalled=0",
            "/news/12.html?utm_source=x",
        ):
            status, got, body = request(port, path)
            assert (status, body, got["x-cache"]) == (200, html, "HIT"), path

        # a query string, a session, a POST: the app
        for path, method, headers in [
            ("/news/12.html?page=2", "GET", {}),
            ("/news/12.html?from=timeline&page=2", "GET", {}),
            ("/news/12.html", "GET", {"Cookie": "sessionid=abc"}),
            ("/news/12.html", "POST", {"Content-Length": "0"}),
        ]:
            status, got, body = request(port, path, method=method, headers=headers)
            assert got.get("x-upstream") == "1", (path, method, headers)
            assert body == f"upstream {method} {path}".encode()
        # the page is its folder's URL, not …/index.html; dot files are never pages
        assert request(port, "/index.html")[1].get("x-upstream") == "1"
        (pages / ".tmp").mkdir()
        (pages / ".tmp" / "x.html").write_bytes(b"half-written")
        assert request(port, "/.tmp/x.html")[1].get("x-upstream") == "1"
        # another cookie is no session
        assert request(port, "/news/12.html", headers={"Cookie": "csrftoken=x"})[2] == html
        # another host has its own folder
        assert request(port, "/news/12.html", headers={"Host": "other.example"})[1].get(
            "x-upstream"
        )

        # a purge shows at once
        article.unlink()
        article.with_name("12.html.gz").unlink()
        assert request(port, "/news/12.html")[2] == b"upstream GET /news/12.html"

        # media from disk, the 数字报's files from Django only
        status, got, body = request(port, "/media/images/a.png")
        assert (status, body) == (200, b"png") and "max-age" in got["cache-control"]
        assert "sandbox" in got["content-security-policy"]
        status, got, body = request(port, "/media/epaper/p1.png")
        assert body == b"upstream GET /media/epaper/p1.png"
        assert request(port, "/epaper/media/epaper/p1.png")[1].get("x-upstream") == "1"

        # static files: hashed names for good
        got = request(port, "/static/app.0123456789ab.css")[1]
        assert got["cache-control"] == "public, max-age=31536000, immutable"
        assert request(port, "/static/app.css")[1]["cache-control"] == "public, max-age=60"


@needs_nginx
def test_nginx_serves_cached_pages_and_its_own_error_page_when_the_app_is_down(site, tmp_path):
    site.upstream = f"unix:{tmp_path}/nobody-listens.sock"
    pages = site.page_cache_dir / HOST
    pages.mkdir(parents=True)
    (pages / "index.html").write_bytes(b"<!doctype html><p>home</p>")
    with running_nginx(site) as port:
        status, _, body = request(port, "/")
        assert (status, body) == (200, b"<!doctype html><p>home</p>")
        status, got, body = request(port, "/news/99.html")
        assert status == 502
        assert "服务暂时不可用".encode() in body
        assert got["cache-control"] == "no-store"
        assert got["content-type"].startswith("text/html")
