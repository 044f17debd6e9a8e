"""The two files every site is asked for at its root: ``/robots.txt`` and ``/favicon.ico``.

robots.txt keeps crawlers out of the admin, the share counters and search result pages (which
carry ``noindex`` too) and points them at the sitemap index. favicon.ico is the paper's mark
from the static files; browsers ask for it on every first visit, so it must not be a 404.
"""

from functools import lru_cache

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse

from .public import mark_public

DISALLOWED = ("/admin/", "/engage/", "/search/", "/documents/")
FAVICON = "baoshe/favicon.ico"


def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED)]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    return mark_public(response)


@lru_cache(maxsize=1)
def _favicon_bytes() -> bytes | None:
    path = finders.find(FAVICON)
    if not path:
        return None
    with open(path, "rb") as handle:
        return handle.read()


def favicon(request):
    data = _favicon_bytes()
    if data is None:
        raise Http404
    return mark_public(HttpResponse(data, content_type="image/x-icon"))
