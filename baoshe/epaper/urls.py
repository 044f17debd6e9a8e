"""数字报 reader URLs. The index keeps the plain name ``epaper``: every page links to it."""

from django.urls import path

from baoshe.newsroom.views import epaper_placeholder

urlpatterns = [
    path("", epaper_placeholder, name="epaper"),
]
