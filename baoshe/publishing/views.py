from xml.sax.saxutils import escape

from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from .sitemaps import ArticleSitemap, sitemaps_for

URLSET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
)


def sitemap_index(request):
    return sitemap_views.index(
        request, sitemaps_for(request), sitemap_url_name="publishing:sitemap_section"
    )


def sitemap_section(request, section: str):
    if section == "articles":
        return article_sitemap(request)
    try:
        return sitemap_views.sitemap(request, sitemaps_for(request), section=section)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404(str(exc)) from exc


def article_sitemap(request):
    """One page of the article sitemap, written directly rather than through a template.

    A page holds up to 10,000 URLs; Django's template engine spends most of a second on that
    many entries, string joining a few milliseconds.
    """
    sitemap = ArticleSitemap(request)
    page = request.GET.get("p", "1")
    if not page.isdigit() or len(page) > 9:
        raise Http404(_("Invalid page number"))
    try:
        urls = sitemap.get_urls(page=int(page))
    except EmptyPage as exc:
        raise Http404(_("Page number out of range")) from exc
    lines = [URLSET_OPEN]
    for url in urls:
        lastmod = url["lastmod"]
        lines.append(
            f"<url><loc>{escape(url['location'])}</loc>"
            + (f"<lastmod>{lastmod.date().isoformat()}</lastmod>" if lastmod else "")
            + "</url>\n"
        )
    lines.append("</urlset>\n")
    return HttpResponse("".join(lines), content_type="application/xml; charset=utf-8")
