from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404

from .sitemaps import sitemaps_for


def sitemap_index(request):
    return sitemap_views.index(
        request, sitemaps_for(request), sitemap_url_name="publishing:sitemap_section"
    )


def sitemap_section(request, section: str):
    try:
        return sitemap_views.sitemap(request, sitemaps_for(request), section=section)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404(str(exc)) from exc
