"""``/sitemap.xml``: an index of sitemaps, so a paper with millions of articles stays valid.

The index lists the page sitemap (columns and single pages), the Google News sitemap of the
last 48 hours (``/sitemap-news.xml``) and one sitemap per calendar month of publication
(``/sitemap-YYYY-MM.xml``, months in the site's time zone), newest month first. A month's
articles are listed in publish order (first publication time, then id), so once the month is
over its sitemap no longer changes except when an article is withdrawn or edited: crawlers
re-read only the current month. Months come from the first and last entries of the live
listing index, never from a scan of the table. A month holds at most ``MONTH_LIMIT`` URLs
(the protocol's 50,000: 1,600 articles a day).
"""

import datetime as dt

from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from baoshe.core.text import strip_control_chars
from baoshe.newsroom.models import Article, ColumnPage

MONTH_LIMIT = 50_000
NEWS_WINDOW = dt.timedelta(hours=48)
NEWS_LIMIT = 1_000  # Google News reads at most 1,000 URLs per news sitemap


class PageSitemap(WagtailSitemap):
    """Wagtail's page sitemap (live pages with no view restriction), less the live pages that
    sit below an unpublished one: Wagtail lists those, but readers cannot reach them."""

    def items(self):
        pages = super().items()
        unpublished = Page.objects.filter(live=False, numchild__gt=0).values_list("path", flat=True)
        for path in unpublished:
            pages = pages.exclude(path__startswith=path)
        return pages


def sitemaps_for(request):
    return {"pages": PageSitemap(request)}


def month_start(year: int, month: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, 1))


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def article_months(request=None) -> list[tuple[int, int]]:
    """(year, month) of every month from the oldest public article's to the newest's, newest
    first: two reads at the ends of the live listing index."""
    articles = Article.objects.in_public_columns(request).values_list(
        "first_published_at", flat=True
    )
    newest = articles.order_by("-first_published_at", "-pk").first()
    oldest = articles.order_by("first_published_at", "pk").first()
    if newest is None or oldest is None:
        return []
    newest, oldest = timezone.localtime(newest), timezone.localtime(oldest)
    months, year, month = [], newest.year, newest.month
    while (year, month) >= (oldest.year, oldest.month):
        months.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months


class ColumnUrls:
    """Each column's public address, looked up once per response for all columns."""

    def __init__(self, request=None):
        self.request = request
        self._urls: dict[int, str | None] | None = None

    def __call__(self, column_id: int) -> str | None:
        if self._urls is None:
            self._urls = {}
            for column in ColumnPage.objects.all():
                url = column.get_full_url(self.request)
                self._urls[column.pk] = strip_control_chars(url) if url else None
        return self._urls.get(column_id)


def month_urls(year: int, month: int, request=None) -> list[tuple[str, str]]:
    """The month's article URLs in publish order, each with its lastmod (last publication,
    W3C datetime in UTC).

    A month holds some 9,000 articles; the last publication time is read as the database's
    text (UTC on both databases: Django keeps PostgreSQL sessions in UTC) and cut into shape,
    instead of parsing 9,000 datetimes and converting each to the local zone.
    """
    start, end = month_start(year, month), month_start(*next_month(year, month))
    rows = (
        Article.objects.in_public_columns(request)
        .unexpired()
        .filter(first_published_at__gte=start, first_published_at__lt=end)
        .order_by("first_published_at", "pk")
        .annotate(lastmod=Cast("last_published_at", output_field=CharField()))
        .values_list("pk", "column_id", "lastmod")[:MONTH_LIMIT]
    )
    column_url = ColumnUrls(request)
    urls = []
    for pk, column_id, lastmod in rows:
        base = column_url(column_id)
        if base:
            urls.append(
                (f"{base}{pk}.html", f"{lastmod[:10]}T{lastmod[11:19]}Z" if lastmod else "")
            )
    return urls


def news_articles(request=None, now=None) -> list[tuple]:
    """(pk, column_id, title, first_published_at, column title prefix) of the public articles
    first published in the last 48 hours, newest first (Google News)."""
    now = now or timezone.now()
    return list(
        Article.objects.public(request, now)
        .filter(first_published_at__gt=now - NEWS_WINDOW, first_published_at__lte=now)
        .in_site_order()
        .values_list("pk", "column_id", "title", "first_published_at", "column__title_prefix")[
            :NEWS_LIMIT
        ]
    )
