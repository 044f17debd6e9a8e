"""What the 审核 page shows of a piece, and what it says after a decision.

The copy as the reader will see it, the two comparisons (against the last published revision
and against the version the previous step passed on), the comments so far, the buttons the
user's step offers, and the message naming where the piece is now.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.models import Revision, TaskState, WorkflowState

from baoshe.newsroom.copy import article_copy, copy_diff, copy_lines
from baoshe.newsroom.permissions import article_permission_policy

from .models import MachineReviewTask, ReviewTask

EDIT_URL = "wagtailsnippets_newsroom_article:edit"
HISTORY_URL = "wagtailsnippets_newsroom_article:history"
REVISIONS_COMPARE_URL = "wagtailsnippets_newsroom_article:revisions_compare"
WORKFLOW_ACTION_URL = "wagtailsnippets_newsroom_article:workflow_action"


def review_url(article_pk):
    return reverse("workflow:review", args=[article_pk])


def compare_url(article_pk, old_revision_pk, new_revision_pk):
    return reverse(
        REVISIONS_COMPARE_URL,
        args=[article_pk, old_revision_pk, new_revision_pk],
    )


# --- the copy, its diffs and the decision buttons ------------------------------------------


def reader_copy(article):
    """The copy as the reader page prints it, in its order, as plain text (the template
    escapes it): ``[{"field", "label", "text", "parts": [{"part", "label", "text"}]}]``."""
    fields = []
    for item in article_copy(article):
        if item.field == "body":
            parts = [
                {"part": p.part, "label": p.label, "text": item.text[p.start : p.end].strip()}
                for p in item.parts
                if item.text[p.start : p.end].strip()
            ]
            if parts:
                fields.append({"field": "body", "label": item.label, "text": "", "parts": parts})
        elif item.text.strip():
            fields.append({"field": item.field, "label": item.label, "text": item.text.strip()})
    return fields


def _revision_before(article, moment):
    """The article's revision that was the latest at ``moment``."""
    return (
        Revision.objects.filter(
            base_content_type=article.get_base_content_type(),
            object_id=str(article.pk),
            created_at__lte=moment,
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def copy_comparisons(article, latest_revision, workflow_state, task_state):
    """The latest copy against the last approved (published) revision and against the
    version the previous step passed on: ``[{"title", "revision", "diff", "compare_url"}]``."""
    if latest_revision is None:
        return []
    latest_lines = copy_lines(latest_revision.as_object())
    candidates = []
    if article.live_revision_id:
        candidates.append(
            (_("Changes since the last approved (published) version"), article.live_revision)
        )
    else:
        candidates.append((_("Changes since the last approved (published) version"), None))
    if workflow_state is not None:
        previous = (
            TaskState.objects.filter(
                workflow_state=workflow_state,
                status=TaskState.STATUS_APPROVED,
                finished_at__isnull=False,
            )
            .exclude(pk=getattr(task_state, "pk", None))
            .select_related("task")
            .order_by("-finished_at", "-pk")
            .first()
        )
        if previous is not None:
            candidates.append(
                (
                    _("Changes since %(step)s passed it on") % {"step": previous.task.name},
                    _revision_before(article, previous.finished_at),
                )
            )
    comparisons = []
    for title, revision in candidates:
        if revision is None:
            comparisons.append({"title": title, "revision": None, "diff": None, "compare_url": ""})
            continue
        diff = copy_diff(copy_lines(revision.as_object()), latest_lines)
        comparisons.append(
            {
                "title": title,
                "revision": revision,
                "diff": diff,
                "compare_url": compare_url(article.pk, revision.pk, latest_revision.pk)
                if revision.pk != latest_revision.pk
                else "",
            }
        )
    return comparisons


def review_comments(article):
    """Every comment left on a step of this article's workflows, oldest first."""
    return list(
        TaskState.objects.filter(
            workflow_state__base_content_type=article.get_base_content_type(),
            workflow_state__object_id=str(article.pk),
        )
        .exclude(comment="")
        .select_related("task", "finished_by")
        .order_by("finished_at", "pk")
    )


def next_task(workflow_state, task):
    """The step after ``task`` in the workflow, or None after the last."""
    tasks = list(workflow_state.workflow.tasks.filter(active=True))
    ids = [t.pk for t in tasks]
    if task.pk not in ids:
        return None
    index = ids.index(task.pk)
    return tasks[index + 1].specific if index + 1 < len(tasks) else None


def decision_for(article, user, workflow_state, task_state):
    """What the current step's reviewer may decide here, or None.

    The actions are the task's own ``get_actions`` for this user (the same list Wagtail's
    workflow action view checks): nobody approves their own piece, only the step's group acts.
    """
    if (
        workflow_state is None
        or task_state is None
        or task_state.status != TaskState.STATUS_IN_PROGRESS
    ):
        return None
    task = task_state.task.specific
    if not isinstance(task, ReviewTask):
        return None
    actions = {name for name, _label, _modal in task.get_actions(article, user)}
    if not actions:
        return None
    following = next_task(workflow_state, task)
    final = following is None

    def action_url(name):
        url = reverse(WORKFLOW_ACTION_URL, args=[article.pk, name, task_state.pk])
        done = reverse("workflow:decided", args=[article.pk, task_state.pk])
        return f"{url}?{urlencode({'next': f'{done}?action={name}'})}"

    can_approve = "approve" in actions
    return {
        "task_state": task_state,
        "step": task.name,
        "next_step": following.name if following else "",
        "final": final,
        "can_approve": can_approve,
        "can_reject": "reject" in actions,
        "approve_url": action_url("approve"),
        "reject_url": action_url("reject"),
        "can_schedule": final
        and can_approve
        and article_permission_policy.user_has_permission_for_instance(user, "change", article),
        "schedule_url": reverse("workflow:schedule", args=[article.pk]),
        "own_piece": not can_approve,
    }


def _latest_title(article):
    revision = article.latest_revision
    return revision.as_object().title if revision else article.title


def decision_message(article, task_state):
    """What the reviewer's decision did and where the piece is now, from the task state as it
    is (not from what the button said), or None when nothing was decided."""
    title = _latest_title(article)
    step = task_state.task.name
    if task_state.status == TaskState.STATUS_REJECTED:
        return _("“%(title)s” was sent back to its author for changes at %(step)s.") % {
            "title": title,
            "step": step,
        }
    if task_state.status == TaskState.STATUS_CANCELLED:
        return _(
            "The copy of “%(title)s” changed at %(step)s, so it went to machine review first; "
            "%(step)s reviews it again after the check."
        ) % {"title": title, "step": step}
    if task_state.status != TaskState.STATUS_APPROVED:
        return None
    workflow_state = WorkflowState.objects.select_related("current_task_state__task").get(
        pk=task_state.workflow_state_id
    )
    if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        current = workflow_state.current_task_state
        now_at = current.task.specific if current else None
        if isinstance(now_at, MachineReviewTask):
            return _(
                "“%(title)s” passed %(step)s; its changed copy is at machine review first."
            ) % {"title": title, "step": step}
        return _("“%(title)s” passed %(step)s and has gone to %(next)s.") % {
            "title": title,
            "step": step,
            "next": now_at.name if now_at else "",
        }
    article.refresh_from_db()
    if article.live:
        return _("“%(title)s” passed %(step)s and is published.") % {
            "title": title,
            "step": step,
        }
    scheduled = article.scheduled_revision
    if scheduled is not None and scheduled.approved_go_live_at:
        return _("“%(title)s” passed %(step)s and will be published at %(time)s.") % {
            "title": title,
            "step": step,
            "time": date_format(timezone.localtime(scheduled.approved_go_live_at), "Y-m-d H:i"),
        }
    return _("“%(title)s” passed %(step)s.") % {"title": title, "step": step}
