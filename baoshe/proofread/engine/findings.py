"""Findings and reports: the engine's only output types.

A finding always points at character offsets of the text the caller handed in (``str`` indices,
i.e. code points, end exclusive), so the admin editor can highlight it in place and the CLI can
print it. Everything the workflow needs to decide ("may this be published?") is on ``Report``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How much a finding matters to the review workflow.

    ``block`` findings must be fixed or overridden by a senior editor before publication;
    ``warn`` findings deserve a look; ``info`` findings are style hints.
    """

    BLOCK = "block"
    WARN = "warn"
    INFO = "info"

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        if isinstance(value, Severity):
            return value
        return cls(value.strip().lower())

    @property
    def rank(self) -> int:
        return _RANKS[self]

    @property
    def label(self) -> str:
        return {"block": "必须修改", "warn": "建议修改", "info": "提示"}[self.value]


#: Sort order of severities (a module constant: ``rank`` is read in hot loops).
_RANKS = {Severity.BLOCK: 0, Severity.WARN: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in the text.

    ``field`` says which input the offsets refer to: ``"body"`` (the text being proofread) or
    ``"summary"`` (the 核心提示 passed separately).
    """

    start: int
    end: int
    pack: str
    rule: str
    severity: Severity
    message: str
    suggestion: str | None
    excerpt: str
    field: str = "body"

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "pack": self.pack,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "suggestion": self.suggestion,
            "excerpt": self.excerpt,
            "field": self.field,
        }


@dataclass(slots=True)
class Report:
    """All findings for one text, sorted by position."""

    findings: list[Finding] = field(default_factory=list)
    text_length: int = 0
    packs: tuple[str, ...] = ()
    truncated: bool = False
    #: For HTML input: the extracted text and its map back to the HTML tree (see ``html``).
    source: Any = None

    @property
    def counts(self) -> dict[str, int]:
        counter = Counter(f.severity.value for f in self.findings)
        return {s.value: counter.get(s.value, 0) for s in Severity}

    @property
    def has_blocking(self) -> bool:
        return any(f.severity is Severity.BLOCK for f in self.findings)

    def by_pack(self, pack: str) -> list[Finding]:
        return [f for f in self.findings if f.pack == pack]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text_length": self.text_length,
            "packs": list(self.packs),
            "counts": self.counts,
            "has_blocking": self.has_blocking,
            "truncated": self.truncated,
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.source is not None and hasattr(self.source, "locate"):
            data["html_locations"] = [
                self.source.locate(f.start) if f.field == "body" else None for f in self.findings
            ]
        return data
