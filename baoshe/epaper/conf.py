"""Settings of the 数字报 app, each with a default (override as ``BAOSHE_EPAPER_<NAME>``)."""

import os
from pathlib import Path

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


# --- input budgets (defect: tiny PDFs that render to gigapixel images) -------------------


def pdf_limits():
    """The page-count, page-size and pixel budget every imported PDF is checked against."""
    from .pdfcheck import PdfLimits

    defaults = PdfLimits()
    return PdfLimits(
        max_pages=_get("MAX_PAGES", defaults.max_pages),
        min_side_pt=_get("MIN_PAGE_SIDE_PT", defaults.min_side_pt),
        max_side_pt=_get("MAX_PAGE_SIDE_PT", defaults.max_side_pt),
        max_aspect=_get("MAX_PAGE_ASPECT", defaults.max_aspect),
        max_render_pixels=_get("MAX_RENDER_PIXELS", defaults.max_render_pixels),
    )


def render_memory_mb() -> int:
    """Address-space limit (MB) of the child process that renders pages; 0 = no limit."""
    return int(_get("RENDER_MEMORY_MB", 1536))


def render_workers() -> int:
    """Render processes working on one import side by side (each has its own memory limit):
    by default one per core, at most two."""
    return max(1, int(_get("RENDER_WORKERS", min(2, os.cpu_count() or 1))))


def render_timeout() -> float:
    """Seconds one page may take to render and segment before the import is refused."""
    return float(_get("RENDER_TIMEOUT", 300))


def epaper_tmp_dir() -> Path:
    """Folder for the e-paper's temporary files, under the data dir (created if missing).

    Imports, renders and the demo put their temporary folders here rather than in the
    system's /tmp, so they live and die with the installation and can be cleaned at start
    (``tasks.py`` names its folders ``job-<id>-…`` for that).
    """
    folder = Path(_get("TMP_DIR", None) or Path(settings.DATA_DIR) / "tmp" / "epaper")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
