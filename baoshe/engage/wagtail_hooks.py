"""What the engage app adds to other apps' pages: the share bar of the article page."""

from wagtail import hooks

from baoshe.newsroom.fragments import ARTICLE_PAGE_FRAGMENT_HOOK, ArticleFragment
from baoshe.newsroom.visibility import article_is_public

from .models import ShareTally


def share_bar_context(article, request) -> dict:
    return {
        "share_count": ShareTally.count_for(article) if article.pk else 0,
        # The share bar (QR code, share counter) is for articles anyone may read.
        "shareable": article_is_public(article, request),
    }


@hooks.register(ARTICLE_PAGE_FRAGMENT_HOOK)
def share_bar_fragment():
    return ArticleFragment("header", "engage/share_bar.html", context=share_bar_context, order=20)
