"""How other apps extend the newsroom's article: page fragments, editor tabs, unavailable answers.

Fragments other apps put on the article page, at named slots of the article template.

The newsroom does not know the apps that decorate its article page. An app registers a
fragment from its ``wagtail_hooks.py``::

    @hooks.register(ARTICLE_PAGE_FRAGMENT_HOOK)
    def share_bar():
        return ArticleFragment("header", "engage/share_bar.html", context=share_context)

and ``{% article_fragments "header" %}`` renders every fragment registered for that slot, in
``order``, like an ``{% include %}`` of its template with the page's context plus what the
fragment's ``context(article, request)`` returns.

Slots of ``newsroom/article_page.html``:

``header_start``  first thing in the story header (the 数字报 link)
``header``        end of the story header, after the byline (print edition link, share bar)
``before_body``   between the header and the 核心提示 (corrections)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks

ARTICLE_PAGE_FRAGMENT_HOOK = "register_article_page_fragment"
# Called as ``fn(request, pk)`` for an article that is not live; the first response wins
# (the workflow app answers 410 for a withdrawn article).
ARTICLE_UNAVAILABLE_RESPONSE_HOOK = "article_unavailable_response"
# Called as ``fn()``, returning a panel (e.g. ``ObjectList([...], heading=...)``) added as a tab of
# the article editor after the newsroom's own (the 机审 tab of ``proofread``).
ARTICLE_EDIT_TAB_HOOK = "register_article_edit_tab"
SLOTS = ("header_start", "header", "before_body")


@dataclass(frozen=True)
class ArticleFragment:
    slot: str
    template: str
    context: Callable | None = None
    order: int = 100

    def __post_init__(self):
        if self.slot not in SLOTS:
            raise ValueError(f"unknown article page slot {self.slot!r}; one of {SLOTS}")


def article_fragments(slot: str) -> list[ArticleFragment]:
    """The fragments registered for ``slot``, in order."""
    fragments = [fn() for fn in hooks.get_hooks(ARTICLE_PAGE_FRAGMENT_HOOK)]
    return sorted((f for f in fragments if f.slot == slot), key=lambda f: f.order)


def unavailable_response(request, pk: int):
    """What another app answers for an article that is not live, or None (then 404)."""
    for fn in hooks.get_hooks(ARTICLE_UNAVAILABLE_RESPONSE_HOOK):
        response = fn(request, pk)
        if response is not None:
            return response
    return None
