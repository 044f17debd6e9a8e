"""RSS 2.0 feeds: the whole site and each column (with its sub-columns).

Feeds list what any reader may read (``Article.objects.public()``: not drafts, scheduled,
expired or withdrawn pieces, nor anything under a restricted or unpublished column), and
never fail on stored text: XML 1.0 cannot hold control characters, so they are dropped from
every string the feed prints, whatever rows written before the save-side cleaning or by bulk
imports still carry.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Site

from baoshe.core.models import SiteSettings
from baoshe.core.public import mark_public
from baoshe.core.text import strip_control_chars
from baoshe.newsroom.models import Article, ColumnPage, latest_in_columns
from baoshe.newsroom.visibility import column_visibility

FEED_LENGTH = 30


def clean(value):
    """``value`` (a string, a list of strings, or anything else) without control characters."""
    if isinstance(value, str):
        return strip_control_chars(value)
    if isinstance(value, (list, tuple)):
        return type(value)(clean(item) for item in value)
    return value


class CleanRss201rev2Feed(Rss201rev2Feed):
    """RSS 2.0 that strips control characters from every text of the channel and its items."""

    def write(self, outfile, encoding):
        self.feed = {key: clean(value) for key, value in self.feed.items()}
        self.items = [{key: clean(value) for key, value in item.items()} for item in self.items]
        super().write(outfile, encoding)


class ArticleFeed(Feed):
    feed_type = CleanRss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        # Only public columns have a feed (get_object), so every feed is a public page.
        return mark_public(super().__call__(request, *args, **kwargs))

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
        # A feed is public: a restricted or unpublished column (or one below an unpublished
        # page) has none.
        if column is None or column.pk not in column_visibility(request).public:
            raise Http404(_("Column not found"))
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
            return self.paper.slogan or _("Latest articles from %(paper)s") % {
                "paper": self.paper.paper_name
            }
        return column.description or _(
            "Latest articles in the “%(column)s” column of %(paper)s"
        ) % {
            "paper": self.paper.paper_name,
            "column": column.title,
        }

    def items(self, column):
        if column is None:
            articles = Article.objects.public(self.request).in_site_order()
        else:
            # One index range (with a LIMIT) per listed column, merged: a parent column does
            # not sort every article of its sub-columns.
            return latest_in_columns(column.listed_ids(self.request), FEED_LENGTH)
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
