"""Reader views for articles, which live outside the page tree but under their column's URL."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.models import Site

from .models import Article, article_page_context


def site_root_path(request) -> str:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("no site")
    return site.root_page.url_path


def article_detail(request, column_path: str, pk: str):
    """``/<column path>/<pk>.html``: one indexed lookup by primary key, no tree walk.

    If the article has since moved to another column, the old address redirects to the new
    one, so links printed in QR codes and shared on WeChat keep working.
    """
    if len(pk) > 12:
        raise Http404
    article = (
        Article.objects.filter(pk=int(pk), live=True)
        .select_related("column", "cover_image")
        .first()
    )
    if article is None:
        from baoshe.workflow.views import withdrawn_response

        withdrawn = withdrawn_response(request, int(pk))  # 撤稿: 410 with a notice
        if withdrawn is not None:
            return withdrawn
        raise Http404("未找到该稿件")
    expected_path = article.column.url_path
    requested_path = site_root_path(request) + column_path
    if expected_path != requested_path:
        url = article.get_url(request)
        if not url:
            raise Http404
        return redirect(url, permanent=True)
    return TemplateResponse(
        request, "newsroom/article_page.html", article_page_context(article, request)
    )
