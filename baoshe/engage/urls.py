from django.urls import path

import baoshe.core.converters  # noqa: F401  (registers <id:…>)

from . import views

app_name = "engage"

urlpatterns = [
    path("qr/<id:pk>.png", views.article_qr, name="article_qr"),
    path("share/<id:pk>.json", views.share_count, name="share_count"),
    path("share/<id:pk>/<slug:channel>/", views.record_share, name="record_share"),
]
