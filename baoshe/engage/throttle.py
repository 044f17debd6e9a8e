"""Which share clicks count: one per reader, article and channel in a window, within a budget.

A share count is only worth showing if a script cannot pump it. A click is counted when it
comes from the share bar (a POST naming this site as its origin; no CSRF token, so the page
can be cached for everyone), from a client that
has not shared this article on this channel within ``BAOSHE_SHARE_WINDOW`` seconds (default an
hour), and that has not used up ``BAOSHE_SHARE_BUDGET`` counted shares (default 30) in the
last hour. The marks live in Django's cache: atomic ``add``/``incr`` on Redis (``REDIS_URL``)
and shared by every server; with the default in-process cache each gunicorn worker keeps its
own marks, which still caps a client at a few counts per window.
"""

from __future__ import annotations

import enum
import hashlib
import re

from django.conf import settings
from django.core.cache import cache

BUDGET_PERIOD = 3600
_BOT = re.compile(
    r"bot\b|bot/|spider|crawl|slurp|facebookexternalhit|python-requests|python-urllib|"
    r"curl/|wget/|httpclient|okhttp|go-http-client|java/|libwww|scrapy|headless-shell",
    re.IGNORECASE,
)


class Verdict(enum.Enum):
    COUNTED = "counted"
    REPEATED = "repeated"  # this client already shared this article on this channel lately
    BOT = "bot"
    OVER_BUDGET = "over_budget"


def window_seconds() -> int:
    return int(getattr(settings, "BAOSHE_SHARE_WINDOW", 3600))


def budget() -> int:
    return int(getattr(settings, "BAOSHE_SHARE_BUDGET", 30))


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or behind ``AXES_IPWARE_PROXY_COUNT`` trusted
    proxies the address the outermost of them saw (earlier X-Forwarded-For hops are the
    client's own claims and could be forged to dodge the limits)."""
    proxies = int(getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0)
    if proxies:
        hops = [
            hop.strip()
            for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if hop.strip()
        ]
        if len(hops) >= proxies:
            return hops[-proxies][:64]
    return request.META.get("REMOTE_ADDR", "")[:64]


def is_bot(request) -> bool:
    agent = request.META.get("HTTP_USER_AGENT", "")
    return not agent.strip() or _BOT.search(agent) is not None


def _key(*parts) -> str:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:32]
    return f"engage:share:{digest}"


def judge(request, article_pk: int, channel: str) -> Verdict:
    """Whether this share click counts; marks it in the cache when it does."""
    if is_bot(request):
        return Verdict.BOT
    ip = client_ip(request)
    if not cache.add(_key("seen", ip, article_pk, channel), 1, timeout=window_seconds()):
        return Verdict.REPEATED
    budget_key = _key("budget", ip)
    cache.add(budget_key, 0, timeout=BUDGET_PERIOD)
    try:
        used = cache.incr(budget_key)
    except ValueError:  # expired between add and incr
        cache.add(budget_key, 1, timeout=BUDGET_PERIOD)
        used = 1
    if used > budget():
        return Verdict.OVER_BUDGET
    return Verdict.COUNTED
