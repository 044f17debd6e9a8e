"""The 控制面板 panel "等待我处理": what waits for the user's role, oldest first, with its age."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState, WorkflowState

from baoshe.newsroom.models import Article

from .models import (
    Correction,
    MachineReviewTask,
    PostPublicationRequest,
    ReviewTask,
    Withdrawal,
    has_perm,
)


def age_text(since: datetime, now: datetime | None = None) -> str:
    """ "等待 3 小时" style: minutes under an hour, hours under two days, then days."""
    seconds = max(0, int(((now or timezone.now()) - since).total_seconds()))
    if seconds < 3600:
        count = max(1, seconds // 60)
        text = ngettext("Waiting %(count)s minute", "Waiting %(count)s minutes", count)
    elif seconds < 48 * 3600:
        count = seconds // 3600
        text = ngettext("Waiting %(count)s hour", "Waiting %(count)s hours", count)
    else:
        count = seconds // 86400
        text = ngettext("Waiting %(count)s day", "Waiting %(count)s days", count)
    return text % {"count": count}


@dataclass
class WaitingItem:
    title: str
    step: str
    since: datetime
    url: str
    note: str = ""

    @property
    def age(self):
        return age_text(self.since)


def _articles_by_id(states):
    ids = {int(s.workflow_state.object_id) for s in states}
    return Article.objects.in_bulk(ids)


def waiting_for(user) -> list[WaitingItem]:
    items = []
    states = list(
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
            workflow_state__base_content_type__app_label="newsroom",
            workflow_state__base_content_type__model="article",
        )
        .select_related("workflow_state", "task")
        .order_by("started_at")
    )
    articles = _articles_by_id(states)
    can_override = has_perm(user, "newsroom.override_machine_review")
    is_proofreader = has_perm(user, "workflow.add_proofreadinground") and not user.is_superuser
    for state in states:
        article = articles.get(int(state.workflow_state.object_id))
        if article is None:
            continue
        task = state.task.specific
        review = reverse("workflow:review", args=[article.pk])
        if isinstance(task, ReviewTask) and (user.is_superuser or task._user_in_groups(user)):
            # the 审核 page: the copy, its diffs and the step's buttons
            items.append(WaitingItem(article.title, task.name, state.started_at, review))
        elif isinstance(task, MachineReviewTask) and (
            can_override or state.workflow_state.requested_by_id == user.pk
        ):
            items.append(
                WaitingItem(
                    article.title,
                    _("Machine review found blocking issues"),
                    state.started_at,
                    review,
                    _("Fix them or have them waived"),
                )
            )
        if is_proofreader:
            items.append(
                WaitingItem(
                    article.title,
                    _("Proofreading (%(step)s)") % {"step": task.name},
                    state.started_at,
                    review,
                )
            )

    sent_back = (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_NEEDS_CHANGES,
            requested_by=user,
            base_content_type__app_label="newsroom",
            base_content_type__model="article",
        )
        .select_related("current_task_state", "current_task_state__task")
        .order_by("created_at")
    )
    for ws in sent_back:
        article = Article.objects.filter(pk=int(ws.object_id)).first()
        if article is None or ws.current_task_state is None:
            continue
        items.append(
            WaitingItem(
                article.title,
                _("Sent back for changes at %(step)s") % {"step": ws.current_task_state.task.name},
                ws.current_task_state.finished_at or ws.created_at,
                reverse("wagtailsnippets_newsroom_article:edit", args=[article.pk]),
                ws.current_task_state.comment,
            )
        )

    pending = Q(state__in=list(PostPublicationRequest.STAGE_PERMISSIONS))
    for model in (Withdrawal, Correction):
        for req in model.objects.filter(pending).select_related("article").order_by("requested_at"):
            if req.user_can_review(user):
                since = req.second_at or req.requested_at
                items.append(
                    WaitingItem(
                        req.article.title,
                        req.texts["waiting"] % {"stage": req.stage_name},
                        since,
                        reverse("workflow:review", args=[req.article_id]),
                    )
                )
    items.sort(key=lambda item: item.since)
    return items


class WaitingPanel(Component):
    name = "baoshe_waiting"
    order = 50
    template_name = "workflow/home_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["items"] = waiting_for(self.user)
        return context
