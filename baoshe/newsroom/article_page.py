"""The article page's costly parts, rendered once per published revision and reused.

What the page shows of an article itself (the head's meta tags and JSON-LD, the breadcrumb,
the 核心提示 and body, the tags, the description) only changes when the article is published
again or when the site chrome moves (column titles and prefixes, the page tree, the paper's
name): the parts are rendered to strings and kept in Django's cache (the process's memory, or
Redis when configured) under the article's id, ``latest_revision_id``, ``last_published_at``,
the ``site`` version token, the language and the canonical address. Body rich text, image
renditions, the breadcrumb's ancestors and the tags then cost nothing on the next reader.

Only the live view caches (``article_page_context(..., cache=True)``); the admin preview shows
unsaved content under the same id and always renders afresh.
"""

from __future__ import annotations

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from baoshe.core import chrome, versions

PARTS = ("meta", "breadcrumb", "body", "tags")
CACHE_SECONDS = 24 * 3600


def _breadcrumb_ancestors(column, request) -> list:
    """The column's ancestors shown in the breadcrumb (below the home page), memoised per
    process under the ``site`` token: the tree only changes when a page is published, moved
    or deleted."""
    if column is None or column.pk is None:
        return []

    def load():
        return [page for page in column.get_ancestors() if page.depth > 2]

    return versions.memoized(versions.SITE, ("breadcrumb", column.pk, column.path), load, request)


def render_parts(article, request, paper, canonical_url) -> dict:
    """Each costly part of the article page as HTML, plus the description."""
    context = {
        "request": request,
        "article": article,
        "paper": paper,
        "canonical_url": canonical_url,
        "description": article.description,
        "ancestors": _breadcrumb_ancestors(article.column if article.column_id else None, request),
    }
    parts = {"description": context["description"]}
    for part in PARTS:
        parts[part] = get_template(f"newsroom/includes/article_{part}.html").render(context)
    return parts


def cache_key(article, canonical_url, request=None) -> str | None:
    if not article.pk or not article.live or article.last_published_at is None:
        return None
    return ":".join(
        str(value)
        for value in (
            "newsroom:article-parts:v1",
            article.pk,
            article.latest_revision_id,
            article.last_published_at.timestamp(),
            article.first_published_at.timestamp() if article.first_published_at else "",
            article.column_id,
            versions.current_for(request, versions.SITE),
            get_language(),
            canonical_url,
        )
    )


def article_parts(article, request, canonical_url, use_cache: bool) -> dict:
    """The parts for the page: from the cache when ``use_cache`` and they are there."""
    paper = chrome.settings_for_request(request) if request is not None else None
    key = cache_key(article, canonical_url, request) if use_cache else None
    parts = cache.get(key) if key else None
    if parts is None:
        parts = render_parts(article, request, paper, canonical_url)
        if key:
            cache.set(key, parts, CACHE_SECONDS)
    return {
        name: (value if name == "description" else mark_safe(value))
        for name, value in parts.items()
    }
