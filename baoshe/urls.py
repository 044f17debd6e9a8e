import posixpath

from django.conf import settings
from django.http import Http404
from django.urls import include, path, re_path
from django.views.static import serve as serve_static
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from baoshe.core.health import health
from baoshe.core.wellknown import favicon, robots_txt
from baoshe.engage import urls as engage_urls
from baoshe.newsroom import urls as newsroom_urls
from baoshe.publishing import urls as publishing_urls

handler500 = "baoshe.core.unavailable.server_error"

urlpatterns = [
    path("healthz", health, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("engage/", include(engage_urls)),
    path("epaper/", include("baoshe.epaper.urls")),
    path("", include(publishing_urls)),
    path("", include(newsroom_urls)),
]


def serve_media(request, path, document_root):
    """MEDIA_URL on the embedded setup, minus the 数字报's folders: its page images, PDFs and
    uploads are served only through the permission-checked ``/epaper/media/`` (an issue's
    files must not leak before its release time)."""
    from baoshe.epaper import conf as epaper_conf

    folder = posixpath.normpath(path).lstrip("/").split("/", 1)[0]  # as serve() resolves it
    if folder in (epaper_conf.media_prefix(), epaper_conf.upload_prefix()):
        raise Http404
    return serve_static(request, path, document_root=document_root)


if settings.MEDIA_URL.startswith("/"):
    # Uploaded images on the embedded (single machine) setup; a CDN or S3 serves them otherwise.
    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

urlpatterns.append(path("", include(wagtail_urls)))
