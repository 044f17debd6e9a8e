"""The 机审 adapter: one call from the workflow to the proofreading service.

The service (``baoshe.proofread.service.check_article``) belongs to the proofread app and is
imported lazily, on first use, so this app does not depend on it at import time. Until that
module exists the adapter runs the pure engine itself over the same text (title, 核心提示 and
body), which gives findings of the same shape. Either way the workflow stores a plain dict:

``{"findings": [{field, start, end, rule, pack, severity, message, suggestion, excerpt}],
"has_blocking": bool, "counts": {"block": n, "warn": n, "info": n}, "source": "service"|"engine"}``
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

FINDING_FIELDS = (
    "field",
    "start",
    "end",
    "rule",
    "pack",
    "severity",
    "message",
    "suggestion",
    "excerpt",
)
SEVERITY_LABELS = {"block": "阻断", "warn": "警告", "info": "提示"}
FIELD_LABELS = {
    "body": "正文",
    "summary": "核心提示",
    "title": "标题",
    "kicker": "引题",
    "subtitle": "副题",
    "wire_headline": "通稿标题",
    "wire_body": "通稿正文",
}
_service_ready = False


def _service():
    """``check_article`` once the proofread app and its tables exist, else None."""
    global _service_ready
    try:
        from baoshe.proofread.service import check_article
    except ImportError:
        return None
    if not _service_ready:
        from django.apps import apps
        from django.db import connection

        try:
            model = apps.get_model("proofread", "ProofreadSettings")
        except LookupError:
            return None
        if model._meta.db_table not in connection.introspection.table_names():
            return None
        _service_ready = True
    return check_article


@lru_cache(maxsize=1)
def _engine():
    from baoshe.proofread.engine import Proofreader

    return Proofreader()


def _engine_check(article, publish_date=None) -> dict:
    """Fallback until ``baoshe.proofread.service`` lands: title and body as text, plus summary."""
    paragraphs = [article.title, *article.plain_paragraphs()]
    if article.wire_body.strip():
        paragraphs.append(article.wire_body)
    report = _engine().check(
        "\n".join(p for p in paragraphs if p), publish_date=publish_date, summary=article.summary
    )
    data = report.to_dict()
    return {
        "findings": [{k: f.get(k) for k in FINDING_FIELDS} for f in data["findings"]],
        "has_blocking": bool(data["has_blocking"]),
        "counts": dict(data["counts"]),
        "source": "engine",
    }


def _normalise(report) -> dict:
    findings = [{k: getattr(f, k, None) for k in FINDING_FIELDS} for f in report.findings]
    counts = dict(getattr(report, "counts", {}) or {})
    for severity in SEVERITY_LABELS:
        counts.setdefault(severity, sum(1 for f in findings if f["severity"] == severity))
    return {
        "findings": findings,
        "has_blocking": bool(report.has_blocking),
        "counts": counts,
        "source": "service",
    }


def check(article, publish_date: dt.date | None = None) -> dict:
    """Run 机审 over ``article`` (usually a revision's object) and return the report dict."""
    check_article = _service()
    if check_article is not None:
        return _normalise(check_article(article, publish_date=publish_date))
    if publish_date is None:
        from django.utils import timezone

        when = article.go_live_at or article.first_published_at or dt.datetime.now(dt.UTC)
        publish_date = timezone.localtime(when).date()
    return _engine_check(article, publish_date=publish_date)
