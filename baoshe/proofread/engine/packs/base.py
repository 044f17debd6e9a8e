"""What every pack sees (``Document``) and must provide (``Pack``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from ..findings import Finding, Severity
from ..normalize import CJK_CLASS, NormalizedText

CJK_RE = re.compile(f"[{CJK_CLASS}]")
_PARAGRAPH_RE = re.compile(r"[^\n]+")


@dataclass
class Document:
    """The text under review plus the metadata some packs need.

    Expensive views (word segmentation, normalised text) are computed lazily and shared by all
    packs of one run.
    """

    text: str
    publish_date: date | None = None
    summary: str | None = None
    extra: dict = field(default_factory=dict)

    def paragraphs(self) -> Iterator[tuple[int, str]]:
        """``(offset, paragraph)`` for each non-empty line; bounds regex work per paragraph."""
        for m in _PARAGRAPH_RE.finditer(self.text):
            yield m.start(), m.group()

    @cached_property
    def normalized(self) -> NormalizedText:
        return NormalizedText(self.text)

    def chunks(self, max_len: int = 2000) -> Iterator[tuple[int, str]]:
        """``(offset, chunk)``: paragraphs, long ones cut after sentence-final punctuation.

        Keeps per-chunk work (segmentation, token lists) small and memory bounded on huge
        single-line inputs.
        """
        for offset, para in self.paragraphs():
            if len(para) <= max_len:
                yield offset, para
                continue
            pos = 0
            while pos < len(para):
                end = min(pos + max_len, len(para))
                if end < len(para):
                    cut = max(para.rfind(p, pos, end) for p in "。！？；!?;")
                    if cut > pos:
                        end = cut + 1
                yield offset + pos, para[pos:end]
                pos = end


class Pack:
    """Base class: a named family of rules that can be switched on and off."""

    id: str = ""
    label: str = ""
    description: str = ""

    def check(self, doc: Document) -> Iterator[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    def finding(
        self,
        doc: Document,
        start: int,
        end: int,
        rule: str,
        severity: Severity,
        message: str,
        suggestion: str | None = None,
        *,
        field: str = "body",
        source: str | None = None,
    ) -> Finding:
        text = doc.text if source is None else source
        return Finding(
            start=start,
            end=end,
            pack=self.id,
            rule=rule,
            severity=severity,
            message=message,
            suggestion=suggestion,
            excerpt=text[start:end],
            field=field,
        )
