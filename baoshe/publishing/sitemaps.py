"""``/sitemap.xml``: an index of sitemaps, so a paper with millions of articles stays valid.

A single sitemap file may hold at most 50,000 URLs; Django's sitemap index splits each section
into numbered pages (``/sitemap-articles.xml?p=2``) that search engines fetch one by one.
"""

from django.contrib.sitemaps import Sitemap
from django.utils import timezone
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from baoshe.core.text import strip_control_chars
from baoshe.newsroom.models import Article, ColumnPage


class PageSitemap(WagtailSitemap):
    """Wagtail's page sitemap (live pages with no view restriction), less the live pages that
    sit below an unpublished one: Wagtail lists those, but readers cannot reach them."""

    def items(self):
        pages = super().items()
        unpublished = Page.objects.filter(live=False, numchild__gt=0).values_list("path", flat=True)
        for path in unpublished:
            pages = pages.exclude(path__startswith=path)
        return pages


class ArticleSitemap(Sitemap):
    limit = 10_000
    changefreq = "never"

    def __init__(self, request=None):
        self.request = request
        self._column_urls: dict[int, str | None] = {}

    def items(self):
        # Articles of public columns; expiry is checked per row in get_urls, as a condition on
        # expire_at would make the count visit every row instead of an index.
        return (
            Article.objects.in_public_columns(self.request)
            .order_by("-pk")
            .values_list("pk", "column_id", "last_published_at", "first_published_at", "expire_at")
        )

    def column_url(self, column_id: int) -> str | None:
        if column_id not in self._column_urls:
            column = ColumnPage.objects.filter(pk=column_id).first()
            self._column_urls[column_id] = column.get_full_url(self.request) if column else None
        return self._column_urls[column_id]

    def get_latest_lastmod(self):
        """When the newest article appeared: a read of the first entry of the live-articles
        index. (The latest *edit* would need a scan of every row: Django's default walks all
        items, and even ``Max(last_published_at)`` has no index to use.)"""
        newest = (
            Article.objects.public(self.request)
            .in_site_order()
            .values_list("first_published_at", flat=True)
            .first()
        )
        return newest

    def get_urls(self, page=1, site=None, protocol=None):
        """Article URLs from four columns per row and one URL per column, not per article."""
        urls = []
        now = timezone.now()
        for pk, column_id, last, first, expire_at in self.paginator.page(page).object_list:
            if expire_at is not None and expire_at <= now:
                continue
            column_url = self.column_url(column_id)
            if column_url:
                location = strip_control_chars(f"{column_url}{pk}.html")
                urls.append({"item": pk, "location": location, "lastmod": last or first})
        return urls


def sitemaps_for(request):
    return {"pages": PageSitemap(request), "articles": ArticleSitemap(request)}
