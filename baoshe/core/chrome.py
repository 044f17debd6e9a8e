"""The site chrome, computed once per process and reused until the ``site`` version moves.

Every reader page prints the same masthead, column navigation and footer, and looks up the
same ``Site`` and ``SiteSettings``. Computing them took about a dozen queries a page; here they
are memoised per process (``versions.memoized``) under the ``site`` token, which
``core/signals.py`` bumps whenever anything they show changes. A request then pays one
``os.stat`` (or one Redis GET) for all of them.

Values kept here are shared by the threads of a process: they are read, never changed, after
they are built (a per-request copy of ``SiteSettings`` carries the request).
"""

from __future__ import annotations

import copy

from django.db.models import prefetch_related_objects
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page, Site

from . import versions

_MISSING = object()
_SETTINGS_ATTR = "_core.sitesettings"  # where Wagtail's BaseSiteSetting.for_request caches


def _all_sites() -> list[Site]:
    return list(Site.objects.select_related("root_page"))


def _match_site(sites: list[Site], hostname: str, port: int) -> Site | None:
    """Wagtail's ``get_site_for_hostname`` over the memoised rows, in the same order."""
    for site in sites:
        if site.hostname == hostname and site.port == port:
            return site
    for site in sites:
        if site.hostname == hostname and site.is_default_site:
            return site
    default = [site for site in sites if site.is_default_site]
    by_name = [site for site in sites if site.hostname == hostname]
    if default and len(by_name) == 1:
        return by_name[0]
    if default:
        return default[0]
    return by_name[0] if len(by_name) == 1 else None


def site_for_request(request) -> Site | None:
    """``Site.find_for_request`` without a query: the memoised sites, matched in Python.

    The answer is cached on the request where Wagtail looks for it (``_wagtail_site``), so
    Wagtail's own lookups during the request reuse it.
    """
    if request is None:
        return None
    site = getattr(request, "_wagtail_site", _MISSING)
    if site is not _MISSING:
        return site
    from django.http.request import split_domain_port

    sites = versions.memoized(versions.SITE, "sites", _all_sites, request)
    hostname = split_domain_port(request._get_raw_host())[0]
    try:
        port = int(request.get_port())
    except (TypeError, ValueError):
        port = 80
    site = _match_site(sites, hostname, port)
    request._wagtail_site = site
    return site


def _load_settings(site: Site):
    from .models import SiteSettings

    paper = SiteSettings.for_site(site)
    # Fill the related caches now, so the shared instance never queries again.
    prefetch_related_objects([paper], "friend_links")
    paper.footer_pages  # noqa: B018  (loads the four page links)
    paper.logo  # noqa: B018
    paper.institution_badge  # noqa: B018
    return paper


def settings_for_request(request):
    """The request's ``SiteSettings``: a per-request copy of the memoised instance, also left
    where Wagtail's settings context processor looks (``{{ settings.core.SiteSettings }}``)."""
    cached = getattr(request, _SETTINGS_ATTR, None)
    if cached is not None:
        return cached
    site = site_for_request(request)
    if site is None:
        return None
    paper = copy.copy(
        versions.memoized(
            versions.SITE, ("settings", site.pk), lambda: _load_settings(site), request
        )
    )
    paper._request = request
    setattr(request, _SETTINGS_ATTR, paper)
    return paper


def root_for_request(request):
    """The site's root page, as its specific class."""
    site = site_for_request(request)
    if site is None:
        return None
    return versions.memoized(
        versions.SITE, ("root", site.pk), lambda: site.root_page.specific, request
    )


def nav_columns(request) -> list[Page]:
    """The root's live children marked 在菜单中显示, in the editor's order."""
    root = root_for_request(request)
    if root is None:
        return []
    return versions.memoized(
        versions.SITE,
        ("nav", root.pk),
        lambda: list(root.get_children().live().in_menu()),
        request,
    )


def render_part(part: str, request, page=None) -> str:
    """The masthead and navigation (``header``) or the footer (``footer``) as HTML, rendered
    once per site, language and highlighted column, for this process."""
    site = site_for_request(request)
    if site is None:
        return ""
    current = None
    if part == "header" and page is not None:
        pk = getattr(page, "pk", None)
        if pk is not None and any(column.pk == pk for column in nav_columns(request)):
            current = pk
    key = ("chrome", part, site.pk, get_language(), current)

    def render() -> str:
        context = {
            "request": request,
            "paper": settings_for_request(request),
            "root": root_for_request(request),
            "columns": nav_columns(request),
            "current_pk": current,
        }
        return get_template(f"core/includes/chrome_{part}.html").render(context)

    return mark_safe(versions.memoized(versions.SITE, key, render, request))


class ChromeMiddleware:
    """Resolves the request's site and settings from the process memo before any view runs,
    so neither Wagtail's page serving nor ``{{ settings.core.SiteSettings }}`` queries."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site_for_request(request)
        return self.get_response(request)
