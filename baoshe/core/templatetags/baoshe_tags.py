"""Template helpers shared by every reader page."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page.specific if site else None


@register.simple_tag(takes_context=True)
def nav_columns(context):
    """The site root's live children marked 在菜单中显示 (the top-level columns), in the editor's
    order, for the navigation bar. Wagtail's own menu flag, so core need not know the columns'
    page type."""
    root = site_root(context)
    if root is None:
        return []
    cache = context.render_context
    if "nav_columns" not in cache:
        cache["nav_columns"] = list(root.get_children().live().in_menu())
    return cache["nav_columns"]


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
