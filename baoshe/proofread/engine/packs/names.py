"""人名职务: names and titles from the newsroom's own list.

Getting an official's name or title wrong is the correction newsrooms fear most, so the list
is data the desk maintains (injected per call, e.g. from the database) and findings block:

``variant``        a known misspelling of a listed name (李明化 -> 李明华);
``title``          a title written right next to a listed name that differs from the list
                   (副市长李明华 or 李明华书记 when the list says 市长);
``title-order``    the right title on the wrong side of the name. Each entry says which order
                   is canonical (``title_position="before"``: 市长李明华, the common wire style;
                   ``"after"``: 李明华市长). Order is style, hence ``info``.

Only titles touching the name are judged ("市长李明华" / "李明华市长"); "李明华表示，市长…"
is left alone, because in running text the nearest title often belongs to someone else.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

import ahocorasick

from ..findings import Finding, Severity
from ..lexicon import data_rows
from .base import Document, Pack

#: Separators an editor may type between the variants of a name (full-width and ASCII).
VARIANT_SEPARATORS = ("，", "、", ";", "；", " ")

#: Titles recognised next to a name even when no list entry uses them (longest match wins).
COMMON_TITLES = [
    "市长",
    "副市长",
    "常务副市长",
    "代市长",
    "市委书记",
    "市委副书记",
    "书记",
    "副书记",
    "省长",
    "副省长",
    "代省长",
    "省委书记",
    "县长",
    "副县长",
    "县委书记",
    "区长",
    "副区长",
    "区委书记",
    "镇长",
    "副镇长",
    "乡长",
    "村支书",
    "主任",
    "副主任",
    "局长",
    "副局长",
    "厅长",
    "副厅长",
    "处长",
    "副处长",
    "科长",
    "部长",
    "副部长",
    "主席",
    "副主席",
    "总理",
    "副总理",
    "秘书长",
    "副秘书长",
    "董事长",
    "副董事长",
    "总经理",
    "副总经理",
    "总裁",
    "副总裁",
    "院长",
    "副院长",
    "校长",
    "副校长",
    "所长",
    "副所长",
    "主编",
    "副主编",
    "总编辑",
    "社长",
    "副社长",
    "委员",
    "常委",
    "会长",
    "副会长",
    "理事长",
    "教授",
    "副教授",
    "研究员",
    "队长",
    "副队长",
    "站长",
    "馆长",
    "行长",
    "副行长",
    "检察长",
    "副检察长",
    "庭长",
    "法官",
    "大使",
]


@dataclass(frozen=True, slots=True)
class NameEntry:
    """One person on the newsroom's list.

    ``title_position``: ``"before"`` (市长李明华), ``"after"`` (李明华市长) or ``None``
    (either order is fine).
    """

    name: str
    title: str | None = None
    variants: tuple[str, ...] | list[str] = field(default_factory=tuple)
    title_position: str | None = "before"
    note: str = ""


@cache
def demo_names() -> tuple[NameEntry, ...]:
    """Invented demo people (data/demo_names.tsv); no real persons."""
    out = []
    for row in data_rows("demo_names.tsv"):
        name, title = row[0], (row[1] if len(row) > 1 and row[1] else None)
        variants = tuple(v for v in row[2].split(",") if v) if len(row) > 2 else ()
        position = row[3] if len(row) > 3 and row[3] else "before"
        out.append(NameEntry(name, title, variants, None if position == "any" else position))
    return tuple(out)


class NamesPack(Pack):
    id = "names"
    label = "人名职务"
    description = "对照名录检查人名写法、职务及职务位置"

    def __init__(self, names: Iterable[NameEntry] = ()):
        self.entries = list(names)
        self._automaton = ahocorasick.Automaton()
        titles = set(COMMON_TITLES)
        for e in self.entries:
            self._automaton.add_word(e.name, ("name", e.name, e))
            for v in e.variants:
                if v and v != e.name:
                    self._automaton.add_word(v, ("variant", v, e))
            if e.title:
                titles.add(e.title)
        self._titles = sorted(titles, key=len, reverse=True)
        self._max_title = max((len(t) for t in titles), default=0)
        self._active = bool(self.entries)
        if self._active:
            self._automaton.make_automaton()

    def check(self, doc: Document) -> Iterator[Finding]:
        if not self._active:
            return
        text = doc.text
        hits = []
        for end, (kind, form, entry) in self._automaton.iter(text):
            hits.append((end - len(form) + 1, end + 1, kind, entry))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        last_end = -1
        for start, end, kind, entry in hits:
            if start < last_end:
                continue
            last_end = end
            if kind == "variant":
                yield self.finding(
                    doc,
                    start,
                    end,
                    "variant",
                    Severity.BLOCK,
                    f"人名“{text[start:end]}”疑为“{entry.name}”的误写（据人名职务名录）。",
                    entry.name,
                )
            yield from self._title(doc, start, end, entry)

    def _title_before(self, text: str, start: int) -> str | None:
        window = text[max(0, start - self._max_title) : start]
        for t in self._titles:
            if window.endswith(t):
                return t
        return None

    def _title_after(self, text: str, end: int) -> str | None:
        window = text[end : end + self._max_title]
        for t in self._titles:
            if window.startswith(t):
                return t
        return None

    def _title(self, doc: Document, start: int, end: int, entry: NameEntry) -> Iterator[Finding]:
        if not entry.title:
            return
        text = doc.text
        before = self._title_before(text, start)
        after = self._title_after(text, end)
        for found, t_start, t_end, side in (
            (before, start - len(before or ""), start, "before"),
            (after, end, end + len(after or ""), "after"),
        ):
            if not found:
                continue
            if found != entry.title and not _abbreviates(entry.title, found):
                yield self.finding(
                    doc,
                    t_start,
                    t_end,
                    "title",
                    Severity.BLOCK,
                    f"据人名职务名录，{entry.name}的职务是“{entry.title}”，此处写作“{found}”。",
                    entry.title,
                )
            elif entry.title_position and side != entry.title_position:
                canonical = (
                    f"{entry.title}{entry.name}"
                    if entry.title_position == "before"
                    else f"{entry.name}{entry.title}"
                )
                span_start, span_end = min(t_start, start), max(t_end, end)
                yield self.finding(
                    doc,
                    span_start,
                    span_end,
                    "title-order",
                    Severity.INFO,
                    f"本报对{entry.name}的规范写法为“{canonical}”。",
                    canonical,
                )


def _abbreviates(title: str, found: str) -> bool:
    """青山市市长 may be shortened to 市长; 常务副市长 must not become 市长."""
    if not title.endswith(found):
        return False
    prefix = title[: -len(found)]
    return not prefix.endswith(("副", "代", "常务", "名誉"))
