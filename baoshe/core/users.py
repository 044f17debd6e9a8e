"""User management without escalation.

A non-superuser who may manage users (the 管理员 role: ``auth.add_user``/``auth.change_user``)
creates and edits newsroom accounts, but:

* only superusers manage superusers: a superuser's edit and delete pages refuse everybody else;
* nobody but a superuser grants superuser status;
* only the newsroom's role groups (registered with the ``register_role_groups`` hook: the
  workflow app's ``ALL_ROLES``) may be handed out, so a group
  that someone gave extra permissions cannot be used to pass them on;
* nobody changes their own groups or superuser status.

``refusal`` returns the reason a request is refused, or None; the hooks in
``core/wagtail_hooks.py`` answer with that message instead of letting the form save.
"""

from django.contrib.auth.models import Group
from django.forms import CheckboxInput
from django.utils.translation import gettext_lazy as _

SUPERUSER_ONLY = _("Only superusers can view and change superuser accounts.")
NO_SUPERUSER_GRANT = _("Only superusers can grant superuser status.")
ROLE_GROUPS_ONLY = _(
    "Users can only be given the newsroom's roles: reporter, editor, desk head/duty editor, "
    "editor-in-chief, proofreader, administrator."
)
NOT_YOUR_OWN_ROLES = _(
    "You cannot change your own roles or superuser status; please ask another administrator."
)
BAD_GROUPS = _("Invalid choice of roles.")


ROLE_GROUPS_HOOK = "register_role_groups"


def role_group_ids() -> set[int]:
    """The groups that may be handed out: every name an app returns from ``ROLE_GROUPS_HOOK``."""
    from wagtail import hooks

    names = [name for fn in hooks.get_hooks(ROLE_GROUPS_HOOK) for name in fn()]
    return set(Group.objects.filter(name__in=names).values_list("pk", flat=True))


def _posted_group_ids(post):
    ids = set()
    for value in post.getlist("groups"):
        value = str(value).strip()
        if not value.isdigit() or len(value) > 18:
            return None
        ids.add(int(value))
    return ids


def _grants_superuser(post) -> bool:
    return bool(CheckboxInput().value_from_datadict(post, {}, "is_superuser"))


def refusal(request_user, target=None, post=None) -> str | None:
    """Why ``request_user`` may not open (``post`` None) or save this user form, or None."""
    if request_user.is_superuser:
        return None
    if target is not None and target.is_superuser:
        return SUPERUSER_ONLY
    if post is None:
        return None
    if _grants_superuser(post):
        return NO_SUPERUSER_GRANT
    groups = _posted_group_ids(post)
    if groups is None:
        return BAD_GROUPS
    if target is not None and target.pk == request_user.pk:
        current = set(target.groups.values_list("pk", flat=True))
        if groups != current:
            return NOT_YOUR_OWN_ROLES
        return None
    if not groups <= role_group_ids():
        return ROLE_GROUPS_ONLY
    return None
