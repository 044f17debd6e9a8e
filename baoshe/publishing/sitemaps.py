"""``/sitemap.xml``: an index of sitemaps, so a paper with millions of articles stays valid.

A single sitemap file may hold at most 50,000 URLs; Django's sitemap index splits each section
into numbered pages (``/sitemap-articles.xml?p=2``) that search engines fetch one by one.
"""

from django.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from baoshe.newsroom.models import Article


class ArticleSitemap(Sitemap):
    limit = 10_000
    changefreq = "never"

    def __init__(self, request=None):
        self.request = request

    def items(self):
        return (
            Article.objects.live()
            .select_related("column")
            .only("pk", "last_published_at", "first_published_at", "column__url_path")
            .order_by("-pk")
        )

    def location(self, article):
        return article.get_url(self.request)

    def lastmod(self, article):
        return article.last_published_at or article.first_published_at

    def get_latest_lastmod(self):
        # Django's default walks every item; one aggregate query instead.
        from django.db.models import Max

        return Article.objects.live().aggregate(latest=Max("last_published_at"))["latest"]

    def get_urls(self, page=1, site=None, protocol=None):
        # Article URLs already carry scheme and host from the Wagtail site.
        urls = []
        for article in self.paginator.page(page).object_list:
            full = article.get_full_url(self.request)
            if full:
                urls.append({"item": article, "location": full, "lastmod": self.lastmod(article)})
        return urls


def sitemaps_for(request):
    return {"pages": WagtailSitemap(request), "articles": ArticleSitemap(request)}
