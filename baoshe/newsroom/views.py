"""Reader views for articles, which live outside the page tree but under their column's URL."""

from django.db import connection
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from wagtail.models import PageViewRestriction
from wagtail.wagtail_hooks import require_wagtail_login

from baoshe.core import chrome, versions
from baoshe.core.public import mark_public

from . import visibility as visibility_module
from .fragments import unavailable_response
from .models import Article, article_page_context
from .visibility import column_visibility, is_expired


def site_root_path(request) -> str:
    site = chrome.site_for_request(request)  # memoised: no query
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


_SENTINEL_PK = -7_310_417_923  # never an id: marks where the id goes in the compiled SQL
_live_article_sql: dict[str, tuple[str, list, int]] = {}


def live_article(pk: int) -> Article | None:
    """The live article ``pk``, or None: ``Article.objects.filter(pk=pk, live=True)[:1]``,
    compiled to SQL once per process and database (building and compiling the queryset cost
    more than running it)."""
    compiled = _live_article_sql.get(connection.vendor)
    if compiled is None:
        query = Article.objects.filter(pk=_SENTINEL_PK, live=True)[:1].query
        sql, params = query.get_compiler(connection=connection).as_sql()
        params = list(params)
        compiled = (sql, params, params.index(_SENTINEL_PK))
        _live_article_sql[connection.vendor] = compiled
    sql, params, index = compiled
    params = list(params)
    params[index] = pk
    return next(iter(Article.objects.raw(sql, params)), None)


def columns_by_pk(request=None) -> dict:
    """Every column by id, memoised per process under the ``site`` token (columns are pages:
    publishing, moving or deleting one bumps it). Shared, read-only instances."""
    from .models import ColumnPage

    return versions.memoized(
        versions.SITE,
        "columns",
        lambda: {column.pk: column for column in ColumnPage.objects.all()},
        request,
    )


def remember_column_visibility(request) -> None:
    """Put the columns' visibility on the request from the process memo: it follows the page
    tree and its view restrictions, which bump the ``site`` version when they change."""
    if getattr(request, visibility_module._REQUEST_ATTR, None) is None:
        setattr(
            request,
            visibility_module._REQUEST_ATTR,
            versions.memoized(
                versions.SITE,
                "column-visibility",
                visibility_module.compute_column_visibility,
                request,
            ),
        )


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
    # The article's row alone (no ordering, no joins): its column comes from the process memo.
    article = live_article(int(pk))
    if article is None:
        unavailable = unavailable_response(request, int(pk))  # e.g. 撤稿: 410 with a notice
        if unavailable is not None:
            return unavailable
        raise Http404(gettext("Article not found"))
    column = columns_by_pk(request).get(article.column_id)
    if column is not None:
        article.column = column
    remember_column_visibility(request)
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
        request, "newsroom/article_page.html", article_page_context(article, request, cache=True)
    )
    if restricted:
        add_never_cache_headers(response)
    else:
        mark_public(response)  # the same page for every reader: a page cache may keep it
    return response
