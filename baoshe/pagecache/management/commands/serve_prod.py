"""``baoshe serve-prod``: nginx in front of gunicorn, the task worker and the scheduler.

``baoshe serve`` (what ``make run`` runs) serves everything from gunicorn. This command runs
the same three children under the same supervisor (it subclasses ``serve``'s command) and a
fourth, nginx, in the foreground:

* the nginx configuration is rendered from ``data/nginx/baoshe.conf.template`` (package data
  of this app) into
  ``DATA_DIR/run/nginx/nginx.conf``; pid file, temp folders and the error page live there
  too, so nothing but the binary needs a root path;
* nginx listens on ``--host``:``--port`` (``PORT``, default 8000) and answers page-cache hits
  (``baoshe.pagecache``: files under ``DATA_DIR/pagecache/<host>/``) itself, with the headers
  ``baoshe.pagecache.headers.cached_headers`` gives, only for GET/HEAD without a query string
  and without a session cookie; static files (hashed names cached for a year) and media too,
  except the 数字报's files, which stay behind Django's release check;
* gunicorn listens on a Unix socket ``DATA_DIR/run/gunicorn.sock`` (or on a free loopback
  port when that path is too long) with 2 × cores + 1 workers.

When nginx is missing it is installed with Debian's ``apt-get`` (as root; otherwise the
command says what to run). docs/serving.md has the whole picture.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from baoshe.core.management.commands.serve import UNIX_SOCKET_MAX
from baoshe.core.management.commands.serve import Command as ServeCommand
from baoshe.core.supervision import run_dir
from baoshe.pagecache.conf import tracking_query_regex

DEPLOY_DIR = Path(__file__).resolve().parents[2] / "data" / "nginx"
TEMPLATE = DEPLOY_DIR / "baoshe.conf.template"
ERROR_PAGE = DEPLOY_DIR / "unavailable.html"
NGINX_SEARCH = ("/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin", "/usr/bin")
MODULES_DIR = Path("/usr/lib/nginx/modules")
BROTLI_STATIC = "ngx_http_brotli_static_module.so"
APT_PACKAGES = ("nginx",)
APT_OPTIONAL = ("libnginx-mod-http-brotli-static",)  # .br siblings served as they are
TEMP_FOLDERS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
FIELD = re.compile(r"\{\{(\w+)\}\}")

# Page-cache file kinds: the nginx location matching them and a file name of that kind, whose
# headers (cached_headers) the location sends. Order matters: nginx tries regexes in turn.
PAGE_CACHE_KINDS = (
    (r"/rss\.xml$", "rss.xml"),
    (r"/atom\.xml$", "atom.xml"),
    (r"\.xml$", "sitemap.xml"),
    (r"(/|\.html)$", "index.html"),
)


def cached_headers(filename: str) -> list[tuple[str, str]]:
    """The headers the page cache serves a file of this name with (the one call into
    ``baoshe.pagecache.headers``)."""
    from baoshe.pagecache.headers import cached_headers as headers

    return headers(filename)


def nginx_string(value: str) -> str:
    """``value`` as a double-quoted nginx string; ``$`` would be read as a variable."""
    value = str(value)
    if "$" in value or "\n" in value:
        raise ValueError(f"cannot put {value!r} in an nginx string")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nginx_regex(pattern: str) -> str:
    """A regular expression as a double-quoted nginx string (``$`` anchors, not variables)."""
    if '"' in pattern or "\n" in pattern:
        raise ValueError(f"cannot put {pattern!r} in an nginx string")
    return f'"{pattern}"'


def find_nginx(explicit: str | None = None) -> str | None:
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    found = shutil.which("nginx")
    if found:
        return found
    for folder in NGINX_SEARCH:
        candidate = Path(folder) / "nginx"
        if os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def mime_types_path(nginx: str | None) -> str | None:
    """The mime.types next to the binary's compiled-in configuration file."""
    candidates = []
    if nginx:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            built = subprocess.run([nginx, "-V"], capture_output=True, text=True, timeout=10)
            match = re.search(r"--conf-path=(\S+)", built.stderr + built.stdout)
            if match:
                candidates.append(Path(match.group(1)).parent / "mime.types")
    candidates.append(Path("/etc/nginx/mime.types"))
    return next((str(path) for path in candidates if path.is_file()), None)


def brotli_module() -> str | None:
    path = MODULES_DIR / BROTLI_STATIC
    return str(path) if path.is_file() else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_address(folder: Path) -> tuple[str, str]:
    """(gunicorn --bind, nginx upstream server) for the app server: a Unix socket in the run
    folder, or a free loopback port when that path is too long for a socket."""
    sock = folder / "gunicorn.sock"
    if len(str(sock).encode()) <= UNIX_SOCKET_MAX:
        return f"unix:{sock}", f"unix:{sock}"
    port = free_port()
    return f"127.0.0.1:{port}", f"127.0.0.1:{port}"


def default_workers() -> int:
    return 2 * (os.cpu_count() or 1) + 1


@dataclass
class NginxSite:
    """Everything the template needs; ``from_settings`` fills it for this installation."""

    listen: str
    upstream: str
    run_dir: Path
    page_cache_dir: Path
    static_url: str = "/static/"
    static_root: Path | None = None
    media_url: str | None = "/media/"
    media_root: Path | None = None
    #: media folders that must go through Django (the 数字报's release check)
    private_media: list[str] = field(default_factory=list)
    session_cookie: str = "sessionid"
    mime_types: str | None = None
    user: str | None = None
    brotli_module: str | None = None
    access_log: Path | None = None
    worker_processes: str = "auto"
    client_max_body_size: str = "512m"
    proxy_read_timeout: str = "120s"

    @classmethod
    def from_settings(
        cls, *, host, port, upstream, nginx=None, access_log=True, user=None
    ) -> NginxSite:
        from baoshe.epaper import conf as epaper_conf
        from baoshe.pagecache import conf as pagecache_conf

        folder = run_dir() / "nginx"
        media_url = settings.MEDIA_URL if settings.MEDIA_URL.startswith("/") else None
        if "S3" in str(settings.STORAGES["default"]["BACKEND"]):
            media_url = None  # media live in a bucket: nothing on this disk to serve
        listen = f"[{host}]:{port}" if ":" in str(host) else f"{host}:{port}"
        if user is None and os.geteuid() == 0:
            # nginx's workers read the data dir as the one who owns it.
            user = pwd.getpwuid(Path(settings.DATA_DIR).stat().st_uid).pw_name
        return cls(
            listen=listen,
            upstream=upstream,
            run_dir=folder,
            page_cache_dir=pagecache_conf.root(),
            static_url=settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/",
            static_root=Path(settings.STATIC_ROOT),
            media_url=media_url,
            media_root=Path(settings.MEDIA_ROOT),
            private_media=[epaper_conf.media_prefix(), epaper_conf.upload_prefix()],
            session_cookie=settings.SESSION_COOKIE_NAME,
            mime_types=mime_types_path(nginx),
            user=user,
            brotli_module=brotli_module(),
            access_log=folder / "access.log" if access_log else None,
        )

    # --- rendering -------------------------------------------------------------------------

    def _brotli_static(self) -> str:
        if self.brotli_module:
            return "brotli_static on;"
        return "# brotli_static: libnginx-mod-http-brotli-static is not installed"

    def page_cache_locations(self) -> str:
        blocks = []
        for pattern, sample in PAGE_CACHE_KINDS:
            try:
                headers = cached_headers(sample)
            except ValueError:
                continue  # the page cache does not store files of this kind
            content_type = ""
            lines = []
            for name, value in headers:
                if name.lower() == "content-type":
                    content_type = value
                else:
                    lines.append(f"            add_header {name} {nginx_string(value)};")
            blocks.append(
                "\n".join(
                    [
                        f"        # page cache: {content_type} (like {sample})",
                        f"        location ~ {nginx_regex(pattern)} {{",
                        "            types { }",
                        f"            default_type {nginx_string(content_type)};",
                        "            gzip_static on;",
                        "            gzip_vary off;  # Vary comes with the headers below",
                        f"            {self._brotli_static()}",
                        "            etag on;",
                        *lines,
                        '            add_header X-Cache "HIT";  # as baoshe.wsgi\'s cache layer',
                        "            try_files $baoshe_pc_prefix$baoshe_pc_file @django;",
                        "            # purged between try_files' check and the open: Django",
                        "            error_page 404 = @django;",
                        "            log_not_found off;",
                        "        }",
                    ]
                )
            )
        return "\n".join(blocks) + "\n"

    def media_locations(self) -> str:
        if not self.media_url or not self.media_root:
            return ""
        url = "/" + self.media_url.strip("/") + "/"
        lines = [
            "        # Uploaded media. Sandboxed: an uploaded SVG or HTML file runs no script.",
            f"        location ^~ {url} {{",
            f"            alias {self.media_root}/;",
            '            add_header Cache-Control "public, max-age=2592000";',
            '            add_header X-Content-Type-Options "nosniff";',
            "            add_header Content-Security-Policy "
            "\"default-src 'none'; style-src 'unsafe-inline'; sandbox\";",
            "        }",
        ]
        for folder in self.private_media:
            lines += [
                "        # E-paper files: only Django knows whether their issue is released.",
                f"        location ^~ {url}{folder.strip('/')}/ {{",
                "            proxy_pass http://baoshe_app;",
                "        }",
            ]
        return "\n".join(lines) + "\n"

    def fields(self) -> dict[str, str]:
        static_url = "/" + self.static_url.strip("/") + "/"
        return {
            "load_modules": (f"load_module {self.brotli_module};" if self.brotli_module else ""),
            "user": f"user {self.user};" if self.user else "",
            "worker_processes": self.worker_processes,
            "run_dir": str(self.run_dir),
            "mime_types": self.mime_types or str(self.run_dir / "mime.types"),
            "access_log": (
                f"access_log {self.access_log} combined buffer=64k flush=5s;"
                if self.access_log
                else "access_log off;"
            ),
            "client_max_body_size": self.client_max_body_size,
            "proxy_read_timeout": self.proxy_read_timeout,
            "session_cookie": self.session_cookie,
            "tracking_args": tracking_query_regex(),
            "upstream": self.upstream,
            "listen": self.listen,
            "page_cache_dir": str(self.page_cache_dir),
            "static_url": static_url,
            "static_root": str(self.static_root),
            "brotli_static": self._brotli_static(),
            "media_locations": self.media_locations(),
            "page_cache_locations": self.page_cache_locations(),
        }

    def render(self, template: Path = TEMPLATE) -> str:
        values = self.fields()
        text = template.read_text(encoding="utf-8")
        missing = sorted(set(FIELD.findall(text)) - set(values))
        if missing:
            raise CommandError(f"{template}: no value for {', '.join(missing)}")
        return FIELD.sub(lambda match: values[match.group(1)], text)

    def write(self, template: Path = TEMPLATE, error_page: Path = ERROR_PAGE) -> Path:
        """Render into the run folder (with temp folders and the error page); the path of
        nginx.conf."""
        for folder in TEMP_FOLDERS:
            (self.run_dir / "tmp" / folder).mkdir(parents=True, exist_ok=True)
        (self.run_dir / "errors").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(error_page, self.run_dir / "errors" / "unavailable.html")
        self.page_cache_dir.mkdir(parents=True, exist_ok=True)
        if not self.mime_types:
            (self.run_dir / "mime.types").write_text(FALLBACK_MIME_TYPES, encoding="utf-8")
        conf = self.run_dir / "nginx.conf"
        conf.write_text(self.render(template), encoding="utf-8")
        return conf


FALLBACK_MIME_TYPES = """types {
    text/html html;
    text/css css;
    text/xml xml;
    text/plain txt;
    application/javascript js mjs;
    application/json json map;
    application/pdf pdf;
    image/svg+xml svg;
    image/png png;
    image/jpeg jpg jpeg;
    image/gif gif;
    image/webp webp;
    image/avif avif;
    image/x-icon ico;
    font/woff woff;
    font/woff2 woff2;
    video/mp4 mp4;
}
"""


def nginx_test(nginx: str, conf: Path) -> subprocess.CompletedProcess:
    """``nginx -t`` on a rendered configuration (prefix: its folder; errors to stderr)."""
    return subprocess.run(
        [nginx, "-t", "-q", "-e", "stderr", "-p", f"{conf.parent}/", "-c", str(conf)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def install_nginx(say) -> str:
    """Install Debian's nginx with apt-get (root only); the binary's path."""
    if not shutil.which("apt-get"):
        raise CommandError(
            _("nginx is not installed and this is not a Debian-like system: install nginx.")
        )
    if os.geteuid() != 0:
        raise CommandError(
            _(
                "nginx is not installed. Install it as root, then run this again:\n"
                "  sudo apt-get install nginx %(optional)s"
            )
            % {"optional": " ".join(APT_OPTIONAL)}
        )
    say(_("Installing nginx with apt-get…"))
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    # Debian starts a freshly installed service (on port 80) unless policy-rc.d says no.
    policy = Path("/usr/sbin/policy-rc.d")
    made_policy = not policy.exists()
    if made_policy:
        policy.write_text("#!/bin/sh\nexit 101\n")
        policy.chmod(0o755)
    try:
        apt = ["apt-get", "-q", "-y", "--no-install-recommends", "install"]
        subprocess.run(["apt-get", "-q", "update"], env=env, check=False)
        if subprocess.run([*apt, *APT_PACKAGES], env=env, check=False).returncode:
            raise CommandError(_("apt-get could not install nginx (see above)."))
        subprocess.run([*apt, *APT_OPTIONAL], env=env, check=False)
    finally:
        if made_policy:
            policy.unlink(missing_ok=True)
    nginx = find_nginx()
    if not nginx:
        raise CommandError(_("nginx was installed but its binary was not found."))
    return nginx


class Command(ServeCommand):
    @property
    def help(self):
        return _(
            "Production stack: nginx (page cache, static files and media, in front) and "
            "gunicorn, the task worker and the publishing scheduler behind it, supervised "
            "together; Ctrl-C stops them all."
        )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(workers=default_workers(), threads=2)
        parser.add_argument("--nginx", help="nginx binary (default: found on PATH or installed)")
        parser.add_argument("--nginx-user", help="user of nginx's workers when run as root")
        parser.add_argument(
            "--no-install", action="store_true", help="fail instead of installing nginx"
        )
        parser.add_argument(
            "--check", action="store_true", help="render the configuration, test it and exit"
        )

    def nginx_binary(self, options) -> str:
        nginx = find_nginx(options["nginx"])
        if nginx:
            return nginx
        if options["nginx"]:
            raise CommandError(_("No nginx at %(path)s") % {"path": options["nginx"]})
        if options["no_install"]:
            raise CommandError(_("nginx is not installed (apt-get install nginx)."))
        return install_nginx(self.say)

    def children(self, options):
        specs, env = super().children(options)
        web = list(specs[0][1])
        web[web.index("--bind") + 1] = self.bind
        if "--access-logfile" in web:  # nginx keeps the access log
            at = web.index("--access-logfile")
            del web[at : at + 2]
        web += ["--keep-alive", "75"]  # longer than nginx's upstream keepalive_timeout
        specs[0] = (specs[0][0], web)
        nginx = [
            self.nginx,
            "-e",
            "stderr",
            "-p",
            f"{self.conf.parent}/",
            "-c",
            str(self.conf),
        ]
        specs.append(("nginx", nginx))
        # Requests reach gunicorn through nginx (one proxy more, unless the operator counted
        # a CDN in front already): the client's address is the last X-Forwarded-For hop.
        env = {**env, "BAOSHE_PROXY_COUNT": str(max(1, settings.BAOSHE_PROXY_COUNT))}
        return specs, env

    def handle(self, *args, **options):
        self.nginx = self.nginx_binary(options)
        folder = run_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self.bind, upstream = app_address(folder)
        site = NginxSite.from_settings(
            host=options["host"],
            port=options["port"],
            upstream=upstream,
            nginx=self.nginx,
            access_log=not options["no_access_log"],
            user=options["nginx_user"],
        )
        self.conf = site.write()
        tested = nginx_test(self.nginx, self.conf)
        if tested.returncode:
            raise CommandError(
                _("nginx refused the configuration %(path)s:\n%(error)s")
                % {"path": self.conf, "error": tested.stderr.strip()}
            )
        self.say(_("nginx configuration: %(path)s") % {"path": self.conf})
        if not (Path(settings.STATIC_ROOT) / "staticfiles.json").is_file():
            self.say(_("No collected static files: run `baoshe collectstatic` first."), error=True)
        if options["check"]:
            return
        sys.stdout.flush()
        super().handle(*args, **options)
