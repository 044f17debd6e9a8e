"""The proofreading service the rest of baoshe calls: the editor panel, the review workflow
and the ``baoshe proofread`` command.

``get_proofreader()`` builds one engine ``Proofreader`` from the admin configuration and keeps
it for the life of the process: building it parses every word list (a 100,000-term list
takes a few hundred milliseconds), so it must not happen per request. Saving any
configuration row bumps a version token (``signals.py``) in Django's cache, or in the
settings row when the cache is per-process; every process compares its token with the shared
one on each call and rebuilds only when it changed.

``check_article()`` proofreads every text field of an article separately, so each finding's
offsets point into the field the editor typed it in, and returns an ``ArticleReport`` whose
``to_dict()`` the workflow stores with the revision.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.cache import cache, caches
from django.utils import timezone

from .engine import (
    ALL_PACKS,
    Finding,
    Proofreader,
    Report,
    Severity,
    html_to_text,
    looks_like_html,
)
from .engine import WordList as EngineWordList

#: Article fields proofread, in the order the reader page prints them.
ARTICLE_FIELDS: tuple[str, ...] = ("kicker", "title", "subtitle", "summary", "body", "wire_body")
FIELD_LABELS = {
    "kicker": "引题",
    "title": "标题",
    "subtitle": "副题",
    "summary": "核心提示",
    "body": "正文",
    "wire_body": "通稿正文",
}
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


@dataclass(frozen=True, slots=True)
class ArticleFinding:
    """An engine finding placed in an article field.

    ``start``/``end`` are offsets into ``ArticleReport.texts[field]``; ``context`` is that
    text around the finding, with the finding starting at ``context_offset``. Body findings
    also say which StreamField block they are in (``block_index``, ``block_id``).
    """

    field: str
    start: int
    end: int
    pack: str
    rule: str
    severity: Severity
    message: str
    suggestion: str | None
    excerpt: str
    context: str
    context_offset: int
    block_index: int | None = None
    block_id: str | None = None

    @property
    def field_label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)

    @classmethod
    def from_finding(
        cls, finding: Finding, field_name: str, text: str, blocks: Sequence[_Block] = ()
    ) -> ArticleFinding:
        lo = max(0, finding.start - CONTEXT_CHARS)
        hi = min(len(text), finding.end + CONTEXT_CHARS)
        block = next((b for b in blocks if b.start <= finding.start < b.end), None)
        return cls(
            field=field_name,
            start=finding.start,
            end=finding.end,
            pack=finding.pack,
            rule=finding.rule,
            severity=finding.severity,
            message=finding.message,
            suggestion=finding.suggestion,
            excerpt=finding.excerpt,
            context=text[lo:hi],
            context_offset=finding.start - lo,
            block_index=block.index if block else None,
            block_id=block.block_id if block else None,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "pack": self.pack,
            "rule": self.rule,
            "severity": self.severity.value,
            "severity_label": self.severity.label,
            "message": self.message,
            "suggestion": self.suggestion,
            "excerpt": self.excerpt,
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
        )


@dataclass(frozen=True, slots=True)
class _Block:
    start: int
    end: int
    index: int
    block_id: str | None


def article_publish_date(article) -> date:
    """The date the story runs: scheduled go-live, else first publication, else today."""
    moment: datetime | None = article.go_live_at or article.first_published_at
    if moment is None:
        return timezone.localdate()
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.date()


def body_text(article) -> tuple[str, list[_Block]]:
    """The body's proofreadable text, one block per line group, and where each block is.

    Rich-text paragraphs go through the engine's HTML extraction (scripts and styles
    dropped, block elements become line breaks); headings, quotes and captions are plain
    text. Blocks are joined with a line break, so paragraph-level checks see paragraphs.
    """
    parts: list[str] = []
    blocks: list[_Block] = []
    pos = 0
    for index, block in enumerate(article.body or []):
        text = _block_text(block.block_type, block.value)
        if not text.strip():
            continue
        if parts:
            parts.append("\n")
            pos += 1
        parts.append(text)
        blocks.append(_Block(pos, pos + len(text), index, getattr(block, "id", None)))
        pos += len(text)
    return "".join(parts), blocks


def _block_text(block_type: str, value) -> str:
    if block_type == "paragraph":
        source = getattr(value, "source", value)
        return html_to_text(str(source or "")).text
    if block_type == "heading":
        return str(value or "")
    if block_type == "quote":
        lines = [value.get("text") or "", value.get("attribution") or ""]
        return "\n".join(line for line in lines if line.strip())
    if block_type in ("image", "video"):
        return value.get("caption") or ""
    return ""


def check_article(article, *, publish_date: date | None = None) -> ArticleReport:
    """Proofread every text field of ``article`` (saved or not) with the configured rules.

    The 核心提示 is also compared with the body (numbers and dates must agree), and the
    publish date drives the dateline and weekday checks.
    """
    reader = get_proofreader()
    publish = publish_date or article_publish_date(article)
    texts: dict[str, str] = {}
    report = ArticleReport(packs=reader.pack_ids, publish_date=publish)
    body, blocks = body_text(article)
    summary = article.summary or ""
    for name in ARTICLE_FIELDS:
        if name == "body":
            text = body
            result = reader.check(
                text, publish_date=publish, summary=summary if body.strip() else None
            )
        else:
            text = getattr(article, name, "") or ""
            result = reader.check(text, publish_date=publish)
        texts[name] = text
        report.truncated = report.truncated or result.truncated
        for finding in result.findings:
            if finding.field == "summary":  # 核心提示 vs body: offsets are the summary's
                report.findings.append(ArticleFinding.from_finding(finding, "summary", summary))
            else:
                report.findings.append(
                    ArticleFinding.from_finding(
                        finding, name, text, blocks if name == "body" else ()
                    )
                )
    report.texts = texts
    order = {name: i for i, name in enumerate(ARTICLE_FIELDS)}
    report.findings.sort(key=lambda f: (order.get(f.field, 99), f.start, f.end))
    return report
