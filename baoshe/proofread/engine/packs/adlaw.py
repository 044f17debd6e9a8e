"""广告法: absolute and promotional terms banned in advertising (《广告法》第九条).

News copy is not advertising, but advertorials (软文) and sponsored content are, and they
pass through the same editor. Hence the design:

* only *compounds* that are promotional are listed (销量第一, 第一品牌), never bare 第一 or
  最: 第一次, 第一季度, 第一书记, 最高人民法院 are ordinary news language;
* institutional names that contain a listed term (国家级新区, 国家级非物质文化遗产, 最佳男主角)
  are listed as allowed phrases and suppress the match;
* nothing blocks: ``warn`` for terms promotional in almost any context, ``info`` for terms that
  are frequently neutral. ``Proofreader(advertising=True)`` raises warn to block for copy
  the desk has marked as advertising.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import ahocorasick

from ..findings import Finding, Severity
from ..lexicon import data_rows, data_text
from .base import Document, Pack


@cache
def _automata() -> tuple[ahocorasick.Automaton, ahocorasick.Automaton]:
    terms = ahocorasick.Automaton()
    for row in data_rows("adlaw_terms.tsv"):
        sev = Severity.parse(row[1]) if len(row) > 1 and row[1] else Severity.WARN
        note = row[2] if len(row) > 2 else ""
        terms.add_word(row[0], (row[0], sev, note))
    terms.make_automaton()
    allow = ahocorasick.Automaton()
    for line in data_text("adlaw_allow.txt").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            allow.add_word(line, len(line))
    allow.make_automaton()
    return terms, allow


class AdLawPack(Pack):
    id = "adlaw"
    label = "广告法"
    description = "《广告法》禁用的绝对化用语（机构名称等合法用法已排除）"

    def __init__(self, *, advertising: bool = False):
        self.advertising = advertising

    @classmethod
    def warm_up(cls) -> None:
        _automata()

    def check(self, doc: Document) -> Iterator[Finding]:
        terms, allow = _automata()
        for offset, chunk in doc.chunks():
            hits = [(e - len(t[0]) + 1, e + 1, t) for e, t in terms.iter(chunk)]
            if not hits:
                continue
            allowed = [(e - n + 1, e + 1) for e, n in allow.iter(chunk)]
            hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
            last_end = -1
            for start, end, (term, sev, note) in hits:
                if start < last_end or any(s <= start and end <= e for s, e in allowed):
                    continue
                last_end = end
                if self.advertising and sev is Severity.WARN:
                    sev = Severity.BLOCK
                extra = f"（{note}）" if note else ""
                yield self.finding(
                    doc,
                    offset + start,
                    offset + end,
                    "absolute-term",
                    sev,
                    f"“{term}”属于《广告法》禁止的绝对化用语{extra}；"
                    "若为广告或软文须删改，新闻引述请核实。",
                    None,
                )
