"""Who may do what to an article: permissions, never group names.

The six newsroom roles (``baoshe/workflow/roles.py``) are groups holding the permissions below;
every check in the admin, the 三审三校 views and the workflow tasks asks ``user.has_perm`` or
this module, so a site can reshape its roles without touching code.

=============================== ===============================================================
permission                      allows
=============================== ===============================================================
``newsroom.add_article``        writing new pieces
``newsroom.change_article``     editing the pieces one wrote (the *author*, below)
``newsroom.change_any_article`` editing everybody's pieces
``newsroom.lock_article``       locking a piece one may edit
``newsroom.unlock_article``     lifting somebody else's lock on a piece one may edit
``newsroom.delete_article``     deleting a piece that was never published
``newsroom.publish_article``    publishing directly, outside 三审三校 (emergencies)
``newsroom.override_machine_review`` waiving blocking 机审 findings, with a reason
``newsroom.second_review_article``   deciding the 二审 stage of 撤稿/更正 requests
``newsroom.sign_off_article``   deciding the final stage of 撤稿/更正, cancelling a scheduled
                                publication
``newsroom.unpublish_article``  taking a live piece down, or deleting one that was ever
                                published, without a 撤稿 (held by no role: superusers only)
=============================== ===============================================================

The *author* of a piece is the user of its first revision: whoever created it. Nobody approves
a piece they wrote or submitted, at any step (``may_approve``).
"""

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

APP = "newsroom"


def active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def has(user, codename: str) -> bool:
    """``user.has_perm("newsroom.<codename>")`` for an active user (superusers hold all)."""
    return active(user) and user.has_perm(f"{APP}.{codename}")


def author_id(article):
    """The user id of the article's first revision, or None (e.g. bulk-generated rows)."""
    if article is None or not article.pk:
        return None
    cache = getattr(article, "_baoshe_author_id", False)
    if cache is not False:
        return cache
    from wagtail.models import Revision

    first = (
        Revision.objects.filter(
            base_content_type=article.get_base_content_type(), object_id=str(article.pk)
        )
        .order_by("created_at", "pk")
        .values_list("user_id", flat=True)
        .first()
    )
    article._baoshe_author_id = first
    return first


def is_author(article, user) -> bool:
    return active(user) and author_id(article) == user.pk


def may_edit(user, article) -> bool:
    """Whether the user may change the article's copy (outside a review step's own rules)."""
    if not active(user):
        return False
    if user.is_superuser or has(user, "change_any_article"):
        return True
    return has(user, "change_article") and is_author(article, user)


def ever_published(article) -> bool:
    """Live now, or live once: such a piece leaves the site only through 撤稿."""
    from .models import Article

    if article.live or article.first_published_at or article.last_published_at:
        return True
    return (
        Article.objects.filter(pk=article.pk)
        .filter(
            Q(live=True) | Q(first_published_at__isnull=False) | Q(last_published_at__isnull=False)
        )
        .exists()
    )


def may_approve(user, article, workflow_state=None) -> bool:
    """Nobody signs off their own piece: not its author, not whoever submitted it."""
    if not active(user):
        return False
    if is_author(article, user):
        return False
    return workflow_state is None or workflow_state.requested_by_id != user.pk


def may_cancel_workflow(user, article, workflow_state) -> bool:
    """取消工作流 is offered to the piece's side: whoever submitted it, its author, a direct
    publisher (管理员) and superusers. Wagtail also offers it to every reviewer who may approve;
    a reviewer's tools are 通过 and 退回, so the editor's menu leaves it out for them."""
    if not active(user):
        return False
    if user.is_superuser or has(user, "publish_article"):
        return True
    if workflow_state is not None and workflow_state.requested_by_id == user.pk:
        return True
    return is_author(article, user)


class ArticlePermissionPolicy(ModelPermissionPolicy):
    """Wagtail's model permissions, plus what the newsroom's rules say about one piece.

    Model level (may the user do this to *some* article) is the plain Django permission, but
    ``publish`` and ``unschedule`` also belong to the final sign-off (三审 publishes through the
    workflow). Instance level adds: a 记者 edits, locks and
    deletes only their own pieces; a lock is for someone who may edit the piece; nothing that
    was ever published is deleted or unpublished except by a superuser (others use 撤稿).
    """

    def user_has_permission(self, user, action):
        if not active(user):
            return False
        if action in ("publish", "unschedule"):
            # Model level: may put *some* copy live, directly (publish_article) or by signing
            # off 三审 (Wagtail's workflow publishes as the final approver). Direct publishing
            # of a given piece asks the instance level, which only publish_article passes.
            return has(user, "publish_article") or has(user, "sign_off_article")
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if not active(user):
            return False
        if user.is_superuser:
            return True
        if instance is None or not getattr(instance, "pk", None):
            return self.user_has_permission(user, action)
        if action == "change":
            return may_edit(user, instance)
        if action == "lock":
            return has(user, "lock_article") and may_edit(user, instance)
        if action == "unlock":
            if instance.locked and instance.locked_by_id == user.pk:
                return True
            return has(user, "unlock_article") and may_edit(user, instance)
        if action == "delete":
            if has(user, "unpublish_article"):
                return True
            return (
                has(user, "delete_article")
                and may_edit(user, instance)
                and not ever_published(instance)
            )
        if action == "publish":
            return has(user, "publish_article") and may_edit(user, instance)
        if action == "unpublish":
            return has(user, "unpublish_article")
        return self.user_has_permission(user, action)


article_permission_policy = ArticlePermissionPolicy("newsroom.Article")
