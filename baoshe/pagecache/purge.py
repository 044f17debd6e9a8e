"""What a change makes stale, and forgetting it: on this server, on the others, at the CDN.

Apps say which reader URLs show an object through the ``pagecache_urls`` hook: a function of
one model instance returning the URL paths (or full URLs) that show it, ``ALL`` for every page
(the paper's name, the navigation and the footer are on all of them), or nothing when the
instance is none of its business. The newsroom answers for articles and columns, publishing for
feeds and sitemaps, the 数字报 for its issues, core for the site settings, the workflow for
corrections.

A saved or deleted instance is purged twice: at once, inside the transaction (so the state
before the change is not kept from now on), and again when the transaction commits (so a page
rendered meanwhile from the old state is thrown away; see ``store``). For a save, the URLs of the
row as it was before are purged too, so an article moved to another column leaves its old
column's pages. When the transaction commits, the purge also goes to the other servers (Redis
pub/sub, ``baoshe pagecache listen``) and to a front cache or CDN (Wagtail's
``frontend_cache`` backends, when ``WAGTAILFRONTENDCACHE`` is set).
"""

import json
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail import hooks

from . import conf
from .store import PageStore

logger = logging.getLogger(__name__)

ALL = "*"
HOOK = "pagecache_urls"
CHANNEL = "baoshe:pagecache:purge"


def urls_for(instance, _depth=0) -> set[str]:
    """The URL paths that show ``instance``, or ``{ALL}``.

    A hook may answer with URL paths, full URLs, a path ending in ``/*`` (that whole subtree),
    or other model instances, which stand for their own URLs (a correction answers with its
    article, and leaves knowing the article's URLs to the newsroom).
    """
    paths = set()
    for hook in hooks.get_hooks(HOOK):
        for url in hook(instance) or ():
            if url == ALL:
                return {ALL}
            if not url:
                continue
            if not isinstance(url, str):
                if _depth < 3:
                    paths |= urls_for(url, _depth + 1)
                    if ALL in paths:
                        return {ALL}
                continue
            paths.add(urlsplit(url).path or "/")
    return paths


def purge_locally(paths: set[str]) -> None:
    if not paths:
        return
    store = PageStore(conf.root())
    if ALL in paths:
        store.purge_all()
    else:
        store.purge(sorted(paths))


def broadcast(paths: set[str]) -> None:
    """Tell the other servers (each runs ``baoshe pagecache listen``) and the front caches."""
    if not paths:
        return
    redis_url = getattr(settings, "REDIS_URL", "")
    if redis_url:
        try:
            import redis

            redis.Redis.from_url(redis_url).publish(CHANNEL, json.dumps(sorted(paths)))
        except Exception:  # a purge must never fail the change; the other servers' copies
            logger.exception("page cache: could not broadcast a purge")  # expire by ETag
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_front_caches(paths)


def purge_front_caches(paths: set[str]) -> None:
    from wagtail.contrib.frontend_cache.utils import purge_url_from_cache, purge_urls_from_cache
    from wagtail.models import Site

    roots = [site.root_url for site in Site.objects.all()]
    if ALL in paths:
        for root in roots:
            purge_url_from_cache(root + "/*")
        return
    purge_urls_from_cache([root + path for root in roots for path in sorted(paths)])


def purge(paths: set[str]) -> None:
    """Forget ``paths`` now and again once the current transaction commits, everywhere."""
    paths = set(paths)
    if not paths:
        return
    purge_locally(paths)

    def after_commit():
        purge_locally(paths)
        broadcast(paths)

    transaction.on_commit(after_commit)


def purge_instance(instance, previous=None) -> None:
    paths = urls_for(instance)
    if previous is not None:
        paths |= urls_for(previous)
    purge({ALL} if ALL in paths else paths)
