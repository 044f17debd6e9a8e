"""Keeping the public copy of a page: Django renders a miss, this middleware files it.

It sits first in ``MIDDLEWARE`` so that it notes the store's generation before anything reads
the database, and sees the response with every header the others add. A response is kept only
when all of these hold: the view marked it public (``baoshe.core.public.mark_public``), it is a
plain 200 to a GET without a query string (or with only the tracking parameters sharing
apps add, ``conf.TRACKING_PARAMETERS``), from a reader with no session, it sets no cookie,
and its Content-Type is the one its file name will be served with. Kept or not, a public
response gets the cached pages' ``Cache-Control`` and validators, so a revalidating browser
gets a 304.
"""

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from baoshe.core.public import is_public, public_until

from . import conf, headers
from .store import PageStore, host_of
from .wagtail_hooks import private
from .wsgi import etag_for


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = conf.enabled()

    def __call__(self, request):
        store = PageStore(conf.root()) if self.enabled else None
        generation = store.generation() if store is not None else 0
        response = self.get_response(request)
        if not is_public(response) or response.status_code != 200 or response.streaming:
            return response
        if request.method not in ("GET", "HEAD") or private(response):
            return response  # a never_cache somewhere wins over any public mark
        if not anonymous(request):
            # An editor's copy (the userbar): for this browser only, never a shared cache's.
            patch_cache_control(response, private=True, max_age=0)
            return response
        response["Cache-Control"] = headers.cache_control()
        # One copy for every reader (sessions never reach a kept page), so it varies by the
        # encoding only, as the kept file does.
        response["Vary"] = "Accept-Encoding"
        if not self.keepable(request, response):
            return response
        host = host_of(request.get_host())
        target = store.write(host, request.path, response.content, generation)
        if target is None:
            return response
        until = public_until(response, request)
        if until is not None:
            store.expire_at(host, request.path, until.timestamp())
        stat = target.stat()
        response["ETag"] = etag_for(stat)
        response["Last-Modified"] = http_date(stat.st_mtime)
        response["X-Cache"] = "MISS"
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=int(stat.st_mtime), response=response
        )

    def keepable(self, request, response) -> bool:
        if not self.enabled or request.method != "GET":
            return False
        if not conf.only_tracking(request.META.get("QUERY_STRING", "")):
            return False  # a list's next page, a search: rendered each time
        if response.cookies:
            return False
        name = "index.html" if request.path.endswith("/") else request.path
        expected = headers.content_type_for(name)
        return expected is not None and response.get("Content-Type") == expected


def anonymous(request) -> bool:
    """A reader without a session: the only kind whose pages are kept and shared."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated
