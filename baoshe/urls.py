from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve as serve_static
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from baoshe.core.health import health
from baoshe.engage import urls as engage_urls
from baoshe.newsroom import urls as newsroom_urls
from baoshe.publishing import urls as publishing_urls

urlpatterns = [
    path("healthz", health, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("engage/", include(engage_urls)),
    path("epaper/", include("baoshe.epaper.urls")),
    path("", include(publishing_urls)),
    path("", include(newsroom_urls)),
]

if settings.MEDIA_URL.startswith("/"):
    # Uploaded images on the embedded (single machine) setup; a CDN or S3 serves them otherwise.
    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            serve_static,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

urlpatterns.append(path("", include(wagtail_urls)))
