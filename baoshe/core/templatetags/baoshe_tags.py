"""Template helpers shared by every reader page."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from baoshe.core import chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def site_root(context):
    """The site's root page (specific), from the process memo (``core.chrome``)."""
    return chrome.root_for_request(context.get("request"))


@register.simple_tag(takes_context=True)
def nav_columns(context):
    """The site root's live children marked 在菜单中显示 (the top-level columns), in the editor's
    order, for the navigation bar. Wagtail's own menu flag, so core need not know the columns'
    page type."""
    return chrome.nav_columns(context.get("request"))


@register.simple_tag(takes_context=True)
def site_paper(context):
    """The request's ``SiteSettings`` without a query (``core.chrome``)."""
    request = context.get("request")
    if request is None:
        return None
    return chrome.settings_for_request(request)


@register.simple_tag(takes_context=True)
def site_chrome(context, part):
    """The masthead and column navigation (``"header"``) or the footer (``"footer"``), rendered
    once per process until the ``site`` version moves; the current ``page`` is highlighted in
    the navigation."""
    request = context.get("request")
    if request is None:
        return ""
    return chrome.render_part(part, request, context.get("page"))


@register.filter
def cn_datetime(value):
    """2026-11-24 09:30, in the site's time zone: the form Chinese news sites print."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


@register.filter
def cn_date(value):
    """The date in the language's own format (2026年11月24日), in the site's time zone."""
    if not value:
        return ""
    return date_format(timezone.localtime(value), "DATE_FORMAT")


@register.filter
def iso(value):
    return timezone.localtime(value).isoformat() if value else ""
