"""The reader's address of an article, ``/<column path>/<pk>.html``, before Wagtail's pages."""

from django.urls import re_path

from .views import article_detail

app_name = "newsroom"

urlpatterns = [
    re_path(
        r"^(?P<column_path>(?:[\w\-]+/)+)(?P<pk>[0-9]{1,12})\.html$",
        article_detail,
        name="article",
    ),
]
