"""What the engage app adds to other apps' pages: the share bar of the article page."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail import hooks

from baoshe.newsroom.fragments import ARTICLE_PAGE_FRAGMENT_HOOK, ArticleFragment
from baoshe.newsroom.visibility import article_is_public

SHARE_BAR_SECONDS = 24 * 3600


def share_bar_context(article, request) -> dict:
    """The share bar as HTML, rendered once per article, title, address and language.

    The count is not printed: the share bar fetches it (``views.share_count``), so a page
    served from a cache shows the current number, and nothing in the bar changes from one
    reader to the next (no CSRF token either), so the rendered bar is kept in Django's cache.
    """
    # The share bar (QR code, share counter) is for articles anyone may read.
    shareable = article_is_public(article, request)
    canonical_url = article.get_full_url(request) or settings.BAOSHE_BASE_URL
    context = {"article": article, "canonical_url": canonical_url, "shareable": shareable}
    if not article.pk:  # an unsaved preview
        return {"share_bar": mark_safe(_render(context))}
    digest = hashlib.sha256(
        "|".join(
            (str(article.pk), article.display_title, canonical_url, str(shareable), get_language())
        ).encode()
    ).hexdigest()[:32]
    key = f"engage:share-bar:v1:{digest}"
    html = cache.get(key)
    if html is None:
        html = _render(context)
        cache.set(key, html, SHARE_BAR_SECONDS)
    return {"share_bar": mark_safe(html)}


def _render(context) -> str:
    return get_template("engage/share_bar_body.html").render(context)


@hooks.register(ARTICLE_PAGE_FRAGMENT_HOOK)
def share_bar_fragment():
    return ArticleFragment("header", "engage/share_bar.html", context=share_bar_context, order=20)
