"""Cache hits answered in front of Django: no middleware, no URL resolving, no database.

``baoshe.wsgi`` wraps Django's application in ``CachedPages`` so that ``make run`` (gunicorn,
no nginx) serves a cached page with a ``stat`` and a read. The rules are the nginx ones
(``baoshe serve-prod``): only GET and HEAD without a query string and without the session
cookie; anything else, and any miss, goes to Django, which renders the page and keeps it
(``PageCacheMiddleware``).
"""

import fcntl
import time
from email.utils import formatdate
from http import HTTPStatus

from . import conf, headers
from .store import PageStore, host_of

_STATUS = {code: f"{code} {HTTPStatus(code).phrase}" for code in (200, 304)}
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
RENDER_WAIT_SECONDS = 5.0  # longest wait for another request's render of the same page
RENDER_POLL_SECONDS = 0.002
NOT_KEPT_SECONDS = 60.0  # a page not kept is rendered without waiting for this long
NOT_KEPT_MAX = 10_000


def etag_for(stat) -> str:
    return f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'


def accepted_encodings(header: str) -> set[str]:
    accepted = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if params.replace(" ", "").lower() in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            continue
        accepted.add(name.strip().lower())
    return accepted


class CachedPages:
    def __init__(self, application, store: PageStore | None = None, session_cookie="sessionid"):
        self.application = application
        self.store = store or PageStore(conf.root())
        self.cookie_marker = f"{session_cookie}="
        self.enabled = conf.enabled()
        self.not_kept: dict[str, float] = {}  # page file -> when a render of it was not kept

    def __call__(self, environ, start_response):
        if self.enabled and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            target = self.lookup(environ)
            if target is not None:
                answer = self.serve(environ, start_response, target)
                if answer is not None:
                    return answer
                return self.render_once(environ, start_response, target)
        return self.application(environ, start_response)

    def lookup(self, environ):
        """The file that would keep this request's page, or None if it is not one to keep."""
        if self.cookie_marker in environ.get("HTTP_COOKIE", ""):
            return None
        if not conf.only_tracking(environ.get("QUERY_STRING", "")):
            return None
        try:
            path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8")
        except UnicodeError:
            return None
        host = host_of(environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""))
        return self.store.file_for(host, path)

    def render_once(self, environ, start_response, target):
        """A miss: one request renders the page while the others asking for it at the same
        moment (all readers, right after a purge of a busy page) wait for its file, rather
        than every one of them rendering it again. Pages that were not kept last time (an
        error, a page no view marked public) are rendered without waiting."""
        key = str(target)
        noted = self.not_kept.get(key)
        if noted is not None and time.monotonic() - noted < NOT_KEPT_SECONDS:
            return self.application(environ, start_response)
        handle = self.store.render_lock(target)
        try:
            deadline = time.monotonic() + RENDER_WAIT_SECONDS
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    answer = self.serve(environ, start_response, target)
                    if answer is not None:
                        return answer
                    if time.monotonic() > deadline:
                        return self.application(environ, start_response)
                    time.sleep(RENDER_POLL_SECONDS)
            answer = self.serve(environ, start_response, target)  # kept while we waited
            if answer is not None:
                return answer
            result = self.application(environ, start_response)
            if target.exists():
                self.not_kept.pop(key, None)
            else:
                if len(self.not_kept) > NOT_KEPT_MAX:
                    self.not_kept.clear()
                self.not_kept[key] = time.monotonic()
            return result
        finally:
            handle.close()  # releases the lock

    def serve(self, environ, start_response, target):
        """Answer from the kept file, or None when there is none."""
        try:
            stat = target.stat()
        except OSError:
            return None
        etag = etag_for(stat)
        response_headers = headers.cached_headers(target.name)
        response_headers.append(("ETag", etag))
        response_headers.append(("Last-Modified", formatdate(stat.st_mtime, usegmt=True)))
        if environ.get("HTTP_IF_NONE_MATCH", "") in (etag, f"W/{etag}", "*") or (
            "HTTP_IF_NONE_MATCH" not in environ
            and environ.get("HTTP_IF_MODIFIED_SINCE") == response_headers[-1][1]
        ):
            start_response(_STATUS[304], response_headers)
            return [b""]
        accepted = accepted_encodings(environ.get("HTTP_ACCEPT_ENCODING", ""))
        body = None
        for name, suffix in ENCODINGS:
            if name in accepted:
                try:
                    body = target.with_name(target.name + suffix).read_bytes()
                except OSError:
                    continue
                response_headers.append(("Content-Encoding", name))
                break
        if body is None:
            try:
                body = target.read_bytes()
            except OSError:  # purged between the stat and the read
                return None
        response_headers.append(("Content-Length", str(len(body))))
        response_headers.append(("X-Cache", "HIT"))
        start_response(_STATUS[200], response_headers)
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]
