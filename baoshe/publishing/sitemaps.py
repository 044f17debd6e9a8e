"""``/sitemap.xml``: an index of sitemaps, so a paper with millions of articles stays valid.

A single sitemap file may hold at most 50,000 URLs; Django's sitemap index splits each section
into numbered pages (``/sitemap-articles.xml?p=2``) that search engines fetch one by one.
"""

from django.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from baoshe.newsroom.models import Article, ColumnPage


class ArticleSitemap(Sitemap):
    limit = 10_000
    changefreq = "never"

    def __init__(self, request=None):
        self.request = request
        self._column_urls: dict[int, str | None] = {}

    def items(self):
        return (
            Article.objects.live()
            .order_by("-pk")
            .values_list("pk", "column_id", "last_published_at", "first_published_at")
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
            Article.objects.live()
            .in_site_order()
            .values_list("first_published_at", flat=True)
            .first()
        )
        return newest

    def get_urls(self, page=1, site=None, protocol=None):
        """Article URLs from four columns per row and one URL per column, not per article."""
        urls = []
        for pk, column_id, last, first in self.paginator.page(page).object_list:
            column_url = self.column_url(column_id)
            if column_url:
                urls.append(
                    {"item": pk, "location": f"{column_url}{pk}.html", "lastmod": last or first}
                )
        return urls


def sitemaps_for(request):
    return {"pages": WagtailSitemap(request), "articles": ArticleSitemap(request)}
