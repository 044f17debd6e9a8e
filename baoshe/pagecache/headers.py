"""The headers a cached page is served with, the same from Python, from nginx and from Django.

A cached page is answered without Django, so the headers Django's middleware would have added
(security headers, the Content Security Policy) are computed here once from the settings. The
nginx configuration (``baoshe serve-prod``) prints the same list; a test holds them equal to
what Django sends for the same page.
"""

from functools import lru_cache

from django.conf import settings

from . import conf

HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"

# File name (or suffix) -> Content-Type. Feeds are named rss.xml / atom.xml by their views.
_BY_NAME = {"rss.xml": RSS, "atom.xml": ATOM}
TEXT = "text/plain; charset=utf-8"
ICON = "image/x-icon"
_BY_SUFFIX = {".html": HTML, ".xml": XML, ".txt": TEXT, ".ico": ICON}


def content_type_for(filename: str) -> str | None:
    """The Content-Type a cached file named ``filename`` is served with; None: not cacheable."""
    name = filename.rsplit("/", 1)[-1]
    if name in _BY_NAME:
        return _BY_NAME[name]
    dot = name.rfind(".")
    return _BY_SUFFIX.get(name[dot:]) if dot > 0 else None


def cache_control() -> str:
    """Browsers revalidate every time (a 304 costs nothing; a withdrawn story must vanish at
    once); a CDN keeps the page while purges reach it, and serves it stale when we are down."""
    return (
        f"public, max-age=0, s-maxage={conf.shared_max_age()}, stale-if-error={conf.STALE_IF_ERROR}"
    )


def security_headers() -> list[tuple[str, str]]:
    """What SecurityMiddleware, XFrameOptionsMiddleware and django-csp add to a reader page
    (reader pages carry no inline script, so their policy has no nonce)."""
    from csp.utils import build_policy

    headers = []
    if getattr(settings, "SECURE_HSTS_SECONDS", 0):
        value = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if getattr(settings, "SECURE_HSTS_INCLUDE_SUBDOMAINS", False):
            value += "; includeSubDomains"
        if getattr(settings, "SECURE_HSTS_PRELOAD", False):
            value += "; preload"
        headers.append(("Strict-Transport-Security", value))
    if getattr(settings, "SECURE_CONTENT_TYPE_NOSNIFF", True):
        headers.append(("X-Content-Type-Options", "nosniff"))
    referrer = getattr(settings, "SECURE_REFERRER_POLICY", "same-origin")
    if referrer:
        value = referrer if isinstance(referrer, str) else ",".join(referrer)
        headers.append(("Referrer-Policy", value))
    coop = getattr(settings, "SECURE_CROSS_ORIGIN_OPENER_POLICY", "same-origin")
    if coop:
        headers.append(("Cross-Origin-Opener-Policy", coop))
    headers.append(("X-Frame-Options", getattr(settings, "X_FRAME_OPTIONS", "DENY")))
    headers.append(("Content-Security-Policy", build_policy()))
    return headers


@lru_cache(maxsize=8)
def _cached_headers(content_type: str) -> tuple[tuple[str, str], ...]:
    return (
        ("Content-Type", content_type),
        ("Cache-Control", cache_control()),
        ("Vary", "Accept-Encoding"),
        *security_headers(),
    )


def cached_headers(filename: str) -> list[tuple[str, str]]:
    """Every header of a cached file's response but its length, ETag, Last-Modified and
    Content-Encoding (those depend on the file and the request)."""
    content_type = content_type_for(filename)
    if content_type is None:
        raise ValueError(f"not a cacheable file name: {filename!r}")
    return list(_cached_headers(content_type))


def clear():
    """Forget computed headers (tests that override settings)."""
    _cached_headers.cache_clear()
