"""敏感词/违禁词: administrator-maintained word lists, matched evasion-resistantly.

All terms of all enabled lists go into one Aho-Corasick automaton over *normalised* text
(see ``normalize``): width, case, traditional/simplified and inserted fillers (敏 感 词,
敏*感*词) do not hide a term. Offsets are mapped back to the original text.

Overlaps: when two terms overlap, the longer (then earlier) one is reported, so a list with
both 赌博 and 网络赌博 gives one finding. Exception phrases (``!phrase`` lines) suppress every
match lying inside an occurrence of the phrase.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator
from functools import cache

from ..findings import Finding, Severity
from ..lexicon import data_text
from ..matching import TermMatcher
from ..normalize import normalize_term
from ..wordlists import WordList, WordListEntry, parse_word_list
from .base import Document, Pack


@cache
def demo_word_lists() -> tuple[WordList, ...]:
    """The neutral demo lists shipped with the engine (invented or ad-fraud phrases only)."""
    lists = []
    for fname, name in (("demo_prohibited.txt", "演示违禁词"), ("demo_fraud_ads.txt", "虚假广告")):
        word_list, issues = parse_word_list(data_text(fname), name=name)
        assert not issues, issues  # shipped data is tested to be clean
        lists.append(word_list)
    return tuple(lists)


class SensitivePack(Pack):
    id = "sensitive"
    label = "敏感词"
    description = "管理员维护的敏感词、违禁词表（抗空格、符号、全半角、繁简变形）"

    def __init__(self, word_lists: Iterable[WordList] | None = None, *, include_demo: bool = True):
        lists = list(demo_word_lists()) if include_demo else []
        lists.extend(word_lists or ())
        self.word_lists = [wl for wl in lists if wl.enabled]
        by_key: dict[str, tuple[WordListEntry, str]] = {}
        exceptions: set[str] = set()
        for wl in self.word_lists:
            by_key = _merge(by_key, wl)
            exceptions.update(k for k in map(normalize_term, wl.exceptions) if k)
        self._terms = TermMatcher(by_key)
        self._exceptions = TermMatcher(dict.fromkeys(exceptions))
        self.term_count = len(by_key)

    @classmethod
    def warm_up(cls) -> None:
        demo_word_lists()

    def check(self, doc: Document) -> Iterator[Finding]:
        if not self.term_count or not doc.text:
            return
        norm = doc.normalized
        text = norm.text
        hits = [(s, e, entry, list_name) for s, e, (entry, list_name) in self._terms.iter(text)]
        if not hits:
            return
        excepted = None
        if len(self._exceptions):
            excepted = _SpanCover((s, e) for s, e, _ in self._exceptions.iter(text))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        last_end = -1
        for start, end, entry, list_name in hits:
            if start < last_end:
                continue
            if excepted is not None and excepted.covers(start, end):
                continue
            last_end = end
            o_start, o_end = norm.span_to_original(start, end)
            excerpt = doc.text[o_start:o_end]
            evasive = "（检测到变形写法）" if excerpt != entry.term else ""
            note = f"：{entry.note}" if entry.note else ""
            yield Finding(
                start=o_start,
                end=o_end,
                pack=self.id,
                rule=f"wordlist:{entry.category}",
                severity=entry.severity,
                message=f"命中{list_name}“{entry.term}”（{entry.category}）{evasive}{note}。",
                suggestion=None,
                excerpt=excerpt,
            )


def _merge(
    by_key: dict[str, tuple[WordListEntry, str]], wl: WordList
) -> dict[str, tuple[WordListEntry, str]]:
    """Add ``wl``'s entries to ``by_key``; the stricter entry wins a shared term.

    Lists from ``parse_word_list`` have normalised, unique keys, so the common case is one
    dict comprehension plus a C-level key intersection (a 100,000-term list must load in well
    under a second). Lists with duplicate or missing keys take the per-entry path, where the
    first of two equally strict entries is kept.
    """
    name = wl.name
    fresh = {(e.key or normalize_term(e.term)): (e, name) for e in wl.entries}
    if len(fresh) != len(wl.entries) or "" in fresh:
        for entry in wl.entries:
            key = entry.key or normalize_term(entry.term)
            if not key:
                continue
            old = by_key.get(key)
            if old is None or entry.severity.rank < old[0].severity.rank:
                by_key[key] = (entry, name)
        return by_key
    for key in fresh.keys() & by_key.keys():
        if fresh[key][0].severity.rank >= by_key[key][0].severity.rank:
            fresh[key] = by_key[key]
    if len(fresh) >= len(by_key):
        fresh.update((k, v) for k, v in by_key.items() if k not in fresh)
        return fresh
    by_key.update(fresh)
    return by_key


class _SpanCover:
    """Answers "is [start, end) inside one of these spans?" in O(log n) per query."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._max_end = list(itertools.accumulate((e for _, e in ordered), max))

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start) - 1
        return i >= 0 and self._max_end[i] >= end


__all__ = ["SensitivePack", "Severity", "demo_word_lists"]
