"""Reader views for articles, which live outside the page tree but under their column's URL."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from wagtail.models import PageViewRestriction, Site
from wagtail.wagtail_hooks import require_wagtail_login

from .fragments import unavailable_response
from .models import Article, article_page_context
from .visibility import column_visibility, is_expired


def site_root_path(request) -> str:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("no site")
    return site.root_page.url_path


def restriction_response(request, column):
    """What Wagtail answers on a restricted column, for an article filed under it.

    A reader who has not met the column's view restriction gets the login page or the
    password form, exactly as on the column page itself; None when the reader may read on.
    """
    for restriction in column.get_view_restrictions():
        if restriction.accept_request(request):
            continue
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            from wagtail.forms import PasswordViewRestrictionForm

            form = PasswordViewRestrictionForm(
                instance=restriction, initial={"return_url": request.get_full_path()}
            )
            action_url = reverse(
                "wagtailcore_authenticate_with_password", args=[restriction.id, column.id]
            )
            response = column.serve_password_required_response(request, form, action_url)
        else:
            response = require_wagtail_login(next=request.get_full_path())
        add_never_cache_headers(response)
        return response
    return None


def article_detail(request, column_path: str, pk: str):
    """``/<column path>/<pk>.html``: one indexed lookup by primary key, no tree walk.

    If the article has since moved to another column, the old address redirects to the new
    one, so links printed in QR codes and shared on WeChat keep working. Only what
    ``visibility`` calls readable is served: an article past its expiry time, or filed under
    an unpublished column (or below one), answers 404; under a restricted column the reader
    meets the column's login or password page first.
    """
    if len(pk) > 12:
        raise Http404
    article = (
        Article.objects.filter(pk=int(pk), live=True)
        .select_related("column", "cover_image")
        .first()
    )
    if article is None:
        unavailable = unavailable_response(request, int(pk))  # e.g. 撤稿: 410 with a notice
        if unavailable is not None:
            return unavailable
        raise Http404(gettext("Article not found"))
    visibility = column_visibility(request)
    if is_expired(article) or article.column_id in visibility.unpublished:
        raise Http404(gettext("Article not found"))
    expected_path = article.column.url_path
    requested_path = site_root_path(request) + column_path
    if expected_path != requested_path:
        url = article.get_url(request)
        if not url:
            raise Http404
        return redirect(url, permanent=True)
    restricted = article.column_id in visibility.restricted
    if restricted:
        refused = restriction_response(request, article.column)
        if refused is not None:
            return refused
    response = TemplateResponse(
        request, "newsroom/article_page.html", article_page_context(article, request)
    )
    if restricted:
        add_never_cache_headers(response)
    return response
