"""Template helpers of the 数字报 used on other apps' pages."""

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def print_edition(article):
    """Where a web article was printed, as ``{"url", "number", "name"}``, or None.

    One query (values of the newest released issue's page first), so the article page
    pays one indexed lookup on ``web_article_id``.
    """
    if article is None or not getattr(article, "pk", None):
        return None
    from django.utils import timezone

    from baoshe.epaper.models import MAX_ISSUE_DATE, MIN_ISSUE_DATE, PrintArticle

    row = (
        PrintArticle.objects.filter(
            web_article_id=article.pk,
            page__issue__published=True,
            page__issue__release_at__lte=timezone.now(),  # released issues only
            page__issue__date__range=(MIN_ISSUE_DATE, MAX_ISSUE_DATE),  # as the reader shows
        )
        .order_by("-page__issue__date", "page__sort_order", "order")
        .values(
            "order",
            "page__number",
            "page__name",
            "page__issue__date",
            "page__issue__publication__slug",
        )
        .first()
    )
    if row is None:
        return None
    url = reverse(
        "epaper-article",
        args=[
            row["page__issue__publication__slug"],
            row["page__issue__date"].isoformat(),
            row["page__number"],
            row["order"] + 1,
        ],
    )
    return {"url": url, "number": row["page__number"], "name": row["page__name"]}
