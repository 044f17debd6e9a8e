from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from baoshe.newsroom.models import Article

from .models import ShareTally
from .qr import qr_png


def live_article(pk: int) -> Article:
    article = Article.objects.filter(pk=pk, live=True).select_related("column").first()
    if article is None:
        raise Http404("未找到该稿件")
    return article


@require_GET
@cache_control(max_age=86400, public=True)
def article_qr(request, pk: int):
    """PNG QR code of the article's canonical URL, for scanning with WeChat."""
    article = live_article(pk)
    url = article.get_full_url(request)
    if not url:
        raise Http404
    return HttpResponse(qr_png(url), content_type="image/png")


@csrf_exempt  # a counter bump from navigator.sendBeacon; it changes nothing a reader owns
@require_POST
def record_share(request, pk: int, channel: str):
    if channel not in ShareTally.Channel.values:
        raise Http404("未知的分享渠道")
    article = live_article(pk)
    ShareTally.record(article, channel)
    return JsonResponse({"count": ShareTally.count_for(article)})
