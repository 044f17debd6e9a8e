from django.urls import path, re_path

from . import views
from .feeds import ArticleFeed

app_name = "publishing"

urlpatterns = [
    path("rss.xml", ArticleFeed(), name="site_feed"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-news.xml", views.news_sitemap, name="news_sitemap"),
    re_path(
        r"^sitemap-(?P<year>[0-9]{4})-(?P<month>[0-9]{2})\.xml$",
        views.month_sitemap,
        name="month_sitemap",
    ),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap_section"),
    re_path(r"^(?P<column_path>(?:[\w\-]+/)+)rss\.xml$", ArticleFeed(), name="column_feed"),
]
