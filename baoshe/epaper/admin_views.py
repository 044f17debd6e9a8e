"""数字报 in the Wagtail admin: upload an issue, follow the import, edit hotspots, publish.

Views render Wagtail's own admin templates (``wagtailadmin/base.html``) so the pages look
native. The hotspot editor (``static/epaper/editor.js``) posts the page's whole article list
as JSON to ``page_save``; every changed article is saved with a Wagtail revision. An article
merged into another in the editor names it in ``merged_from``: its photos, continuations and
web link move to the surviving article before it is deleted.
"""

from __future__ import annotations

import json
import math
import secrets

from django import forms
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import transaction
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from baoshe.core.text import strip_control_chars

from . import conf
from .forms import UploadForm
from .importer import delete_files
from .models import ImportJob, Issue, PrintArticle, PrintImage, PrintPage
from .tasks import run_import_job

can_edit = permission_required("epaper.change_printarticle", raise_exception=True)
CHANGE_ISSUE = "epaper.change_issue"  # publish, unpublish, 期号 and release time
DELETE_ISSUE = "epaper.delete_issue"
OVERRIDE_PERMISSION = "epaper.publish_unreviewed_issue"
TEXT_FIELDS = {"kicker": 300, "title": 300, "subtitle": 300, "byline": 300, "body": 100_000}
MAX_ARTICLES = 200  # per page
MAX_HOTSPOTS = 100  # per article: a story given block by block has one rectangle per column
LOW_CONFIDENCE = 0.7  # below it an article is doubtful (the segmenter flags the page too)


class PayloadError(ValueError):
    """A posted article list the save refuses; its message is shown to the editor."""


@can_edit
def index(request):
    """期次列表 with the upload form and the latest import jobs."""
    issues = Issue.objects.select_related("publication").order_by("-date")[:60]
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = start_import(request, form)
        return redirect("epaper_admin:job", job.pk)
    return TemplateResponse(
        request,
        "epaper/admin/index.html",
        {
            "issues": issues,
            "form": form,
            "jobs": ImportJob.objects.select_related("publication")[:8],
        },
    )


def start_import(request, form) -> ImportJob:
    """Store the upload where the worker can read it, then queue the import task."""
    upload_dir = f"{conf.upload_prefix()}/{secrets.token_hex(8)}"
    for upload in form.cleaned_data["files"]:
        default_storage.save(f"{upload_dir}/{upload.name}", upload)
    job = ImportJob.objects.create(
        publication=form.cleaned_data["publication"],
        date=form.cleaned_data["date"],
        upload_dir=upload_dir,
        created_by=request.user,
        messages=[uploaded_message(len(form.cleaned_data["files"]))],
    )
    run_import_job.enqueue(job.pk)
    return job


def uploaded_message(count: int) -> str:
    return ngettext(
        "%(count)s file uploaded, waiting for the import.",
        "%(count)s files uploaded, waiting for the import.",
        count,
    ) % {"count": count}


@can_edit
def job(request, job_id):
    """The import job's page: its state now; ``static/epaper/job.js`` polls ``job_status``
    until the job is finished."""
    job = get_object_or_404(ImportJob, pk=job_id)
    return TemplateResponse(request, "epaper/admin/job.html", {"job": job, "state": job_state(job)})


@can_edit
@never_cache
def job_status(request, job_id):
    job = get_object_or_404(ImportJob, pk=job_id)
    return JsonResponse(job_state(job))


def job_state(job: ImportJob) -> dict:
    """What the job page shows: status, progress, a one-line summary and the messages."""
    if job.status == ImportJob.Status.PENDING:
        summary = _("Waiting in the queue for the import…")
    elif job.status == ImportJob.Status.RUNNING:
        summary = _("Importing: %(done)s/%(total)s pages done") % {
            "done": job.pages_done,
            "total": job.pages_total or "?",
        }
    else:  # done or failed: the task's last message says what happened
        summary = job.messages[-1] if job.messages else job.get_status_display()
    return {
        "status": job.status,
        "status_display": job.get_status_display(),
        "summary": str(summary),
        "progress": job.progress,
        "pages_done": job.pages_done,
        "pages_total": job.pages_total,
        "messages": job.messages,
        "finished": job.finished,
        "failed": job.status == ImportJob.Status.FAILED,
        "issue_url": reverse("epaper_admin:issue", args=[job.issue_id]) if job.issue_id else "",
    }


class IssueSettingsForm(forms.ModelForm):
    """期号 and release time, editable on the issue page."""

    release_at = forms.DateTimeField(
        label=gettext_lazy("Release time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        help_text=gettext_lazy("Readers see the published issue from this time on."),
    )

    class Meta:
        model = Issue
        fields = ["number", "release_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].min_value = 1
        self.fields["number"].widget.attrs["min"] = 1
        self.fields["number"].validators.append(MinValueValidator(1))
        self.fields["number"].validators.append(MaxValueValidator(2_000_000_000))


def publish_refusal(request, issue: Issue) -> str | None:
    """Why this publish request is refused (None: go ahead); records an override.

    Every page must be marked reviewed. A user with ``epaper.publish_unreviewed_issue``
    may publish anyway by ticking the override and giving a reason: who, when and why are
    kept on the issue (and shown on its page).
    """
    unreviewed = issue.unreviewed_pages()
    if not unreviewed:
        return None
    numbers = ", ".join(page.number for page in unreviewed)
    if not request.user.has_perm(OVERRIDE_PERMISSION):
        return _(
            "The issue cannot be published: pages %(pages)s are not reviewed yet. "
            "Mark every page reviewed first."
        ) % {"pages": numbers}
    reason = strip_control_chars(request.POST.get("override_reason", "")).strip()[:500]
    if request.POST.get("override") != "1" or not reason:
        return _(
            "Pages %(pages)s are not reviewed yet. To publish anyway, tick the override "
            "and give a reason."
        ) % {"pages": numbers}
    issue.override_by = request.user
    issue.override_at = timezone.now()
    issue.override_reason = reason
    issue.save(update_fields=["override_by", "override_at", "override_reason"])
    return None


@can_edit
def issue(request, issue_id):
    issue = get_object_or_404(Issue.objects.select_related("publication"), pk=issue_id)
    form = IssueSettingsForm(instance=issue)
    if request.method == "POST":
        action = request.POST.get("action")
        if not request.user.has_perm(CHANGE_ISSUE):
            raise PermissionDenied
        if action == "publish":
            refusal = publish_refusal(request, issue)
            if refusal:
                messages.error(request, refusal)
            else:
                Issue.objects.filter(pk=issue.pk).update(published=True)
                messages.success(request, _("The issue is published."))
            return redirect("epaper_admin:issue", issue.pk)
        if action == "unpublish":
            Issue.objects.filter(pk=issue.pk).update(published=False)
            messages.success(request, _("The issue is unpublished."))
            return redirect("epaper_admin:issue", issue.pk)
        if action == "settings":
            form = IssueSettingsForm(request.POST, instance=issue)
            if form.is_valid():
                form.save()
                messages.success(request, _("The issue number and release time are saved."))
                return redirect("epaper_admin:issue", issue.pk)
            messages.error(request, _("The issue settings could not be saved."))
        else:
            return HttpResponseBadRequest(_("Unknown action"))
        issue.refresh_from_db()
    pages = list(issue.pages.prefetch_related("articles").select_related("reviewed_by"))
    return TemplateResponse(
        request,
        "epaper/admin/issue.html",
        {
            "issue": issue,
            "pages": pages,
            "form": form,
            "unreviewed": [p for p in pages if not p.reviewed],
            "to_review": pages_to_review(pages),
            "released": issue.is_released,
            # the release time is still ahead (else an unpublished issue is public once published)
            "release_pending": issue.release_at is not None and issue.release_at > timezone.now(),
            "can_change_issue": request.user.has_perm(CHANGE_ISSUE),
            "can_override": request.user.has_perm(OVERRIDE_PERMISSION),
            "can_delete": request.user.has_perm(DELETE_ISSUE),
        },
    )


def pages_to_review(pages: list[PrintPage]) -> list[dict]:
    """The pages not reviewed yet, the doubtful ones first (flagged by the import, then by
    their lowest article confidence), each with the reasons in words."""
    out = []
    separator = pgettext("separator of review reasons", "; ")
    for page in pages:
        if page.reviewed:
            continue
        doubtful = [a for a in page.articles.all() if a.confidence < LOW_CONFIDENCE]
        confidence = page.confidence
        out.append(
            {
                "page": page,
                "flagged": page.needs_review or bool(doubtful),
                "confidence": confidence,
                "reasons": list(page.review_reasons),
                "articles": [
                    {
                        "label": a.label,
                        "confidence": a.confidence,
                        "reasons": separator.join(str(r) for r in a.confidence_reasons),
                    }
                    for a in doubtful
                ],
            }
        )
    out.sort(
        key=lambda row: (
            not row["flagged"],
            1.0 if row["confidence"] is None else row["confidence"],
            row["page"].sort_order,
        )
    )
    return out


@can_edit
def issue_delete(request, issue_id):
    """Delete an issue with its pages and every file of them, after a confirm step."""
    if not request.user.has_perm(DELETE_ISSUE):
        raise PermissionDenied
    issue = get_object_or_404(Issue.objects.select_related("publication"), pk=issue_id)
    if request.method == "POST":
        names = issue.file_names()
        label = str(issue)
        with transaction.atomic():
            issue.delete()
            transaction.on_commit(lambda: delete_files(names))
        messages.success(
            request, _("The issue %(issue)s and its files are deleted.") % {"issue": label}
        )
        return redirect("epaper_admin:index")
    return TemplateResponse(
        request,
        "epaper/admin/issue_delete.html",
        {"issue": issue, "page_count": issue.pages.count()},
    )


@can_edit
def page_editor(request, page_id):
    page = get_object_or_404(PrintPage.objects.select_related("issue__publication"), pk=page_id)
    pages = list(page.issue.pages.prefetch_related("articles"))
    queue = [row["page"] for row in pages_to_review(pages) if row["page"].pk != page.pk]
    return TemplateResponse(
        request,
        "epaper/admin/page_editor.html",
        {
            "page": page,
            "issue": page.issue,
            "next_to_review": queue[0] if queue else None,
            "editor_data": editor_data(page),
            "editor_strings": editor_strings(),
        },
    )


def editor_strings() -> dict[str, str]:
    """The words of ``editor.js``, which holds none (``%(…)s`` is filled in by the script)."""
    return {
        "unsaved": _("Unsaved changes"),
        "untitled": _("(untitled)"),
        "noHotspots": _("no hotspots"),
        "web": _("Web version: %(title)s"),
        "merged": _("Merged, remember to save"),
        "confirmDelete": _("Delete this article and its hotspots?"),
        "pickMerge": _("Click the article to merge into this one"),
        "mergeTarget": _("%(title)s will be merged into the selected article: press Merge"),
        "split": _("Split into a new article, please give it a title"),
        "saving": pgettext("hotspot editor", "Saving…"),
        "saved": _("Saved (a revision was recorded)"),
        "saveFailed": _("Saving failed: %(error)s"),
        "forbidden": _("You may not edit the e-paper."),
        "confidence": _("Recognition confidence %(value)s"),
        "doubtful": _("check"),
        "block": _("Text block: %(text)s"),
        "picture": _("Picture"),
        "freeBlock": _("not in any article"),
        "blockAdded": _("The block is added to the selected article"),
        "blockThere": _("The block is already in the selected article"),
        "lassoAdded": _("%(count)s blocks added to the selected article"),
        "lassoNone": _("No block has its centre inside the lasso"),
        "lassoHelp": _("Drag around the blocks to add to the selected article; Esc cancels."),
        "blocksHelp": _("Click (or Enter on) a text block to add it to the selected article."),
        "polygonHelp": _(
            "Click the corners; double-click or Enter closes the polygon, Backspace removes "
            "the last corner, Esc cancels."
        ),
        "polygonAdded": _("Polygon with %(count)s corners added, remember to save"),
        "cancelled": _("Cancelled"),
    }


def editor_data(page: PrintPage) -> dict:
    return {
        "width": page.width_pt,
        "height": page.height_pt,
        "reviewed": page.reviewed,
        "low": LOW_CONFIDENCE,
        # the segmenter's text columns and pictures: the editor draws them, a click gives one
        # to the selected article (its "article" of the import is not needed: the editor
        # marks a block free when its centre lies in no hotspot)
        "blocks": [
            {"bbox": block["bbox"], "text": block.get("text", ""), "kind": block.get("kind")}
            for block in page.text_blocks
            if isinstance(block, dict) and len(block.get("bbox") or ()) == 4
        ],
        "articles": [
            {
                "id": a.pk,
                **{name: getattr(a, name) for name in TEXT_FIELDS},
                "hotspots": a.hotspots,
                "web": a.web_article.title if a.web_article_id else "",
                "confidence": a.confidence,
                "reasons": a.confidence_reasons,
            }
            for a in page.articles.select_related("web_article")
        ],
    }


@can_edit
@require_POST
def page_save(request, page_id):
    """Replace the page's articles with the posted list; changed ones get a revision."""
    page = get_object_or_404(PrintPage, pk=page_id)
    try:
        payload = json.loads(request.body)
        if not isinstance(payload, dict) or not isinstance(payload.get("articles"), list):
            raise PayloadError(_("expected an object with a list of articles"))
        if len(payload["articles"]) > MAX_ARTICLES:
            raise PayloadError(_("too many articles"))
        items = [clean_item(item, page) for item in payload["articles"]]
        check_ids(items)
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        return bad_payload(exc)
    with transaction.atomic():
        existing = {a.pk: a for a in page.articles.select_for_update()}
        try:
            check_merges(items, existing)
        except PayloadError as exc:
            return bad_payload(exc)
        keep = set()
        for order, item in enumerate(items):
            merged_from = item.pop("merged_from")
            article = existing.get(item.pop("id")) or PrintArticle(page=page)
            changed = article.pk is None or article.order != order
            for name, value in item.items():
                if getattr(article, name) != value:
                    setattr(article, name, value)
                    changed = True
            article.order = order
            if merged_from:
                changed |= absorb(article, [existing[pk] for pk in merged_from])
            if changed:
                article.save()
                article.save_revision(user=request.user)
            if merged_from:
                move_images(article, merged_from)
            keep.add(article.pk)
        gone = page.articles.exclude(pk__in=keep)
        names = [image.image.name for a in gone for image in a.images.all() if image.image]
        gone.delete()
        transaction.on_commit(lambda: delete_files(names))
        if "reviewed" in payload and bool(payload["reviewed"]) != page.reviewed:
            page.mark_reviewed(request.user, bool(payload["reviewed"]))
    return JsonResponse({"ok": True, **editor_data(page)})


def bad_payload(exc: Exception):
    """400 with the reason in words; the editor keeps its unsaved work and shows it."""
    reason = str(exc) if isinstance(exc, PayloadError) else _("the data has an unexpected shape")
    if isinstance(exc, RecursionError):
        reason = _("the data is nested too deeply")
    message = _("Malformed data: %(error)s") % {"error": reason}
    return JsonResponse({"ok": False, "error": message}, status=400)


def check_ids(items: list[dict]) -> None:
    """An article may appear once: as an item, or merged into one (not both, not twice)."""
    seen: set[int] = set()
    for item in items:
        for pk in ([item["id"]] if item["id"] else []) + item["merged_from"]:
            if pk in seen:
                raise PayloadError(_("article %(id)s appears twice") % {"id": pk})
            seen.add(pk)


def check_merges(items: list[dict], existing: dict[int, PrintArticle]) -> None:
    """Merged articles must be this page's (the lock is held: they cannot vanish meanwhile).

    One deleted meanwhile (another tab) is dropped from ``merged_from``: its text is already
    in the posted article, so the save goes on; one of another page is refused.
    """
    for item in items:
        gone = [pk for pk in item["merged_from"] if pk not in existing]
        if gone and PrintArticle.objects.filter(pk__in=gone).exists():
            raise PayloadError(
                _("article %(id)s to merge is not on this page (reload the page)")
                % {"id": ", ".join(map(str, gone))}
            )
        item["merged_from"] = [pk for pk in item["merged_from"] if pk in existing]


def absorb(article: PrintArticle, others: list[PrintArticle]) -> bool:
    """What the editor cannot send: continuations and the web link of merged articles."""
    changed = False
    for other in others:
        for continuation in other.continuations:
            if continuation not in article.continuations:
                article.continuations = [*article.continuations, continuation]
                changed = True
        if not article.web_article_id and other.web_article_id:
            article.web_article_id, article.link_score = other.web_article_id, other.link_score
            changed = True
    return changed


def move_images(article: PrintArticle, merged_from: list[int]) -> None:
    """The photos of merged articles follow their text, after the article's own."""
    start = article.images.count()
    for offset, image in enumerate(
        PrintImage.objects.filter(article_id__in=merged_from).order_by("article_id", "order")
    ):
        image.article, image.order = article, start + offset
        image.save(update_fields=["article", "order"])


def clean_item(item: dict, page: PrintPage) -> dict:
    """Validate one posted article: text lengths and polygons inside the page.

    Raises ValueError/TypeError (answered with 400) for anything but the expected shapes;
    control characters (NUL and friends, which PostgreSQL refuses) are dropped from text.
    """
    if not isinstance(item, dict):
        raise PayloadError(_("an article must be an object"))
    out = {"id": _article_id(item.get("id"))}
    merged = item.get("merged_from", [])
    if not isinstance(merged, list) or len(merged) > MAX_ARTICLES:
        raise PayloadError(_("merged_from must be a list of article ids"))
    out["merged_from"] = [_article_id(pk) for pk in merged]
    if None in out["merged_from"]:
        raise PayloadError(_("merged_from must be a list of article ids"))
    for name, limit in TEXT_FIELDS.items():
        value = item.get(name, "")
        if not isinstance(value, str):
            raise PayloadError(_("%(field)s must be text") % {"field": name})
        value = strip_control_chars(value).strip()
        if len(value) > limit:
            raise PayloadError(_("%(field)s is too long") % {"field": name})
        out[name] = value
    hotspots = item.get("hotspots", [])
    if not isinstance(hotspots, list):
        raise PayloadError(_("hotspots must be a list"))
    if len(hotspots) > MAX_HOTSPOTS:
        raise PayloadError(
            _("an article may have at most %(count)s hotspots") % {"count": MAX_HOTSPOTS}
        )
    polygons = []
    for polygon in hotspots:
        if not isinstance(polygon, list) or len(polygon) > 200:
            raise PayloadError(_("a hotspot must be a list of 3 to 200 points"))
        if not all(isinstance(pt, list) and len(pt) == 2 for pt in polygon):
            raise PayloadError(_("a point must be two numbers"))
        points = [
            [
                round(min(max(_coordinate(x), 0), page.width_pt), 1),
                round(min(max(_coordinate(y), 0), page.height_pt), 1),
            ]
            for x, y in polygon
        ]
        if len(points) < 3:
            raise PayloadError(_("a hotspot must be a list of 3 to 200 points"))
        polygons.append(points)
    out["hotspots"] = polygons
    return out


def _article_id(value) -> int | None:
    """A posted article id: a positive integer, or null/absent for a new article."""
    if value is None or value == "" or value == 0:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PayloadError(_("an article id must be a positive integer"))
    return value


def _coordinate(value) -> float:
    """A finite number (JSON allows NaN and Infinity, which JSON columns do not store)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PayloadError(_("a coordinate must be a number"))
    number = float(value)
    if not math.isfinite(number):
        raise PayloadError(_("a coordinate must be a finite number"))
    return number


@can_edit
@require_POST
def page_review(request, page_id):
    page = get_object_or_404(PrintPage, pk=page_id)
    page.mark_reviewed(request.user, request.POST.get("reviewed", "1") == "1")
    if page.reviewed:
        done = _("Page %(number)s is marked as reviewed.")
    else:
        done = _("Page %(number)s is marked as not reviewed.")
    messages.success(request, done % {"number": page.number})
    return redirect("epaper_admin:issue", page.issue_id)
