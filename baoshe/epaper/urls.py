"""数字报 reader URLs. The index keeps the plain name ``epaper``: every page links to it.

Dates and 版次 are matched as plain strings and validated in the views, so a malformed or
impossible value (2026-13-45, a 300-digit number) answers the styled 404, never a 500.
"""

import re

from django.urls import path, re_path

from . import conf, views

urlpatterns = [
    # every file of the 数字报, permission-checked (views.media); storage names start with
    # the media prefix, so /epaper/media/<day>/ of a paper called "media" is not caught here
    re_path(
        rf"^media/(?P<name>{re.escape(conf.media_prefix())}/.+)$", views.media, name="epaper-media"
    ),
    path("", views.index, name="epaper"),
    path("<slug:pub>/", views.publication_latest, name="epaper-publication"),
    path("<slug:pub>/<str:day>/", views.issue_view, name="epaper-issue"),
    path("<slug:pub>/<str:day>/<str:number>/", views.page_view, name="epaper-page"),
    path("<slug:pub>/<str:day>/<str:number>/<str:n>/", views.article_view, name="epaper-article"),
]
