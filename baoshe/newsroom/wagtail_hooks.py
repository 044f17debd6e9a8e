"""The newsroom in the Wagtail admin: 稿件 as a first-class menu entry, not buried in Snippets.

Every view of the viewset that writes an article asks ``ArticlePermissionPolicy`` about *this*
article (Wagtail's own views mostly ask about the model): edit and revert, copy, delete (also
in bulk), lock and unlock, unpublish, unschedule, and workflow actions, which must act on the
piece's current step. docs/security.md has the table of who may do what.
"""

from types import SimpleNamespace

import django_filters
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import TabbedInterface
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.models import Revision, TaskState, WorkflowMixin, WorkflowState
from wagtail.models.copying import _copy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from .fragments import ARTICLE_EDIT_TAB_HOOK
from .models import Article, ColumnPage
from .permissions import article_permission_policy, may_cancel_workflow

# Before the viewset is registered: Wagtail would otherwise make a plain model policy.
register_permission_policy(Article, article_permission_policy, exact_class=True)


class ArticleFilterSet(WagtailFilterSet):
    column = django_filters.ModelChoiceFilter(
        label=_("Column"), queryset=ColumnPage.objects.all().order_by("path")
    )
    origin = django_filters.ChoiceFilter(
        label=pgettext_lazy("article", "Origin"), choices=Article.Origin.choices
    )
    live = django_filters.BooleanFilter(label=_("Published"))

    class Meta:
        model = Article
        fields = ["column", "origin", "live"]


# --- views that ask about the article, not the model ------------------------------------------


def _task_allows(view, obj, method):
    task = obj.current_workflow_task if obj is not None and obj.pk else None
    return bool(task) and getattr(task.specific, method)(obj, view.request.user)


class ArticleEditView(snippet_views.EditView):
    """Edit (and, through the revert view built from it, revert): one's own pieces for a
    记者, everyone's for an editor, and whatever the current review step opens to its people."""

    def user_has_permission(self, permission):
        obj = getattr(self, "object", None)
        if obj is None or not obj.pk:
            return super().user_has_permission(permission)
        user = self.request.user
        policy = article_permission_policy
        if permission == "change":
            return policy.user_has_permission_for_instance(user, "change", obj) or _task_allows(
                self, obj, "user_can_access_editor"
            )
        if permission == "lock":
            return policy.user_has_permission_for_instance(user, "lock", obj) or _task_allows(
                self, obj, "user_can_lock"
            )
        if permission == "unlock":
            return policy.user_has_permission_for_instance(user, "unlock", obj) or _task_allows(
                self, obj, "user_can_unlock"
            )
        if permission in ("publish", "delete", "unpublish"):
            return policy.user_has_permission_for_instance(user, permission, obj)
        return super().user_has_permission(permission)

    def post(self, request, *args, **kwargs):
        # 取消工作流 belongs to the piece's side (its author, who submitted it, 管理员); a
        # reviewer's tools are 通过 and 退回. Wagtail lets any reviewer of the step cancel.
        state = self.object.current_workflow_state
        if (
            request.POST.get("action-cancel-workflow")
            and state is not None
            and not may_cancel_workflow(request.user, self.object, state)
        ):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)


class ArticleCopyView(snippet_views.CopyView):
    """复制: a NEW draft owned by the copier, pre-filled from the original's latest revision.

    Wagtail's snippet copy view hands the original itself to the form, so posting the copy
    form saved over the original (and unpublished it). Here the view knows no object at all,
    exactly like the create view, and the form gets an unsaved copy.
    """

    def get_object(self, queryset=None):
        return None

    @cached_property
    def source(self):
        original = get_object_or_404(Article, pk=unquote(str(self.kwargs[self.pk_url_kwarg])))
        if not article_permission_policy.user_has_any_permission_for_instance(
            self.request.user, ["change", "view"], original
        ):
            raise PermissionDenied
        return original

    def dispatch(self, request, *args, **kwargs):
        self.source  # noqa: B018 -- 404 / 403 before anything else
        return super().dispatch(request, *args, **kwargs)

    def get_initial_form_instance(self):
        return copy_article(self.source)


#: what a copy does not inherit: identity, publication state, locks, schedule
COPY_EXCLUDE = [
    "id",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "latest_revision",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
]


def copy_article(original):
    """An unsaved draft with the original's latest copy (tags included), never published."""
    source = original.get_latest_revision_as_object()
    copy, _ = _copy(source, exclude_fields=COPY_EXCLUDE)
    copy.live = False
    return copy


class ArticleDeleteView(snippet_views.DeleteView):
    def user_has_permission(self, permission):
        obj = getattr(self, "object", None)
        if permission == "delete" and obj is not None:
            return article_permission_policy.user_has_permission_for_instance(
                self.request.user, "delete", obj
            )
        return super().user_has_permission(permission)

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission("delete"):
            messages.error(
                request,
                gettext(
                    "An article that was ever published cannot be deleted, only withdrawn; a "
                    "draft can be deleted only by someone who may edit it."
                ),
            )
            return redirect(reverse("workflow:review", args=[self.object.pk]))
        return super().dispatch(request, *args, **kwargs)


class ArticleUnpublishView(snippet_views.UnpublishView):
    """Taking a live piece down is a 撤稿 (review, 410 notice, record) for all but superusers."""

    permission_required = "unpublish"

    def dispatch(self, request, *args, **kwargs):
        if not article_permission_policy.user_has_permission_for_instance(
            request.user, "unpublish", self.object
        ):
            messages.error(
                request,
                gettext(
                    "A published article is taken down through a withdrawal: request one on "
                    "its “Review” page."
                ),
            )
            return redirect(reverse("workflow:review", args=[self.object.pk]))
        return super().dispatch(request, *args, **kwargs)


class ArticleUnscheduleView(snippet_views.RevisionsUnscheduleView):
    permission_required = "unschedule"


class ArticleLockView(snippet_views.LockView):
    """A lock is for someone who may edit the piece (or whom its review step lets lock it)."""

    def user_has_permission(self, permission):
        if permission != "lock":
            return super().user_has_permission(permission)
        return article_permission_policy.user_has_permission_for_instance(
            self.request.user, "lock", self.object
        ) or _task_allows(self, self.object, "user_can_lock")


class ArticleUnlockView(snippet_views.UnlockView):
    def user_has_permission(self, permission):
        if permission != "unlock":
            return super().user_has_permission(permission)
        return article_permission_policy.user_has_permission_for_instance(
            self.request.user, "unlock", self.object
        ) or _task_allows(self, self.object, "user_can_unlock")


class CurrentStepOnlyMixin:
    """A workflow action acts on the piece's current, open step: Wagtail takes the task state
    from the URL, so an old 一审 task state would otherwise let 一审 approve at 三审."""

    def check_action(self):
        current = self.object.current_workflow_task_state
        if (
            current is None
            or current.pk != self.task_state.pk
            or current.status != TaskState.STATUS_IN_PROGRESS
        ):
            raise PermissionDenied
        super().check_action()


class ArticleWorkflowActionView(CurrentStepOnlyMixin, snippet_views.WorkflowActionView):
    pass


class ArticleCollectWorkflowActionDataView(
    CurrentStepOnlyMixin, snippet_views.CollectWorkflowActionDataView
):
    pass


#: How many of the newest articles (by id) the listing's title search reads; see
#: ``ArticleIndexView.search_queryset``.
SEARCH_WINDOW = 100_000


class ArticleStatusColumn(Column):
    """Wagtail's status text from the listing query's annotations, not two queries a row
    (``status_string`` asks for a scheduled revision and a workflow in progress)."""

    def get_value(self, instance):
        return article_status(instance)


def article_status(article) -> str:
    """Wagtail's own wording (``WorkflowMixin.status_string``), fed from the annotations."""
    return WorkflowMixin.status_string.fget(
        SimpleNamespace(
            live=article.live,
            expired=article.expired,
            approved_schedule=article._approved_schedule,
            workflow_in_progress=article._in_moderation,
            has_unpublished_changes=article.has_unpublished_changes,
        )
    )


class ArticleIndexView(snippet_views.IndexView):
    def search_queryset(self, queryset):
        """Search by title among the newest ``SEARCH_WINDOW`` articles, or by article number.

        A substring match cannot use an index: over four text columns of a million rows it
        read the whole table on every search. Until full-text search arrives (issue 13) the
        listing matches titles of the newest articles, an id range of the primary key, and a
        number typed alone finds that article wherever it is. Older pieces are found through
        the column and status filters.
        """
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        if query.isascii() and query.isdecimal() and len(query) <= 18:
            return queryset.filter(pk=int(query))
        newest = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        return queryset.filter(pk__gt=newest - SEARCH_WINDOW, title__icontains=query)


class ArticleViewSet(SnippetViewSet):
    model = Article
    icon = "doc-full"
    menu_label = _("Articles")
    menu_name = "articles"
    menu_order = 150
    add_to_admin_menu = True
    list_per_page = 50
    ordering = ["-pk"]
    filterset_class = ArticleFilterSet
    # Substring matching of titles in the database (Chinese titles need no word boundaries),
    # bounded to the newest articles: see ``ArticleIndexView.search_queryset``.
    search_fields = ["title"]
    index_view_class = ArticleIndexView
    list_display = [
        "title",
        Column("column", label=_("Column"), accessor="column"),
        Column(
            "origin", label=pgettext_lazy("listing column", "Origin"), accessor="get_origin_display"
        ),
        DateColumn("first_published_at", label=_("Published at")),
        ArticleStatusColumn("status_string", label=_("Status")),
    ]
    copy_view_enabled = True
    inspect_view_enabled = True
    edit_view_class = ArticleEditView
    copy_view_class = ArticleCopyView
    delete_view_class = ArticleDeleteView
    unpublish_view_class = ArticleUnpublishView
    revisions_unschedule_view_class = ArticleUnscheduleView
    lock_view_class = ArticleLockView
    unlock_view_class = ArticleUnlockView
    workflow_action_view_class = ArticleWorkflowActionView
    collect_workflow_action_data_view_class = ArticleCollectWorkflowActionDataView

    def get_queryset(self, request):
        """Per-row facts in the listing's one query: the column, the latest revision, and
        whether a publication is scheduled or a review is in progress (for the status)."""
        content_type = ContentType.objects.get_for_model(Article)
        row_id = Cast(OuterRef("pk"), output_field=CharField())
        return Article.objects.select_related("column", "latest_revision").annotate(
            _approved_schedule=Exists(
                Revision.objects.filter(
                    base_content_type=content_type,
                    object_id=row_id,
                    approved_go_live_at__isnull=False,
                )
            ),
            _in_moderation=Exists(
                WorkflowState.objects.filter(
                    base_content_type=content_type,
                    object_id=row_id,
                    status=WorkflowState.STATUS_IN_PROGRESS,
                )
            ),
        )

    def get_edit_handler(self):
        """The model's tabs plus those other apps register with ``register_article_edit_tab``
        (each hook returns a panel, e.g. ``ObjectList([...], heading=...)``)."""
        tabs = [tab.clone() for tab in Article.edit_handler.children]
        tabs += [fn() for fn in hooks.get_hooks(ARTICLE_EDIT_TAB_HOOK)]
        return TabbedInterface(tabs).bind_to_model(self.model)


register_snippet(ArticleViewSet)


@hooks.register("construct_snippet_listing_buttons")
def article_listing_buttons_by_permission(buttons, snippet, user):
    """The listing's 删除 only where the article's delete would be accepted."""
    if not isinstance(snippet, Article):
        return
    delete_url = reverse(Article.snippet_viewset.get_url_name("delete"), args=[snippet.pk])
    if not article_permission_policy.user_has_permission_for_instance(user, "delete", snippet):
        buttons[:] = [b for b in buttons if getattr(b, "url", None) != delete_url]


# --- what a change makes stale (the page cache's ``pagecache_urls`` hook) ------------------


@hooks.register("pagecache_urls")
def article_urls(instance):
    """An article shows on its own page, on its column's and every column above it, and on
    the home page."""
    from .models import Article

    if not isinstance(instance, Article) or not instance.column_id:
        return None
    column = instance.column
    urls = [instance.get_url(), "/"]
    urls += [page.url for page in column.get_ancestors(inclusive=True).specific()]
    return urls
