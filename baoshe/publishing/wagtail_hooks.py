from django.urls import reverse
from django.utils import timezone
from wagtail import hooks


@hooks.register("pagecache_urls")
def feed_and_sitemap_urls(instance):
    """An article is in the site's feed, its column's feed and every feed above it, in the
    sitemap of its month, the news sitemap and (a month's first article adds its month) the
    sitemap index."""
    from baoshe.newsroom.models import Article

    if not isinstance(instance, Article) or not instance.column_id:
        return None
    urls = [
        reverse("publishing:site_feed"),
        reverse("publishing:sitemap"),
        reverse("publishing:news_sitemap"),
    ]
    for page in instance.column.get_ancestors(inclusive=True).specific():
        if page.url and page.depth > 2:
            urls.append(f"{page.url}rss.xml")
    if instance.first_published_at:
        month = timezone.localtime(instance.first_published_at)
        urls.append(
            reverse(
                "publishing:month_sitemap",
                kwargs={"year": f"{month.year:04d}", "month": f"{month.month:02d}"},
            )
        )
    return urls
