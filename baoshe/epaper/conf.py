"""Settings of the 数字报 app, each with a default (override as ``BAOSHE_EPAPER_<NAME>``)."""

from django.conf import settings


def _get(name, default):
    return getattr(settings, f"BAOSHE_EPAPER_{name}", default)


def link_threshold() -> float:
    """Minimum similarity (0–1) for linking a printed story to a web article; linking.py."""
    return _get("LINK_THRESHOLD", 0.55)


def link_window_days() -> int:
    """Web articles published this many days before or after the issue date are candidates."""
    return _get("LINK_WINDOW_DAYS", 1)


def media_prefix() -> str:
    """Folder in the default storage under which rendered pages are stored."""
    return _get("MEDIA_PREFIX", "epaper")


def upload_prefix() -> str:
    """Folder in the default storage holding files uploaded in the admin until imported."""
    return _get("UPLOAD_PREFIX", "epaper-uploads")
