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
