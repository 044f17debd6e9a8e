import re
from urllib.parse import quote

from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape, format_html
from wagtail import hooks
from wagtail.admin import messages

from . import users


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("baoshe/admin.css"))


# --- user management without escalation (core/users.py) ----------------------------------


def _refuse(request, reason):
    messages.error(request, reason)
    return redirect(reverse("wagtailusers_users:index"))


def _post(request):
    return request.POST if request.method == "POST" else None


@hooks.register("before_create_user")
def create_user_without_escalation(request):
    reason = users.refusal(request.user, None, _post(request))
    return _refuse(request, reason) if reason else None


@hooks.register("before_edit_user")
def edit_user_without_escalation(request, user):
    reason = users.refusal(request.user, user, _post(request))
    return _refuse(request, reason) if reason else None


@hooks.register("before_delete_user")
def delete_superusers_only_as_superuser(request, user):
    reason = users.refusal(request.user, user, None)
    return _refuse(request, reason) if reason else None


# --- an admin in the newsroom's language ----------------------------------------------------

# Help menu items that open Wagtail's English web pages (its release notes and editor guide).
_WAGTAIL_WEB_PAGES = ("whats-new-in-wagtail-", "editor-guide")


@hooks.register("construct_help_menu")
def help_without_wagtail_web_pages(request, menu_items):
    """Superusers keep the links to Wagtail's own pages; the newsroom gets the shortcuts."""
    if not request.user.is_superuser:
        menu_items[:] = [i for i in menu_items if not i.name.startswith(_WAGTAIL_WEB_PAGES)]


# Avatars: the photo a user uploaded, else their initials drawn in place (a data: URL), never
# gravatar.com (WAGTAIL_GRAVATAR_PROVIDER_URL = None: a third-party request, blocked in China).
_CJK = re.compile(r"[\u3400-\u9fff]")
_AVATAR_COLOURS = ("#1f6f8b", "#7a4f9a", "#2e7d32", "#b35c1e", "#a83240", "#4a5d8a")
_AVATAR_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 100 100">'
    '<rect width="100" height="100" fill="{colour}"/>'
    '<text x="50" y="50" dy=".35em" text-anchor="middle" fill="#fff" font-size="{font}" '
    'font-family="sans-serif">{initials}</text></svg>'
)


def initials(user):
    """王小明 → 小明 (as Chinese office tools write a name; family name first, whichever field
    holds it), Ann Lee → AL, else the login's first letter."""
    first, last = (getattr(user, f, "").strip() for f in ("first_name", "last_name"))
    if _CJK.search(first + last):
        return "".join(f"{last}{first}".split())[-2:]
    letters = "".join(w[0] for w in f"{first} {last}".split()[:2]) or user.get_username()[:1]
    return letters.upper()


@hooks.register("get_avatar_url")
def initials_avatar(user, size):
    if getattr(user, "pk", None) is None:
        return None  # no one (the system's entries in a history): Wagtail's default picture
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.avatar:
        return None  # Wagtail serves the uploaded photo
    text = initials(user)
    svg = _AVATAR_SVG.format(
        size=size,
        colour=_AVATAR_COLOURS[(user.pk or 0) % len(_AVATAR_COLOURS)],
        font=40 if len(text) > 1 else 50,
        initials=escape(text),
    )
    return "data:image/svg+xml," + quote(svg)


# --- what a change makes stale (the page cache's ``pagecache_urls`` hook) ------------------


@hooks.register("pagecache_urls")
def site_wide_urls(instance):
    """The paper's settings, footer links and every page of the tree (the navigation lists
    columns, the footer lists single pages) show on every page."""
    from wagtail.models import Page

    from .models import FriendLink, SiteSettings

    if isinstance(instance, SiteSettings | FriendLink | Page):
        return ["*"]
    return None
