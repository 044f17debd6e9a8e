"""What moves the ``site`` version (``core/versions.py``), so every process rebuilds its chrome.

The chrome shows the paper's settings and friend links, the columns in the navigation and the
single pages in the footer; column visibility and the breadcrumbs follow the page tree, its
sites and view restrictions. Any change to those bumps ``site`` once the transaction commits
(another process must not rebuild from rows it cannot see yet) and forgets this process's
memo at once (so the same request or test sees its own change). Wagtail's generic page
signals are used, so core needs no column type.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import versions


def site_changed() -> None:
    """Call after anything the site chrome shows changed (also from other apps)."""
    versions.forget(versions.SITE)
    versions.bump_on_commit(versions.SITE)


def _on_change(sender, **kwargs):
    site_changed()


def _on_page_saved(sender, instance, **kwargs):
    if isinstance(instance, Page):
        site_changed()


def connect() -> None:
    from .models import FriendLink, SiteSettings

    for model in (SiteSettings, FriendLink, Site, PageViewRestriction):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"baoshe-site-{model.__name__}")
        post_delete.connect(
            _on_change, sender=model, dispatch_uid=f"baoshe-site-del-{model.__name__}"
        )
    # Any page type: a column, a single page, the home page.
    post_save.connect(_on_page_saved, dispatch_uid="baoshe-site-page-save")
    post_delete.connect(_on_page_saved, dispatch_uid="baoshe-site-page-delete")
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_on_change, dispatch_uid=f"baoshe-site-{id(signal)}")
