"""数字报 reader: the latest issue, an issue's pages, one page with its hotspots, one story.

Every URL part is validated here and anything unknown, malformed or out of range raises
Http404 (the site's styled 404). Readers see released issues only (published and past
their ``release_at``, a plain query: an issue appears at its time without any job); users
with the e-paper change permission also see the others, so the admin can preview an
import before it is released. ``media`` serves the files the same way. Issues dated
outside 1900–2100 (only a script could have stored one) are shown to nobody, and no date
arithmetic here can overflow Python's date range.

The 往期回顾 calendar is limited to months that have a visible issue: ``?month=`` must be
such a month (anything else, malformed or empty, is a 404), and its previous/next links
jump to the nearest months with issues, so a crawler finds a bounded set of URLs.
"""

from __future__ import annotations

import calendar
import datetime as dt
import mimetypes
import re

from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from baoshe.core.public import mark_public

from .models import (
    MAX_ISSUE_DATE,
    MIN_ISSUE_DATE,
    Issue,
    PrintArticle,
    PrintPage,
    Publication,
    issue_date_in_range,
)

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NUMBER_RE = re.compile(r"^[A-Za-z]{0,2}\d{1,3}$")
POSITION_RE = re.compile(r"^\d{1,4}$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
# the calendar's column heads, Monday first (一 二 … 日 in Chinese)
WEEKDAYS = (
    pgettext_lazy("calendar column", "Mon"),
    pgettext_lazy("calendar column", "Tue"),
    pgettext_lazy("calendar column", "Wed"),
    pgettext_lazy("calendar column", "Thu"),
    pgettext_lazy("calendar column", "Fri"),
    pgettext_lazy("calendar column", "Sat"),
    pgettext_lazy("calendar column", "Sun"),
)


def in_date_range(issues):
    """Only issues dated inside the range the models accept (1900-01-01..2100-12-31)."""
    return issues.filter(date__range=(MIN_ISSUE_DATE, MAX_ISSUE_DATE))


PREVIEW_PERMISSION = "epaper.change_printarticle"


def can_preview(user) -> bool:
    """Who sees issues before their release (and their files): the e-paper's editors."""
    return bool(user and user.is_authenticated and user.has_perm(PREVIEW_PERMISSION))


def visible_issues(request):
    issues = in_date_range(Issue.objects.select_related("publication"))
    if can_preview(request.user):
        return issues
    return issues.published()


# Storage names hold a fresh random folder per import (``epaper/<pub>/<date>/<token>/``) and
# a file is never rewritten in place, so a released file can be cached for good.
PUBLIC_CACHE = "public, max-age=31536000, immutable"
PRIVATE_CACHE = "private, no-store"


def media(request, name):
    """One file of the 数字报 (page PDF and images, photo crops) by its storage name.

    Only names recorded on a page or photo are served (anything else, an orphan file, a
    traversal attempt, is a 404); a released issue's file to anyone, cacheable for good,
    and an unreleased one's only to users who may preview, never cached. Everybody else
    gets the same 404 as for a file that does not exist.
    """
    if ".." in name.split("/") or "\\" in name or "\x00" in name:
        raise Http404(_("No such file"))
    pages = PrintPage.objects.all()
    parts = name.split("/")
    if len(parts) > 3 and DATE_RE.match(parts[2]):
        # the importer's names are <prefix>/<paper>/<date>/<token>/…: look in that day only
        try:
            pages = pages.filter(issue__date=dt.date.fromisoformat(parts[2]))
        except ValueError as exc:
            raise Http404(_("No such file")) from exc
    page = (
        pages.filter(
            Q(pdf=name)
            | Q(image_large=name)
            | Q(image_screen=name)
            | Q(thumbnail=name)
            | Q(articles__images__image=name)
        )
        .select_related("issue")
        .first()
    )
    if page is None:
        raise Http404(_("No such file"))
    issue = page.issue
    released = issue.is_released and issue_date_in_range(issue.date)
    if not released and not can_preview(request.user):
        raise Http404(_("No such file"))
    try:
        handle = default_storage.open(name, "rb")
    except (OSError, ValueError) as exc:
        raise Http404(_("No such file")) from exc
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = PUBLIC_CACHE if released else PRIVATE_CACHE
    response["X-Content-Type-Options"] = "nosniff"
    return response


def public_page(request, response):
    """Mark a reader page public (the page cache keeps it) unless the reader may preview: an
    editor's page may show unreleased issues. Pages change by the clock alone when the next
    issue's release time comes, so they are kept until then."""
    if response.status_code == 200 and not can_preview(request.user):
        upcoming = (
            Issue.objects.filter(published=True, release_at__gt=timezone.now())
            .order_by("release_at")
            .values_list("release_at", flat=True)
            .first()
        )
        mark_public(response, until=upcoming)
    return response


def index(request):
    """The latest published issue of any paper, on its first page; or 暂无数字报."""
    issue = (
        in_date_range(Issue.objects.published())
        .select_related("publication")
        .order_by("-date", "publication__sort_order", "publication_id")
        .first()
    )
    return _first_page_or_empty(request, issue)


def publication_latest(request, pub):
    publication = get_object_or_404(Publication, slug=pub)
    issue = in_date_range(publication.issues.published()).select_related("publication").first()
    return _first_page_or_empty(request, issue, publication)


def issue_view(request, pub, day):
    issue = _get_issue(request, pub, day)
    return _first_page_or_empty(request, issue)


def page_view(request, pub, day, number):
    issue = _get_issue(request, pub, day)
    page = _get_page(issue, number)
    return render_page(request, issue, page)


def article_view(request, pub, day, number, n):
    issue = _get_issue(request, pub, day)
    page = _get_page(issue, number)
    if not POSITION_RE.match(n) or int(n) < 1:
        raise Http404(_("No such article"))
    articles = list(page.articles.select_related("web_article__column").prefetch_related("images"))
    if int(n) > len(articles):
        raise Http404(_("No such article"))
    article = articles[int(n) - 1]
    index = int(n) - 1
    context = {
        "publication": issue.publication,
        "issue": issue,
        "print_page": page,
        "article": article,
        "hotspot_points": polygon_points(article.hotspots),
        "prev_article": articles[index - 1] if index > 0 else None,
        "next_article": articles[index + 1] if index + 1 < len(articles) else None,
        "continuations": continuation_links(issue, page, article),
        "web_article": article.web_article if article.web_article_id else None,
    }
    if context["web_article"] is not None:
        from baoshe.newsroom.visibility import article_is_public

        if not article_is_public(context["web_article"], request):  # only link readable pieces
            context["web_article"] = None
    return public_page(request, TemplateResponse(request, "epaper/article.html", context))


# --- lookups ------------------------------------------------------------------------------


def parse_day(day: str) -> dt.date:
    if not DATE_RE.match(day):
        raise Http404(_("Malformed date"))
    try:
        return dt.date.fromisoformat(day)
    except ValueError as exc:
        raise Http404(_("No such date")) from exc


def _get_issue(request, pub: str, day: str) -> Issue:
    date = parse_day(day)
    issue = visible_issues(request).filter(publication__slug=pub, date=date).first()
    if issue is None:
        raise Http404(_("No such e-paper issue"))
    return issue


def _get_page(issue: Issue, number: str) -> PrintPage:
    if not NUMBER_RE.match(number):
        raise Http404(_("Malformed page number"))
    page = issue.pages.filter(number=number.upper()).first()
    if page is None:
        raise Http404(_("No such page"))
    page.issue = issue
    return page


def _first_page_or_empty(request, issue, publication=None):
    page = issue.pages.first() if issue else None
    if page is None:
        context = {"publication": publication or (issue.publication if issue else None)}
        return public_page(request, TemplateResponse(request, "epaper/empty.html", context))
    page.issue = issue
    return render_page(request, issue, page)


# --- the page view --------------------------------------------------------------------------


def render_page(request, issue: Issue, page: PrintPage):
    pages = list(issue.pages.all())
    position = next(i for i, p in enumerate(pages) if p.pk == page.pk)
    articles = list(page.articles.all())
    for article in articles:
        article.points = polygon_points(article.hotspots)
    siblings = visible_issues(request).filter(publication=issue.publication)
    context = {
        "publication": issue.publication,
        "issue": issue,
        "print_page": page,
        "pages": pages,
        "articles": articles,
        "prev_page": pages[position - 1] if position > 0 else None,
        "next_page": pages[position + 1] if position + 1 < len(pages) else None,
        "prev_issue": siblings.filter(date__lt=issue.date).order_by("-date").first(),
        "next_issue": siblings.filter(date__gt=issue.date).order_by("date").first(),
        "calendar": month_calendar(request, issue, request.GET.get("month")),
    }
    return public_page(request, TemplateResponse(request, "epaper/page.html", context))


def polygon_points(hotspots) -> list[str]:
    """SVG ``points`` attributes for a list of polygons in PDF points."""
    out = []
    for polygon in hotspots or []:
        try:
            out.append(" ".join(f"{float(x):g},{float(y):g}" for x, y in polygon))
        except (TypeError, ValueError):
            continue
    return out


def parse_month(value: str) -> dt.date | None:
    """``?month=YYYY-MM`` as the first of that month; None if malformed or out of range."""
    match = MONTH_RE.match(value)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (MIN_ISSUE_DATE.year <= year <= MAX_ISSUE_DATE.year and 1 <= month <= 12):
        return None
    return dt.date(year, month, 1)


def month_calendar(request, issue: Issue, month_param: str | None) -> dict:
    """往期回顾: a Monday-first month grid; days with an issue link to it.

    Without ``month_param`` the issue's own month is shown. A ``month_param`` that is not
    ``YYYY-MM`` or names a month without a visible issue of this paper raises Http404.
    Previous/next point to the nearest earlier/later month that has an issue (or nothing).
    """
    if month_param is None:
        month = issue.date.replace(day=1)
    else:
        month = parse_month(month_param)
        if month is None:
            raise Http404(_("Malformed month"))
    last_day = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    issues = visible_issues(request).filter(publication=issue.publication)
    dates = set(issues.filter(date__range=(month, last_day)).values_list("date", flat=True))
    if month_param is not None and not dates:
        raise Http404(_("No e-paper issue in this month"))
    earlier = issues.filter(date__lt=month).order_by("-date").values_list("date", flat=True)
    later = issues.filter(date__gt=last_day).order_by("date").values_list("date", flat=True)
    prev_day, next_day = earlier.first(), later.first()
    slug = issue.publication.slug
    # monthdayscalendar gives day numbers (0 outside the month): no date outside the month
    # is ever built, so December 9999 or January 1 cannot overflow.
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdayscalendar(month.year, month.month):
        row = []
        for day in week:
            d = month.replace(day=day) if day else None
            row.append(
                {
                    "day": day or "",
                    "url": f"/epaper/{slug}/{d.isoformat()}/" if d in dates else "",
                    "current": d == issue.date,
                }
            )
        weeks.append(row)
    return {
        "month": month,
        "weeks": weeks,
        "weekdays": WEEKDAYS,
        "prev": f"{prev_day:%Y-%m}" if prev_day else "",
        "next": f"{next_day:%Y-%m}" if next_day else "",
    }


def continuation_links(issue: Issue, page: PrintPage, article: PrintArticle) -> list[dict]:
    """下转/上接 as links: to the story on the other page that points back here, if found."""
    wanted = [c for c in article.continuations if isinstance(c, dict) and c.get("page")]
    if not wanted:
        return []
    others = PrintArticle.objects.filter(
        page__issue=issue, page__number__in=[c["page"] for c in wanted]
    ).select_related("page")
    out = []
    for c in wanted:
        back = "from" if c.get("direction") == "to" else "to"
        target = next(
            (
                o
                for o in others
                if o.page.number == c["page"]
                and any(
                    oc.get("direction") == back and oc.get("page") == page.number
                    for oc in o.continuations
                    if isinstance(oc, dict)
                )
            ),
            None,
        )
        if target is not None:
            target.page.issue = issue
            url = target.get_absolute_url()
        else:
            url = f"/epaper/{issue.publication.slug}/{issue.date.isoformat()}/{c['page']}/"
        if c.get("direction") == "to":
            label = _("Continued on page %(page)s") % {"page": c["page"]}
        else:
            label = _("Continued from page %(page)s") % {"page": c["page"]}
        out.append({"direction": c.get("direction"), "label": label, "url": url})
    return out
