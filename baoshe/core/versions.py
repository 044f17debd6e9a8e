"""Version tokens: a cheap "has this changed?" shared by every process of a site.

What every reader page repeats (the site chrome: the paper's settings, the navigation, the
footer links) is computed once per process and reused while its version token stays the same.
``bump(name)`` changes the token for every process at once; ``current(name)`` costs one
``os.stat`` of a small file under ``<DATA_DIR>/run/versions/`` or, when Redis is configured
(several servers sharing one site), one Redis ``GET``.

``memoized(name, key, compute)`` is the process-level memo built on a token: the value
``compute()`` returned, recomputed when the token of ``name`` moved on.

Tokens in use:

``site``   the chrome and anything derived from the page tree: site settings, friend links,
           any Wagtail page published, unpublished, moved or deleted, sites and view
           restrictions (``core/signals.py`` bumps it after the transaction commits).
``epaper`` anything of the 数字报 (publications, issues, pages, printed stories): the article
           page's 数字报 link (``epaper/signals.py``).
``corrections`` 更正 and 撤稿 requests: the article page's corrections (``workflow/apps.py``).
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings

SITE = "site"
_NO_FILE = "0"

_memo: dict[tuple, tuple[str, object]] = {}
_memo_lock = threading.Lock()
_redis_client = None


def _redis_url() -> str:
    """The Redis shared by the servers, if any: ``settings.REDIS_URL``, else the default
    cache's location when that cache is Redis."""
    url = getattr(settings, "REDIS_URL", "") or ""
    if url:
        return url
    default = settings.CACHES.get("default", {})
    if default.get("BACKEND", "").endswith("RedisCache"):
        location = default.get("LOCATION", "")
        return location[0] if isinstance(location, list | tuple) else location
    return ""


def _redis():
    global _redis_client
    url = _redis_url()
    if _redis_client is None or _redis_client[0] != url:
        import redis

        _redis_client = (url, redis.Redis.from_url(url))
    return _redis_client[1]


def _redis_key(name: str) -> str:
    return f"baoshe:version:{name}"


def directory() -> Path:
    return Path(settings.DATA_DIR) / "run" / "versions"


def _path(name: str) -> Path:
    if not name or not name.replace("-", "").replace("_", "").isalnum():
        raise ValueError(f"bad version name {name!r}")
    return directory() / name


def current(name: str) -> str:
    """The version token of ``name``: changes whenever ``bump(name)`` ran, in any process."""
    if _redis_url():
        value = _redis().get(_redis_key(name))
        return value.decode() if value is not None else _NO_FILE
    try:
        st = os.stat(_path(name))
    except FileNotFoundError:
        return _NO_FILE
    # ``bump`` replaces the file: the new one is created while the old one still exists, so
    # their inode numbers differ, and its mtime only ever moves forward.
    return f"{st.st_ino:x}.{st.st_mtime_ns:x}"


def bump(name: str) -> str:
    """Give ``name`` a new token, visible to every process at once; returns it."""
    if _redis_url():
        return str(_redis().incr(_redis_key(name)))
    path = _path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        previous = os.stat(path).st_mtime_ns
    except FileNotFoundError:
        previous = 0
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{name}.")
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(f"{time.time_ns()}\n")
        stamp = max(time.time_ns(), previous + 1)
        os.utime(temporary, ns=(stamp, stamp))
        os.replace(temporary, path)  # atomic: readers see the old file or the new one
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return current(name)


def bump_on_commit(name: str) -> None:
    """``bump(name)`` once the current transaction commits (at once outside one)."""
    from django.db import transaction

    transaction.on_commit(lambda: bump(name))


def current_for(request, name: str) -> str:
    """``current(name)``, read once per request (one Redis GET a request, not one a value)."""
    if request is None:
        return current(name)
    tokens = request.__dict__.setdefault("_baoshe_versions", {})
    token = tokens.get(name)
    if token is None:
        token = tokens[name] = current(name)
    return token


def memoized(name: str, key, compute, request=None):
    """``compute()``, kept for this process until the token of ``name`` changes.

    ``key`` tells apart the values kept under one token (site, language, page…); it must come
    from a small set, as entries live as long as the token does. With ``request``, the token
    is read once for the whole request.
    """
    token = current_for(request, name)
    entry = _memo.get((name, key))
    if entry is not None and entry[0] == token:
        return entry[1]
    value = compute()
    with _memo_lock:
        stale = [k for k, (t, _) in _memo.items() if k[0] == name and t != token]
        for k in stale:
            del _memo[k]
        _memo[(name, key)] = (token, value)
    return value


def forget(name: str) -> None:
    """Drop this process's values kept under ``name`` (the next use recomputes them)."""
    with _memo_lock:
        for k in [k for k in _memo if k[0] == name]:
            del _memo[k]


def clear_memo() -> None:
    """Forget every memoised value of this process (tests: another process's view)."""
    with _memo_lock:
        _memo.clear()


def cached(name: str, key: str, compute, request=None, timeout: float | None = 86_400):
    """``compute()``, kept in Django's cache under the token of ``name``: for values of many
    keys (one per article), which a process memo would hoard. A change bumps the token, which
    makes every old entry unreachable at once; they age out of the cache on their own."""
    from django.core.cache import cache

    full_key = f"baoshe:v:{name}:{current_for(request, name)}:{key}"
    missing = object()
    value = cache.get(full_key, missing)
    if value is missing:
        value = compute()
        cache.set(full_key, value, timeout)
    return value
