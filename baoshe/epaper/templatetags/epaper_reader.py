"""Template helpers of the 数字报 reader's own pages."""

from django import template

from baoshe.core.address import public_url

register = template.Library()


@register.filter
def absolute(path: str) -> str:
    """``path`` on the paper's public address (BAOSHE_BASE_URL): canonical links are absolute."""
    return public_url(str(path or "/"))
