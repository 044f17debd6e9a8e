"""Template helpers of the 数字报 used on other apps' pages."""

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True, name="print_edition")
def print_edition_tag(context, article):
    return print_edition(article, context.get("request"))


def print_edition(article, request=None):
    """Where a web article was printed, as ``{"url", "number", "name"}``, or None.

    Kept in the cache under the ``epaper`` version token (any change to the 数字报 moves it),
    so a cold article render seldom queries. The link appears when the issue is released, with
    no change saved to say so: the cached answer lasts until that time, and the page being
    rendered is told (``valid_until``) so the page cache forgets it then too.
    """
    if article is None or not getattr(article, "pk", None):
        return None
    from django.utils import timezone

    from baoshe.core import versions
    from baoshe.core.public import valid_until

    found = versions.cached(
        "epaper", f"print:{article.pk}", lambda: _printed(article.pk), request, timeout=None
    )
    link, upcoming = found
    now = timezone.now()
    if upcoming is not None and upcoming <= now:  # an issue has been released since
        link, upcoming = _printed(article.pk)
    valid_until(request, upcoming)
    return link


def _printed(article_pk):
    """(the link to the newest released printing, the next release time of another one)."""
    from django.utils import timezone

    from baoshe.epaper.models import MAX_ISSUE_DATE, MIN_ISSUE_DATE, PrintArticle

    now = timezone.now()
    rows = (
        PrintArticle.objects.filter(
            web_article_id=article_pk,
            page__issue__published=True,
            page__issue__date__range=(MIN_ISSUE_DATE, MAX_ISSUE_DATE),  # as the reader shows
        )
        .order_by("-page__issue__date", "page__sort_order", "order")
        .values(
            "order",
            "page__number",
            "page__name",
            "page__issue__date",
            "page__issue__release_at",
            "page__issue__publication__slug",
        )[:20]
    )
    released = [row for row in rows if row["page__issue__release_at"] <= now]
    upcoming = min(
        (row["page__issue__release_at"] for row in rows if row["page__issue__release_at"] > now),
        default=None,
    )
    if not released:
        return None, upcoming
    row = released[0]
    url = reverse(
        "epaper-article",
        args=[
            row["page__issue__publication__slug"],
            row["page__issue__date"].isoformat(),
            row["page__number"],
            row["order"] + 1,
        ],
    )
    return {"url": url, "number": row["page__number"], "name": row["page__name"]}, upcoming
