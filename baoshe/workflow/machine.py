"""The 机审 adapter: one call from the workflow to the proofreading service.

``check(article)`` runs ``baoshe.proofread.service.check_article`` over the article's whole
copy (``baoshe.newsroom.copy``) and returns the plain dict the workflow stores with the
revision:

``{"findings": [{field, start, end, rule, pack, severity, message, suggestion, excerpt}],
"has_blocking": bool, "counts": {"block": n, "warn": n, "info": n}, "copy_hash": sha256,
"source": "service"}``

``copy_hash`` is the hash of the copy that was checked: the workflow compares it with the
latest revision's to tell whether a reviewer changed what the reader will see since 机审.
"""

from __future__ import annotations

import datetime as dt

from baoshe.newsroom.copy import FIELD_LABELS

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
__all__ = ["FIELD_LABELS", "FINDING_FIELDS", "SEVERITY_LABELS", "check"]


def check(article, publish_date: dt.date | None = None) -> dict:
    """Run 机审 over ``article`` (usually a revision's object) and return the report dict."""
    from baoshe.proofread.service import check_article

    report = check_article(article, publish_date=publish_date)
    findings = [{k: getattr(f, k, None) for k in FINDING_FIELDS} for f in report.findings]
    for finding in findings:
        severity = finding["severity"]
        finding["severity"] = getattr(severity, "value", severity)
    counts = dict(report.counts)
    for severity in SEVERITY_LABELS:
        counts.setdefault(severity, sum(1 for f in findings if f["severity"] == severity))
    return {
        "findings": findings,
        "has_blocking": bool(report.has_blocking),
        "counts": counts,
        "copy_hash": report.copy_hash,
        "source": "service",
    }
