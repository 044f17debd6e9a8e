"""Admin views of 三审三校 (the 审核 page of an article and its POST actions) and the reader's
410 page for a withdrawn article.

Every POST checks the role itself: a user without it gets 403, never a silent no-op. Input
mistakes (no reason, nothing chosen) come back as an error message on the 审核 page.

The 审核 page's 通过 / 退回 buttons post to Wagtail's own workflow action view of the article
(``ArticleWorkflowActionView``: the current, open step only, the task's own actions for the
user), with ``next`` pointing at ``decided``, which reads what actually happened to the task
state and says so. Only 定时签发 has a view here, because it saves the go-live time first; it
asks the same task for the same action.
"""

import datetime as dt
import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.models import TaskState, WorkflowState

from baoshe.core.text import strip_control_chars
from baoshe.newsroom.models import Article

from .models import (
    OVERRIDE_OWN_REFUSED,
    OVERRIDE_REFUSED,
    RECHECK_REFUSED,
    RECORD_REFUSED,
    Correction,
    MachineReport,
    MachineReviewTask,
    ProofreadingRound,
    Withdrawal,
    has_perm,
    withdrawn_article,
)
from .review_screen import (
    EDIT_URL,
    HISTORY_URL,
    compare_url,
    copy_comparisons,
    decision_for,
    decision_message,
    reader_copy,
    review_comments,
    review_url,
)


def _article_for(request, pk):
    user = request.user
    if not (user.is_superuser or user.has_perm("newsroom.view_article")):
        raise PermissionDenied
    return get_object_or_404(Article.objects.select_related("column"), pk=pk)


def refuse_with_403(view):
    """A refusal is a 403 page that says why (Wagtail would redirect to the dashboard)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            message = str(exc) or _("You do not have permission to do this.")
            return TemplateResponse(
                request, "workflow/forbidden.html", {"message": message}, status=403
            )

    return wrapper


def _posted_text(request, name):
    """A free-text field of the POST without control characters: text pasted from Word/WPS
    carries them, and PostgreSQL refuses a NUL byte outright (a 500 instead of a saved note)."""
    return strip_control_chars(request.POST.get(name, "")).strip()


def _error(request, exc):
    text = (
        pgettext("list separator", "; ").join(exc.messages)
        if isinstance(exc, ValidationError)
        else str(exc)
    )
    messages.error(request, text)


@refuse_with_403
def article_review(request, pk):
    """审核: where a piece is in 三审三校, its 机审 report, 三校 rounds and 撤稿/更正."""
    article = _article_for(request, pk)
    user = request.user
    latest = article.get_latest_revision_as_object()
    workflow_state = article.current_workflow_state
    task_state = article.current_workflow_task_state
    report = (
        MachineReport.objects.filter(
            revision__object_id=str(article.pk),
            revision__base_content_type=article.get_base_content_type(),
        )
        .select_related("task_state", "revision", "revision__user")
        .prefetch_related("overrides", "overrides__user")
        .order_by("-pk")
        .first()
    )
    report_open = bool(
        report
        and task_state is not None
        and report.task_state_id == task_state.pk
        and task_state.status == TaskState.STATUS_IN_PROGRESS
    )
    last_state = (
        workflow_state
        or WorkflowState.objects.for_instance(article).order_by("-created_at").first()
    )
    steps = last_state.all_tasks_with_status() if last_state else []
    rounds = list(
        article.proofreading_rounds.select_related("proofreader", "revision", "previous_revision")
    )
    for round_ in rounds:
        round_.compare_url = (
            compare_url(article.pk, round_.previous_revision_id, round_.revision_id)
            if round_.previous_revision_id and round_.previous_revision_id != round_.revision_id
            else ""
        )
    requests = sorted(
        [
            *article.withdrawals.select_related("requested_by", "second_by", "approved_by"),
            *article.corrections.select_related("requested_by", "second_by", "approved_by"),
        ],
        key=lambda r: r.requested_at,
        reverse=True,
    )
    for item in requests:
        item.can_review = item.is_pending and item.user_can_review(user)
    context = {
        "article": article,
        "latest": latest,
        "workflow_state": workflow_state,
        "last_state": last_state,
        "steps": steps,
        "task_state": task_state,
        "report": report,
        "report_rows": report.rows() if report else [],
        "report_open": report_open,
        "can_override": report_open
        and MachineReviewTask().user_can_override(user, article, workflow_state),
        "can_recheck": report_open and MachineReviewTask.user_can_recheck(user, article),
        "rounds": rounds,
        "can_proofread": workflow_state is not None
        and has_perm(user, "workflow.add_proofreadinground"),
        "requests": requests,
        "can_withdraw": article.live
        and (user.is_superuser or user.has_perm("workflow.add_withdrawal")),
        "can_correct": article.live
        and (user.is_superuser or user.has_perm("workflow.add_correction")),
        "edit_url": reverse(EDIT_URL, args=[article.pk]),
        "history_url": reverse(HISTORY_URL, args=[article.pk]),
        "next_round_label": ProofreadingRound(number=len(rounds) + 1).label,
        "reader_copy": reader_copy(latest),
        "comparisons": copy_comparisons(
            article, article.latest_revision, workflow_state, task_state
        ),
        "comments": review_comments(article),
        "decision": decision_for(article, user, workflow_state, task_state),
        "min_go_live": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }
    return TemplateResponse(request, "workflow/review.html", context)


@refuse_with_403
def decided(request, pk, task_state_id):
    """Where the 审核 page's buttons land after Wagtail's workflow action view: a message
    saying what happened and where the piece is, then the reviewer's 待审 list."""
    article = _article_for(request, pk)
    task_state = get_object_or_404(
        TaskState.objects.select_related("task"),
        pk=task_state_id,
        workflow_state__base_content_type=article.get_base_content_type(),
        workflow_state__object_id=str(article.pk),
    )
    text = (
        decision_message(article, task_state)
        if task_state.finished_by_id == request.user.pk
        else None
    )
    if text is None:
        if request.GET.get("action") == "reject":
            messages.error(
                request,
                _("Nothing was changed: write what should be changed to send the piece back."),
            )
        else:
            messages.error(request, _("Nothing was changed."))
        return redirect(review_url(pk))
    messages.success(request, text)
    return redirect(reverse("wagtailadmin_home"))


def _go_live_from(value):
    """A ``datetime-local`` value in the site's time zone, aware; None if it is not one."""
    moment = parse_datetime((value or "").strip())
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


@refuse_with_403
@require_POST
def schedule(request, pk):
    """定时签发: the final step's approval with a go-live time.

    Saves the time on a new revision (the copy is unchanged, so no second 机审), then asks
    the current, open step's task to approve, exactly as Wagtail's edit-then-approve does:
    only a user the task offers "approve" to, who may edit the piece, gets here.
    """
    article = _article_for(request, pk)
    user = request.user
    workflow_state = article.current_workflow_state
    task_state = article.current_workflow_task_state
    decision = decision_for(article, user, workflow_state, task_state)
    if decision is None or not decision["can_schedule"]:
        raise PermissionDenied(_("Only the final step's reviewer schedules a publication."))
    if article.locked and article.locked_by_id != user.pk:
        raise PermissionDenied(_("The piece is locked by someone else."))
    go_live = _go_live_from(request.POST.get("go_live_at"))
    if go_live is None or go_live <= timezone.now() + dt.timedelta(minutes=1):
        messages.error(request, _("Choose a publication time in the future."))
        return redirect(review_url(pk))
    latest = article.get_latest_revision_as_object()
    latest.go_live_at = go_live
    latest.save_revision(user=user, log_action=True)
    task_state = task_state.specific
    task_state.task.specific.on_action(
        task_state, user, "approve", comment=_posted_text(request, "comment")
    )
    task_state.refresh_from_db()
    text = decision_message(article, task_state)
    if text is None:
        messages.error(request, _("Nothing was changed."))
        return redirect(review_url(pk))
    messages.success(request, text)
    return redirect(reverse("wagtailadmin_home"))


@refuse_with_403
@require_POST
def override(request, report_id):
    report = get_object_or_404(MachineReport.objects.select_related("task_state"), pk=report_id)
    task_state = report.task_state.specific
    task = task_state.task.specific
    article_pk = int(report.revision.object_id)
    if not isinstance(task, MachineReviewTask) or not task.user_can_override(request.user):
        raise PermissionDenied(OVERRIDE_REFUSED)
    article = Article.objects.filter(pk=article_pk).first()
    if article is None or not task.user_can_override(
        request.user, article, task_state.workflow_state
    ):
        raise PermissionDenied(OVERRIDE_OWN_REFUSED)
    try:
        task.override(
            task_state,
            request.user,
            reason=_posted_text(request, "reason"),
            findings=[i for i in request.POST.getlist("finding") if i.isdecimal()],
        )
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Waiver recorded."))
    return redirect(review_url(article_pk))


@refuse_with_403
@require_POST
def recheck(request, pk):
    article = _article_for(request, pk)
    user = request.user
    task_state = article.current_workflow_task_state
    if task_state is None or not isinstance(task_state.task.specific, MachineReviewTask):
        messages.error(request, _("The piece is not at the machine review step."))
        return redirect(review_url(pk))
    if not MachineReviewTask.user_can_recheck(user, article):
        raise PermissionDenied(RECHECK_REFUSED)
    task_state.task.specific.on_action(task_state, user, "recheck")
    messages.success(request, _("The latest revision has been sent to machine review again."))
    return redirect(review_url(pk))


@refuse_with_403
@require_POST
def record_round(request, pk):
    article = _article_for(request, pk)
    if not has_perm(request.user, "workflow.add_proofreadinground"):
        raise PermissionDenied(RECORD_REFUSED)
    try:
        round_ = ProofreadingRound.record(article, request.user, note=_posted_text(request, "note"))
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Recorded: %(round)s.") % {"round": round_.label})
    return redirect(review_url(pk))


def _file_request(request, pk, model, *args, **kwargs):
    """File a 撤稿 or 更正 request: ``model.request(article, user, *args, **kwargs)``."""
    article = _article_for(request, pk)
    if not (request.user.is_superuser or request.user.has_perm(f"workflow.add_{model.kind}")):
        raise PermissionDenied(model.texts["refused"])
    try:
        model.request(article, request.user, *args, **kwargs)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, model.texts["submitted"])
    return redirect(review_url(pk))


@refuse_with_403
@require_POST
def request_withdrawal(request, pk):
    return _file_request(
        request,
        pk,
        Withdrawal,
        _posted_text(request, "reason"),
        notice=_posted_text(request, "notice"),
    )


@refuse_with_403
@require_POST
def request_correction(request, pk):
    return _file_request(request, pk, Correction, _posted_text(request, "text"))


REQUEST_MODELS = {"withdrawal": Withdrawal, "correction": Correction}


@refuse_with_403
@require_POST
def review_request(request, kind, request_id):
    model = REQUEST_MODELS.get(kind)
    if model is None:
        raise PermissionDenied
    item = get_object_or_404(model.objects.select_related("article"), pk=request_id)
    decision = request.POST.get("decision")
    if decision not in ("approve", "reject"):
        messages.error(request, _("Please choose to approve or reject."))
        return redirect(review_url(item.article_id))
    try:
        item.review(request.user, decision == "approve", _posted_text(request, "comment"))
    except ValidationError as exc:
        _error(request, exc)
    else:
        text = item.texts["approved" if decision == "approve" else "rejected"]
        messages.success(request, text % {"state": item.get_state_display()})
    return redirect(review_url(item.article_id))


# --- the reader side -------------------------------------------------------------------------


def withdrawn_response(request, pk):
    """410 Gone with a notice for an article withdrawn through 撤稿 review, else None."""
    withdrawal = withdrawn_article(pk)
    if withdrawal is None:
        return None
    return TemplateResponse(
        request,
        "workflow/withdrawn.html",
        {
            "withdrawal": withdrawal,
            "article": withdrawal.article,
            "page": withdrawal.article.column,
            "withdrawn_on": timezone.localtime(withdrawal.decided_at).date()
            if withdrawal.decided_at
            else None,
        },
        status=410,
    )
