"""Admin menu items that follow permissions, so each role's menu holds only what it can open."""

from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):
    """A menu link shown only to users holding one of ``permissions``.

    Inside a ``SubmenuMenuItem`` this also hides the submenu when none of its links is shown.
    """

    def __init__(self, *args, permissions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.permissions = tuple(permissions)

    def is_shown(self, request):
        return any(request.user.has_perm(p) for p in self.permissions)
