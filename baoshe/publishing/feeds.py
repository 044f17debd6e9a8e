"""RSS 2.0 feeds: the whole site and each column (with its sub-columns)."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Rss201rev2Feed
from wagtail.models import Site

from baoshe.core.models import SiteSettings
from baoshe.newsroom.models import Article, ColumnPage

FEED_LENGTH = 30


class ArticleFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, column_path: str | None = None):
        site = Site.find_for_request(request)
        if site is None:
            raise Http404
        self.request = request
        self.paper = SiteSettings.for_site(site)
        if column_path is None:
            return None
        column = (
            ColumnPage.objects.live().filter(url_path=site.root_page.url_path + column_path).first()
        )
        if column is None:
            raise Http404("未找到该栏目")
        return column

    def title(self, column):
        if column is None:
            return f"{self.paper.paper_name} - {self.paper.site_name}"
        return f"{column.title} - {self.paper.paper_name}"

    def link(self, column):
        if column is None:
            return Site.find_for_request(self.request).root_page.get_full_url(self.request) or "/"
        return column.get_full_url(self.request)

    def description(self, column):
        if column is None:
            return self.paper.slogan or f"{self.paper.paper_name}最新稿件"
        return column.description or f"{self.paper.paper_name}「{column.title}」栏目最新稿件"

    def items(self, column):
        articles = (
            column.articles_for_listing() if column else Article.objects.live().in_site_order()
        )
        return articles.select_related("column")[:FEED_LENGTH]

    def item_title(self, article):
        return article.display_title

    def item_description(self, article):
        return article.description

    def item_link(self, article):
        return article.get_full_url(self.request)

    def item_guid(self, article):
        return article.get_full_url(self.request)

    item_guid_is_permalink = True

    def item_pubdate(self, article):
        return article.first_published_at

    def item_updateddate(self, article):
        return article.last_published_at

    def item_author_name(self, article):
        return article.authors or None

    def item_categories(self, article):
        return [article.column.title]
