"""The page cache's settings, read when used so tests can override them."""

from pathlib import Path

from django.conf import settings

# How long a CDN or proxy may keep a page after the origin stops answering.
STALE_IF_ERROR = 86_400


def enabled() -> bool:
    """``BAOSHE_PAGE_CACHE`` (the environment variable of that name, default on)."""
    return bool(getattr(settings, "BAOSHE_PAGE_CACHE", True))


def root() -> Path:
    configured = getattr(settings, "BAOSHE_PAGE_CACHE_DIR", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "pagecache"


def shared_max_age() -> int:
    """``s-maxage`` for a CDN or proxy in front: 0 unless purging it is configured."""
    value = getattr(settings, "BAOSHE_PAGE_CACHE_SHARED_MAX_AGE", None)
    if value is not None:
        return int(value)
    return 86_400 if getattr(settings, "WAGTAILFRONTENDCACHE", None) else 0


# Query parameters that sharing apps and campaigns add to a link without changing the page:
# WeChat (from, isappinstalled, scene, clicktime, enterid, share_token, nsukey, wxshare_count),
# Alibaba's spm, and the utm_* family. A request carrying only these is the same page as
# without them, so it is answered from (and kept as) the page without a query string: most
# readers of a shared story arrive through such a link.
TRACKING_PARAMETERS = (
    "from",
    "isappinstalled",
    "scene",
    "clicktime",
    "enterid",
    "share_token",
    "nsukey",
    "wxshare_count",
    "spm",
)
TRACKING_PREFIXES = ("utm_",)
MAX_TRACKING_QUERY = 512


def only_tracking(query_string: str) -> bool:
    """Whether ``query_string`` (raw, non-empty or empty) holds tracking parameters only."""
    if not query_string:
        return True
    if len(query_string) > MAX_TRACKING_QUERY:
        return False
    parts = query_string.split("&")
    if parts[-1] == "":
        parts.pop()  # a trailing "&"
    for part in parts:
        name = part.split("=", 1)[0]
        if name in TRACKING_PARAMETERS:
            continue
        prefix = next((p for p in TRACKING_PREFIXES if name.startswith(p)), None)
        rest = name[len(prefix) :] if prefix else ""
        if rest and _name_chars(rest):
            continue
        return False
    return bool(parts)


def _name_chars(rest: str) -> bool:
    """What ``[a-z0-9_]+`` matches (the nginx pattern is case-sensitive)."""
    return all(ch in "abcdefghijklmnopqrstuvwxyz0123456789_" for ch in rest)


def tracking_query_regex() -> str:
    """``only_tracking`` as a PCRE for nginx's ``$args``."""
    names = "|".join([*TRACKING_PARAMETERS, *(f"{p}[a-z0-9_]+" for p in TRACKING_PREFIXES)])
    return f"^(?:(?:{names})(?:=[^&]*)?(?:&|$))+$"
