"""The proofreading service the rest of baoshe calls: the editor panel, the review workflow
and the ``baoshe proofread`` command.

``get_proofreader()`` builds one engine ``Proofreader`` from the admin configuration and keeps
it for the life of the process: building it parses every word list (a 100,000-term list
takes a few hundred milliseconds), so it must not happen per request. Saving any
configuration row bumps a version token (``signals.py``) in Django's cache, or in the
settings row when the cache is per-process; every process compares its token with the shared
one on each call and rebuilds only when it changed.

``check_article()`` proofreads the article's whole copy (``baoshe.newsroom.copy``: every text
the reader page prints, captions, attributions and the wire block included), each field
separately, so each finding's offsets point into the field the editor typed it in, and returns
an ``ArticleReport`` (with the hash of the copy it checked) whose ``to_dict()`` the workflow
stores with the revision.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from django.core.cache import cache, caches
from django.utils import timezone

from baoshe.newsroom.copy import FIELD_LABELS as COPY_FIELD_LABELS
from baoshe.newsroom.copy import FIELDS as COPY_FIELDS
from baoshe.newsroom.copy import CopyPart, CopyText, article_copy, body_copy, hash_copy

from .engine import (
    ALL_PACKS,
    Finding,
    Proofreader,
    Report,
    Severity,
    looks_like_html,
)
from .engine import WordList as EngineWordList

#: Article fields proofread: the article's whole copy (``baoshe.newsroom.copy``), in the order
#: the reader page prints them.
ARTICLE_FIELDS: tuple[str, ...] = COPY_FIELDS
FIELD_LABELS = COPY_FIELD_LABELS
#: Characters of field text kept on each side of a finding in ``ArticleFinding.context``.
CONTEXT_CHARS = 20
REPORT_VERSION = 1

_VERSION_KEY = "baoshe:proofread:config-version"
_lock = threading.Lock()
_cached: tuple[str, Proofreader] | None = None
_local_generation = 0


# --- the cached, configured proofreader ------------------------------------------------------


def _cache_is_shared() -> bool:
    """Is Django's cache visible to other processes (Redis, Memcached, database)?"""
    from django.core.cache.backends.dummy import DummyCache
    from django.core.cache.backends.locmem import LocMemCache

    # ``cache`` is a proxy; the backend instance is ``caches["default"]``.
    return not isinstance(caches["default"], LocMemCache | DummyCache)


def config_version() -> str:
    """The shared configuration token (plus this process's own change counter).

    With a shared cache the token is one cache read. With a per-process cache (LocMemCache,
    the default without ``REDIS_URL``, run under several gunicorn workers) it is read from
    the settings row instead, one primary-key query, so a change made through one worker
    reaches the others. The local counter covers changes made in this very process.
    """
    if not _cache_is_shared():
        from .models import ProofreadSettings

        token = ProofreadSettings.objects.values_list("config_version", flat=True).first()
        return f"db:{token}:{_local_generation}"
    token = cache.get(_VERSION_KEY)
    if token is None:
        cache.add(_VERSION_KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(_VERSION_KEY)
    return f"{token}:{_local_generation}"


def bump_config_version() -> None:
    """Mark the configuration as changed: every process rebuilds on its next call."""
    global _local_generation
    _local_generation += 1
    token = uuid.uuid4().hex
    if _cache_is_shared():
        cache.set(_VERSION_KEY, token, timeout=None)
        return
    from .models import ProofreadSettings

    # ``update`` sends no signal, so this cannot recurse into the signal handler.
    if not ProofreadSettings.objects.update(config_version=token):
        ProofreadSettings.objects.create(config_version=token)


def build_proofreader(
    *, extra_word_lists: Sequence[EngineWordList] = (), packs: Iterable[str] | None = None
) -> Proofreader:
    """A new ``Proofreader`` from the database configuration (not cached).

    ``packs`` replaces the configured pack selection (the CLI's ``--packs``).
    """
    from .models import CorrectionRule, NameEntry, ProofreadSettings, WordList

    settings = ProofreadSettings.objects.first() or ProofreadSettings()
    word_lists = [wl.to_engine() for wl in WordList.objects.filter(enabled=True)]
    return Proofreader(
        settings.enabled_packs if packs is None else packs,
        word_lists=[*word_lists, *extra_word_lists],
        names=[n.to_engine() for n in NameEntry.objects.filter(enabled=True)],
        corrections=[c.to_engine() for c in CorrectionRule.objects.filter(enabled=True)],
        allowlist=settings.allowlist_terms,
        include_demo_lists=settings.include_demo_lists,
        advertising=settings.advertising,
        usage_rules=settings.usage_rules,
        max_findings=settings.max_findings,
    )


def get_proofreader() -> Proofreader:
    """The configured ``Proofreader``, built once and rebuilt only after a config change."""
    global _cached
    version = config_version()
    cached = _cached
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        if _cached is not None and _cached[0] == version:
            return _cached[1]
        reader = build_proofreader()
        _cached = (version, reader)
        return reader


def check_text(
    text: str,
    *,
    publish_date: date | None = None,
    summary: str | None = None,
    packs: Iterable[str] | None = None,
    html: bool | None = None,
) -> Report:
    """Plain text or HTML (auto-detected unless ``html`` is given) through the configured
    proofreader. For HTML, offsets refer to ``report.source.text``."""
    reader = get_proofreader()
    kwargs = {"publish_date": publish_date, "summary": summary, "packs": packs}
    if html if html is not None else looks_like_html(text):
        return reader.check_html(text, **kwargs)
    return reader.check(text, **kwargs)


# --- article reports ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleFinding(Finding):
    """An engine finding placed in an article field.

    ``start``/``end`` are offsets into ``ArticleReport.texts[field]``; ``context`` is that
    text around the finding, with the finding starting at ``context_offset``. Body findings
    also say which StreamField block they are in (``block_index``, ``block_id``).
    """

    context: str
    context_offset: int
    block_index: int | None = None
    block_id: str | None = None

    @property
    def field_label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)

    @classmethod
    def from_finding(
        cls, finding: Finding, field_name: str, text: str, copy: CopyText | None = None
    ) -> ArticleFinding:
        lo = max(0, finding.start - CONTEXT_CHARS)
        hi = min(len(text), finding.end + CONTEXT_CHARS)
        part = copy.block_at(finding.start) if copy is not None else None
        placed = {f.name: getattr(finding, f.name) for f in fields(Finding)}
        placed["field"] = field_name
        return cls(
            **placed,
            context=text[lo:hi],
            context_offset=finding.start - lo,
            block_index=part.block_index if part else None,
            block_id=part.block_id if part else None,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            **Finding.to_dict(self),
            "severity_label": self.severity.label,
            "context": self.context,
            "context_offset": self.context_offset,
            "block_index": self.block_index,
            "block_id": self.block_id,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleFinding:
        return cls(
            field=data["field"],
            start=int(data["start"]),
            end=int(data["end"]),
            pack=data["pack"],
            rule=data["rule"],
            severity=Severity.parse(data["severity"]),
            message=data.get("message", ""),
            suggestion=data.get("suggestion"),
            excerpt=data.get("excerpt", ""),
            context=data.get("context", ""),
            context_offset=int(data.get("context_offset", 0)),
            block_index=data.get("block_index"),
            block_id=data.get("block_id"),
        )


@dataclass(slots=True)
class ArticleReport:
    """All findings of one article, per field; what the workflow stores with a revision."""

    findings: list[ArticleFinding] = field(default_factory=list)
    #: The proofread text of each field (the body as extracted from its blocks).
    texts: dict[str, str] = field(default_factory=dict)
    packs: tuple[str, ...] = ALL_PACKS
    publish_date: date | None = None
    truncated: bool = False
    #: ``baoshe.newsroom.copy.copy_hash`` of the copy that was proofread.
    copy_hash: str = ""

    @property
    def has_blocking(self) -> bool:
        return any(f.severity is Severity.BLOCK for f in self.findings)

    @property
    def counts(self) -> dict[str, int]:
        counter = Counter(f.severity.value for f in self.findings)
        return {s.value: counter.get(s.value, 0) for s in Severity}

    def for_field(self, name: str) -> list[ArticleFinding]:
        return [f for f in self.findings if f.field == name]

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable and stable: keys and meanings only ever get added."""
        return {
            "version": REPORT_VERSION,
            "publish_date": self.publish_date.isoformat() if self.publish_date else None,
            "packs": list(self.packs),
            "truncated": self.truncated,
            "has_blocking": self.has_blocking,
            "counts": self.counts,
            "texts": dict(self.texts),
            "findings": [f.to_dict() for f in self.findings],
            "copy_hash": self.copy_hash,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleReport:
        published = data.get("publish_date")
        return cls(
            findings=[ArticleFinding.from_dict(f) for f in data.get("findings", [])],
            texts=dict(data.get("texts", {})),
            packs=tuple(data.get("packs", ALL_PACKS)),
            publish_date=date.fromisoformat(published) if published else None,
            truncated=bool(data.get("truncated", False)),
            copy_hash=data.get("copy_hash", ""),
        )


def article_publish_date(article) -> date:
    """The date the story runs: scheduled go-live, else first publication, else today.

    Dates are the newsroom's (``settings.TIME_ZONE``, Asia/Shanghai), not the reviewing
    editor's own admin time zone: a story published at 01:00 Beijing time runs that day.
    This is what the weekday and dateline checks resolve a year-less "11月27日（星期五）"
    against, for the editor's check and the workflow's 机审 alike.
    """
    newsroom_tz = timezone.get_default_timezone()
    moment: datetime | None = article.go_live_at or article.first_published_at
    if moment is None:
        return timezone.localdate(timezone=newsroom_tz)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment, newsroom_tz)
    return moment.date()


def body_text(article) -> tuple[str, tuple[CopyPart, ...]]:
    """The body's proofreadable text (every printed text of every block, one per line) and
    where each part is; ``baoshe.newsroom.copy.body_copy`` defines it."""
    body = body_copy(article)
    return body.text, body.parts


def check_article(article, *, publish_date: date | None = None) -> ArticleReport:
    """Proofread the whole copy of ``article`` (saved or not) with the configured rules.

    Each field of ``baoshe.newsroom.copy.article_copy`` is proofread on its own, so a
    finding's offsets point into the field the editor typed it in (body findings also name
    their block). The 核心提示 is compared with the body (numbers and dates must agree), and
    the publish date drives the dateline and weekday checks. The report carries the hash of
    the copy it checked, which the workflow compares to tell whether the copy changed since.
    """
    reader = get_proofreader()
    publish = publish_date or article_publish_date(article)
    report = ArticleReport(packs=reader.pack_ids, publish_date=publish)
    copy = article_copy(article)
    by_field = {item.field: item for item in copy}
    summary = by_field["summary"].text
    texts: dict[str, str] = {}
    for item in copy:
        text = item.text
        texts[item.field] = text
        if not text.strip():
            continue
        if item.field == "body":
            result = reader.check(text, publish_date=publish, summary=summary or None)
        else:
            result = reader.check(text, publish_date=publish)
        report.truncated = report.truncated or result.truncated
        for finding in result.findings:
            if finding.field == "summary":  # 核心提示 vs body: offsets are the summary's
                report.findings.append(ArticleFinding.from_finding(finding, "summary", summary))
            else:
                report.findings.append(ArticleFinding.from_finding(finding, item.field, text, item))
    report.texts = texts
    report.copy_hash = hash_copy(copy)
    order = {name: i for i, name in enumerate(ARTICLE_FIELDS)}
    report.findings.sort(key=lambda f: (order.get(f.field, 99), f.start, f.end))
    return report
