"""The ``Proofreader``: configure packs once, check many texts.

Construction does the per-configuration work (building Aho-Corasick automata for the injected
word lists and names); the heavy shared resources (jieba lexicon, shipped data) are
process-wide lazy singletons (see ``lexicon.warm_up``). Build one ``Proofreader`` per set of
admin settings and reuse it; it is read-only after construction and safe to share between
threads.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from datetime import date

import ahocorasick

from .bulk import gc_paused
from .findings import Finding, Report
from .inputs import ExtractedText, html_to_text
from .packs import PACK_CLASSES, Document, Pack
from .packs.adlaw import AdLawPack
from .packs.consistency import ConsistencyPack
from .packs.names import NameEntry, NamesPack
from .packs.numbers import NumbersPack
from .packs.punctuation import PunctuationPack
from .packs.sensitive import SensitivePack
from .packs.typos import Correction, TyposPack
from .packs.usage import UsagePack
from .wordlists import WordList

#: All pack ids in report order.
ALL_PACKS: tuple[str, ...] = tuple(PACK_CLASSES)
#: Reports stop collecting after this many findings (bounded memory on garbage input).
MAX_FINDINGS = 5000


class UnknownPackError(ValueError):
    pass


class Proofreader:
    """Runs the enabled packs over a text and returns a ``Report``.

    :param packs: pack ids to enable (default: all, see ``ALL_PACKS``).
    :param word_lists: extra 敏感词 lists, e.g. loaded from the admin's tables.
    :param names: the newsroom's name/title list for the names pack.
    :param corrections: extra known-wrong forms for the typo pack.
    :param allowlist: terms the desk accepts (brand names, quoted slogans): findings lying
        entirely inside an occurrence are dropped, whatever the pack.
    :param include_demo_lists: also use the shipped demo 敏感词 lists.
    :param include_demo_names: also use the shipped invented demo names.
    :param advertising: the copy is advertising: 广告法 ``warn`` findings become ``block``.
    :param usage_rules: the newsroom's own 规范用语 rule lines (``packs/usage.py`` format):
        added rules, replacements of shipped ones, ``-pattern`` lines switching shipped ones off.
    """

    def __init__(
        self,
        packs: Iterable[str] | None = None,
        *,
        word_lists: Sequence[WordList] = (),
        names: Sequence[NameEntry] = (),
        corrections: Sequence[Correction] = (),
        allowlist: Iterable[str] = (),
        include_demo_lists: bool = True,
        include_demo_names: bool = False,
        advertising: bool = False,
        usage_rules: str = "",
        max_findings: int = MAX_FINDINGS,
    ):
        self.pack_ids = resolve_packs(packs)
        self.max_findings = max_findings
        if include_demo_names:
            from .packs.names import demo_names

            names = [*demo_names(), *names]
        factories = {
            "typo": lambda: TyposPack(corrections),
            "sensitive": lambda: SensitivePack(word_lists, include_demo=include_demo_lists),
            "adlaw": lambda: AdLawPack(advertising=advertising),
            "punctuation": PunctuationPack,
            "numbers": NumbersPack,
            "names": lambda: NamesPack(names),
            "consistency": ConsistencyPack,
            "usage": lambda: UsagePack(usage_rules),
        }
        with gc_paused():  # large word lists: see bulk.py
            self.packs: list[Pack] = [factories[p]() for p in self.pack_ids]
        allow = [t for t in allowlist if t]
        # Names on the list are, by definition, not typos.
        allow.extend(n.name for n in names)
        self._allow = None
        if allow:
            self._allow = ahocorasick.Automaton()
            for term in allow:
                self._allow.add_word(term, len(term))
            self._allow.make_automaton()

    def check(
        self,
        text: str,
        *,
        publish_date: date | None = None,
        summary: str | None = None,
        packs: Iterable[str] | None = None,
    ) -> Report:
        """Proofread plain text. ``packs`` narrows the enabled packs for this call only."""
        wanted = set(resolve_packs(packs)) if packs is not None else None
        active = [p for p in self.packs if wanted is None or p.id in wanted]
        report = Report(text_length=len(text), packs=tuple(p.id for p in active))
        if not text.strip() and not (summary or "").strip():
            return report
        doc = Document(text=text, publish_date=publish_date, summary=summary)
        allowed = self._allowed_spans(text)
        findings: list[Finding] = []
        for pack in active:
            for f in pack.check(doc):
                if (
                    allowed is not None
                    and f.field == "body"
                    and f.pack != "names"
                    and allowed(f.start, f.end)
                ):
                    continue
                findings.append(f)
                if len(findings) >= self.max_findings:
                    report.truncated = True
                    break
            if report.truncated:
                break
        findings.sort(key=lambda f: (f.field != "body", f.start, f.end, f.severity.rank))
        report.findings = _dedupe(findings)
        return report

    def check_html(self, html: str, **kwargs) -> Report:
        """Proofread HTML (Wagtail rich text). Offsets refer to ``report.source.text``;
        ``report.source.locate(offset)`` maps them back to the HTML tree."""
        extracted: ExtractedText = html_to_text(html)
        report = self.check(extracted.text, **kwargs)
        report.source = extracted
        return report

    def _allowed_spans(self, text: str):
        if self._allow is None:
            return None
        spans = sorted((e - n + 1, e + 1) for e, n in self._allow.iter(text))
        if not spans:
            return None
        starts = [s for s, _ in spans]
        max_end = list(itertools.accumulate((e for _, e in spans), max))

        def covered(start: int, end: int) -> bool:
            i = bisect.bisect_right(starts, start) - 1
            return i >= 0 and max_end[i] >= end

        return covered


def resolve_packs(packs: Iterable[str] | None) -> tuple[str, ...]:
    """Validate pack ids (order normalised to ``ALL_PACKS``)."""
    if packs is None:
        return ALL_PACKS
    wanted = [p.strip() for p in packs if p and p.strip()]
    unknown = [p for p in wanted if p not in PACK_CLASSES]
    if unknown:
        raise UnknownPackError(f"未知规则包：{', '.join(unknown)}（可用：{', '.join(ALL_PACKS)}）")
    return tuple(p for p in ALL_PACKS if p in wanted)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Drop exact duplicates (same span, pack and rule) that overlapping rules may produce."""
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.field, f.start, f.end, f.pack, f.rule)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def proofread(text: str, **kwargs) -> Report:
    """One-shot convenience: ``Proofreader()`` with defaults, then ``check``."""
    return Proofreader().check(text, **kwargs)
