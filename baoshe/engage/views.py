"""The share bar's server side: the WeChat QR code and the share counter.

Both serve public articles only (``newsroom.visibility``): a draft, a scheduled, expired or
withdrawn piece, or one under a restricted or unpublished column, answers 404. Counts come
only from real share clicks (``throttle``); opening the WeChat QR dialog is not a share.
"""

from urllib.parse import urlsplit

from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from baoshe.newsroom.models import Article
from baoshe.newsroom.visibility import article_is_public

from . import throttle
from .models import ShareTally
from .qr import qr_png


def public_article(request, pk: int) -> Article:
    article = Article.objects.filter(pk=pk, live=True).select_related("column").first()
    if not article_is_public(article, request):
        raise Http404(_("Article not found"))
    return article


@require_GET
@cache_control(max_age=86400, public=True)
def article_qr(request, pk: int):
    """PNG QR code of the article's canonical URL, for scanning with WeChat."""
    article = public_article(request, pk)
    url = article.get_full_url(request)
    if not url:
        raise Http404
    return HttpResponse(qr_png(url), content_type="image/png")


# How long a browser or proxy may reuse an article's share count (the page itself may come
# from a page cache, so the count is fetched apart, see ``share_count``).
COUNT_MAX_AGE = 60


def from_this_site(request) -> bool:
    """Whether the POST names this site as its origin (browsers send Origin with a fetch
    POST; Referer as a fallback), and the browser, when it says (``Sec-Fetch-Site``), calls
    it a same-origin request. A bare POST from a script names none."""
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None and fetch_site != "same-origin":
        return False
    source = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER") or ""
    if not source or source == "null":
        return False
    parts = urlsplit(source)
    return f"{parts.scheme}://{parts.netloc}" == f"{request.scheme}://{request.get_host()}"


@require_GET
@cache_control(max_age=COUNT_MAX_AGE, public=True)
def share_count(request, pk: int):
    """``{"count": n}``: the article's share total, which the share bar fetches on load.

    Kept out of the article's HTML so that a cached page never shows a stale number and a
    cold render of the article pays no query for it.
    """
    article = public_article(request, pk)
    return JsonResponse({"count": ShareTally.count_for(article)})


@never_cache
@csrf_exempt  # the page may come from a shared cache: no per-reader token in it
@require_POST
def record_share(request, pk: int, channel: str):
    """Count one share click from the share bar; answer the article's total.

    No CSRF token: a count is not an action on a reader's behalf, and the page carrying the
    share bar is the same for every reader. What stands instead: POST only, the request must
    name this site as its origin (``from_this_site``), and ``throttle`` counts one click per
    client, article and channel in a window within a per-client budget.
    """
    if channel not in ShareTally.COUNTED_CHANNELS:
        raise Http404(_("Unknown share channel"))
    article = public_article(request, pk)
    if not from_this_site(request):
        return JsonResponse(
            {"error": _("Only shares from this site's pages are counted.")}, status=403
        )
    verdict = throttle.judge(request, article.pk, channel)
    if verdict is throttle.Verdict.OVER_BUDGET:
        return JsonResponse(
            {
                "error": _("Too many shares; please try again later."),
                "count": ShareTally.count_for(article),
            },
            status=429,
            headers={"Retry-After": str(throttle.BUDGET_PERIOD)},
        )
    counted = verdict is throttle.Verdict.COUNTED
    if counted:
        ShareTally.record(article, channel)
    return JsonResponse({"count": ShareTally.count_for(article), "counted": counted})
