"""三审三校 in the Wagtail admin: URLs, the dashboard panel, audit-log labels, the 审核 button,
and the editor's menu trimmed to what the user's permissions allow."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.log_actions import LogFormatter
from wagtail.snippets.action_menu import ActionMenuItem

from baoshe.core.users import ROLE_GROUPS_HOOK
from baoshe.newsroom.fragments import (
    ARTICLE_PAGE_FRAGMENT_HOOK,
    ARTICLE_UNAVAILABLE_RESPONSE_HOOK,
    ArticleFragment,
)
from baoshe.newsroom.models import Article
from baoshe.newsroom.permissions import article_permission_policy, may_cancel_workflow

from . import views
from .models import quoted_list
from .panels import WaitingPanel

app_name = "workflow"
urlpatterns = [
    path("article/<int:pk>/", views.article_review, name="review"),
    path("article/<int:pk>/recheck/", views.recheck, name="recheck"),
    path("article/<int:pk>/schedule/", views.schedule, name="schedule"),
    path("article/<int:pk>/decided/<int:task_state_id>/", views.decided, name="decided"),
    path("article/<int:pk>/proofread/", views.record_round, name="proofread"),
    path("article/<int:pk>/withdraw/", views.request_withdrawal, name="withdraw"),
    path("article/<int:pk>/correct/", views.request_correction, name="correct"),
    path("report/<int:report_id>/override/", views.override, name="override"),
    path(
        "request/<slug:kind>/<int:request_id>/review/",
        views.review_request,
        name="review_request",
    ),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("workflow/", include((urlpatterns, app_name), namespace=app_name))]


#: admin menu links that need a permission their own menu item does not check:
#: URL name → permission (the 数字报 screens need ``change_printarticle``)
@hooks.register("construct_homepage_panels")
def add_waiting_panel(request, panels):
    panels.insert(0, WaitingPanel(request.user))


# --- 审核 entry points ---------------------------------------------------------------------


@hooks.register("register_snippet_listing_buttons")
def review_listing_button(snippet, user, next_url=None):
    if isinstance(snippet, Article):
        yield ListingButton(
            _("Review"),
            reverse("workflow:review", args=[snippet.pk]),
            icon_name="tasks",
            priority=15,
        )


class ReviewMenuItem(ActionMenuItem):
    label = gettext_lazy("Review record and machine review report")
    name = "action-workflow-review"
    icon_name = "tasks"
    order = 90

    def is_shown(self, context):
        return context.get("view") == "edit" and isinstance(context.get("instance"), Article)

    def get_url(self, parent_context):
        return reverse("workflow:review", args=[parent_context["instance"].pk])


@hooks.register("register_snippet_action_menu_item")
def review_menu_item(model):
    if model is Article:
        return ReviewMenuItem()
    return None


# --- direct publishing and unpublishing ------------------------------------------------------
# Who may edit, lock, delete or unpublish which article is decided by ArticlePermissionPolicy
# (newsroom/permissions.py) inside the views themselves; these hooks only keep the editor's
# menu honest and refuse a forged publish request with a message.


def may_publish_directly(user, article=None) -> bool:
    """Only holders of ``publish_article`` (管理员, superusers) put copy live outside 三审三校,
    e.g. in an emergency.

    Everyone else's copy goes live through the workflow: 三审's approval and the scheduler
    publish without this button, so withholding it bypasses nothing. A withdrawn (撤稿)
    piece is thereby also re-published only after a new review.
    """
    if article is not None and article.pk:
        return article_permission_policy.user_has_permission_for_instance(user, "publish", article)
    return article_permission_policy.user_has_permission(user, "publish")


@hooks.register("construct_snippet_action_menu")
def article_menu_by_permission(menu_items, request, context):
    if context.get("model") is not Article:
        return
    instance = context.get("instance")
    user = request.user
    hidden = set()
    if not may_publish_directly(user, instance):
        hidden.add("action-publish")
    if not article_permission_policy.user_has_permission_for_instance(user, "unpublish", instance):
        hidden.add("action-unpublish")
    if instance is not None and instance.pk:
        workflow_state = instance.current_workflow_state
        if workflow_state is not None and not may_cancel_workflow(user, instance, workflow_state):
            # a reviewer decides with 通过 / 退回, on the 审核 page or in this menu
            hidden.update({"action-cancel-workflow", "action-restart-workflow"})
    menu_items[:] = [item for item in menu_items if item.name not in hidden]


@hooks.register("before_publish")
def publish_articles_through_review(request, obj):
    if isinstance(obj, Article) and not may_publish_directly(request.user, obj):
        messages.error(
            request,
            _(
                "Articles are published after review: your changes were saved as a draft; "
                "please “Submit for review”."
            ),
        )
        return redirect(reverse("wagtailsnippets_newsroom_article:edit", args=[obj.pk]))
    return None


@hooks.register("before_unpublish")
def unpublish_articles_through_withdrawal(request, obj):
    if isinstance(obj, Article) and not article_permission_policy.user_has_permission_for_instance(
        request.user, "unpublish", obj
    ):
        messages.error(
            request,
            _(
                "A published article goes offline through a withdrawal: please request one "
                "on its “Review” page."
            ),
        )
        return redirect(reverse("workflow:review", args=[obj.pk]))
    return None


# --- the audit trail -------------------------------------------------------------------------


@hooks.register("register_log_actions")
def register_log_actions(actions):
    @actions.register_action("baoshe.machine.check")
    class MachineCheck(LogFormatter):
        label = gettext_lazy("Machine review")

        def format_message(self, log_entry):
            d = log_entry.data
            return _(
                "Machine review done: blocking %(block)s, warnings %(warn)s, notes %(info)s"
            ) % {"block": d.get("block", 0), "warn": d.get("warn", 0), "info": d.get("info", 0)}

    @actions.register_action("baoshe.machine.override")
    class MachineOverride(LogFormatter):
        label = gettext_lazy("Machine review waiver")

        def format_message(self, log_entry):
            items = quoted_list(f["excerpt"] for f in log_entry.data.get("findings", []))
            return _("Waived blocking findings %(items)s") % {"items": items}

        def format_comment(self, log_entry):
            return log_entry.data.get("reason", "")

    @actions.register_action("baoshe.proofread.round")
    class ProofreadRound(LogFormatter):
        label = gettext_lazy("Proofreading")

        def format_message(self, log_entry):
            d = log_entry.data
            lines = d.get("changed_lines", 0)
            text = ngettext(
                "Recorded %(round)s (%(lines)s line changed)",
                "Recorded %(round)s (%(lines)s lines changed)",
                lines,
            )
            return text % {
                "round": d.get("label") or pgettext("proofreading round", "a proofreading round"),
                "lines": lines,
            }

        def format_comment(self, log_entry):
            return log_entry.data.get("note", "")

    for kind, texts in REQUEST_LOG_TEXTS.items():
        _register_request_actions(actions, kind, texts)


#: the audit trail's words for 撤稿 and 更正, each sentence whole
REQUEST_LOG_TEXTS = {
    "withdrawal": {
        "requested": gettext_lazy("Withdrawal requested"),
        "reviewed": gettext_lazy("Withdrawal review"),
        # %(stage)s and %(state)s are stored with the entry, in the reviewer's words
        "approved": gettext_lazy("Withdrawal request: %(stage)s approved (%(state)s)"),
        "rejected": gettext_lazy("Withdrawal request: %(stage)s rejected (%(state)s)"),
        "done": gettext_lazy("Withdrawn"),
    },
    "correction": {
        "requested": gettext_lazy("Correction requested"),
        "reviewed": gettext_lazy("Correction review"),
        "approved": gettext_lazy("Correction request: %(stage)s approved (%(state)s)"),
        "rejected": gettext_lazy("Correction request: %(stage)s rejected (%(state)s)"),
        "done": gettext_lazy("Correction published"),
    },
}


def _request_comment(log_entry):
    return log_entry.data.get("reason") or log_entry.data.get("text", "")


def _register_request_actions(actions, kind, texts):
    class Requested(LogFormatter):
        label = texts["requested"]

        def format_message(self, log_entry):
            return str(texts["requested"])

        def format_comment(self, log_entry):
            return _request_comment(log_entry)

    class Reviewed(LogFormatter):
        label = texts["reviewed"]

        def format_message(self, log_entry):
            d = log_entry.data
            text = texts["approved" if d.get("approved") else "rejected"]
            return text % {"stage": d.get("stage", ""), "state": d.get("state", "")}

        def format_comment(self, log_entry):
            return log_entry.data.get("comment", "")

    class Done(LogFormatter):
        label = texts["done"]

        def format_message(self, log_entry):
            if kind == "withdrawal":
                return _("Article withdrawn: the page is offline and shows the withdrawal notice")
            return _("Correction published (%(date)s)") % {"date": log_entry.data.get("date", "")}

        def format_comment(self, log_entry):
            return _request_comment(log_entry)

    actions.register_action(f"baoshe.{kind}.request")(Requested)
    actions.register_action(f"baoshe.{kind}.review")(Reviewed)
    actions.register_action(f"baoshe.{kind}.done")(Done)


@hooks.register("insert_global_admin_css")
def admin_css():
    from django.templatetags.static import static

    return format_html('<link rel="stylesheet" href="{}">', static("workflow/admin.css"))


@hooks.register(ARTICLE_PAGE_FRAGMENT_HOOK)
def corrections_fragment():
    """Approved 更正 above the article's 核心提示."""
    return ArticleFragment("before_body", "workflow/includes/corrections.html")


@hooks.register(ARTICLE_UNAVAILABLE_RESPONSE_HOOK)
def withdrawn_article_response(request, pk):
    """撤稿: 410 with a notice instead of 404."""
    return views.withdrawn_response(request, pk)


@hooks.register(ROLE_GROUPS_HOOK)
def newsroom_role_groups():
    """The roles a 管理员 may hand out (core/users.py)."""
    from .roles import ALL_ROLES

    return ALL_ROLES


# --- what a change makes stale (the page cache's ``pagecache_urls`` hook) ------------------


@hooks.register("pagecache_urls")
def post_publication_urls(instance):
    """A correction shows on its article's page (and 撤稿 changes the article itself)."""
    from .models.requests import PostPublicationRequest

    if isinstance(instance, PostPublicationRequest) and instance.article_id:
        return [instance.article]
    return None
