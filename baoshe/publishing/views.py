"""The sitemap index, the month sitemaps and the Google News sitemap, written directly.

A month holds up to some 10,000 URLs; Django's template engine spends most of a second on
that many entries, string joining a few milliseconds.
"""

from xml.sax.saxutils import escape

from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from baoshe.core.models import SiteSettings
from baoshe.core.public import mark_public
from baoshe.core.text import strip_control_chars

from .sitemaps import ColumnUrls, article_months, month_urls, news_articles, sitemaps_for

XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NEWS_LANGUAGE = "zh-cn"


def _xml(lines) -> HttpResponse:
    """A sitemap: public by nature (it lists public articles only), so a page cache may keep it."""
    return mark_public(HttpResponse("".join(lines), content_type="application/xml; charset=utf-8"))


def sitemap_index(request):
    """Pages, news, then one sitemap per month of publication, newest first."""
    locations = [
        reverse("publishing:sitemap_section", args=["pages"]),
        reverse("publishing:news_sitemap"),
    ]
    locations += [
        reverse("publishing:month_sitemap", kwargs={"year": f"{y:04d}", "month": f"{m:02d}"})
        for y, m in article_months(request)
    ]
    lines = [XML_HEAD, f'<sitemapindex xmlns="{SITEMAP_NS}">\n']
    for location in locations:
        lines.append(
            f"<sitemap><loc>{escape(request.build_absolute_uri(location))}</loc></sitemap>\n"
        )
    lines.append("</sitemapindex>\n")
    return _xml(lines)


def sitemap_section(request, section: str):
    if section == "articles":
        # The numbered article sitemap of before the month sitemaps: its pages are gone.
        return HttpResponsePermanentRedirect(reverse("publishing:sitemap"))
    try:
        return sitemap_views.sitemap(request, sitemaps_for(request), section=section)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404(str(exc)) from exc


def month_sitemap(request, year: str, month: str):
    """The articles first published in one month (site time zone), in publish order."""
    year_number, month_number = int(year), int(month)
    if not 1 <= month_number <= 12 or (year_number, month_number) not in article_months(request):
        raise Http404(_("No sitemap for this month"))
    lines = [XML_HEAD, f'<urlset xmlns="{SITEMAP_NS}">\n']
    for location, lastmod in month_urls(year_number, month_number, request):
        lines.append(
            f"<url><loc>{escape(location)}</loc>"
            + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "")
            + "</url>\n"
        )
    lines.append("</urlset>\n")
    return _xml(lines)


def news_sitemap(request):
    """Google News: what was first published in the last 48 hours, with its headline."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    paper = SiteSettings.for_site(site).paper_name
    column_url = ColumnUrls(request)
    lines = [XML_HEAD, f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n']
    for pk, column_id, title, published, prefix in news_articles(request):
        base = column_url(column_id)
        if not base:
            continue
        title = f"{prefix}|{title}" if prefix else title  # as ``Article.display_title``
        published = timezone.localtime(published).isoformat(timespec="seconds")
        lines.append(
            f"<url><loc>{escape(base)}{pk}.html</loc><news:news>"
            f"<news:publication><news:name>{escape(clean(paper))}</news:name>"
            f"<news:language>{NEWS_LANGUAGE}</news:language></news:publication>"
            f"<news:publication_date>{published}</news:publication_date>"
            f"<news:title>{escape(clean(title))}</news:title>"
            "</news:news></url>\n"
        )
    lines.append("</urlset>\n")
    return _xml(lines)


def clean(text: str) -> str:
    return strip_control_chars(text or "")
