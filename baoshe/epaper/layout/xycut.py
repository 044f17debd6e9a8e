"""Recursive XY-cut of a newspaper page into article regions.

A cut is a straight line across the whole current region that crosses no element
(text line, picture, masked ad). Chinese layout desks separate stories with rules
(线) or boxes (框) and separate columns of the same story with plain gutters, so:

1. a gap is an *article* boundary when a rule lies in it covering most of the
   region's extent (rule cut);
2. without a rule, a gap is still an article boundary when the layout around it
   says so (whitespace cut): horizontally, the part below must start with a
   headline-sized line and both parts must hold a headline; vertically, both
   sides must hold a headline (a story's own headline spans its columns, so a
   full-height gutter with headlines on both sides separates two stories).

Leaves come out in reading order (top-to-bottom bands, left-to-right within).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..lexicon import SENTENCE_END
from .extract import Rule

MIN_RULE_COVERAGE = 0.85
#: Gaps are measured in body-text ems: real exports set stories as tight as a quarter em
#: apart (a 3 pt gutter next to an 8 pt body on a 方正飞腾 page), generated ones wider.
MIN_RULE_GAP_EM = 0.2
MIN_HGAP_WHITESPACE_EM = 0.3
MIN_VGAP_WHITESPACE_EM = 0.3


@dataclass
class Cut:
    axis: str  # "h" (split top/bottom) or "v" (split left/right)
    pos: float
    score: float


def _bbox(elems) -> tuple[float, float, float, float]:
    return (
        min(e.x0 for e in elems),
        min(e.y0 for e in elems),
        max(e.x1 for e in elems),
        max(e.y1 for e in elems),
    )


def _gaps(elems, axis: str) -> list[tuple[float, float]]:
    """Empty intervals between the projections of elements on one axis."""
    if axis == "h":
        spans = sorted((e.y0 + 0.3, e.y1 - 0.3) for e in elems)
    else:
        spans = sorted((e.x0 + 0.3, e.x1 - 0.3) for e in elems)
    gaps = []
    end = spans[0][1]
    for a, b in spans[1:]:
        if a > end:
            gaps.append((end, a))
        end = max(end, b)
    return gaps


def _coverage(
    rules: list[Rule], axis: str, g0: float, g1: float, lo: float, hi: float
) -> tuple[float, float]:
    """Fraction of [lo, hi] covered by rules lying inside the gap, and their position."""
    segs = []
    pos = []
    for r in rules:
        if axis == "h" and r.orient == "h" and g0 - 1.5 <= r.y0 <= g1 + 1.5:
            segs.append((max(lo, r.x0), min(hi, r.x1)))
            pos.append(r.y0)
        elif axis == "v" and r.orient == "v" and g0 - 1.5 <= r.x0 <= g1 + 1.5:
            segs.append((max(lo, r.y0), min(hi, r.y1)))
            pos.append(r.x0)
    segs = sorted(s for s in segs if s[1] > s[0])
    if not segs:
        return 0.0, 0.0
    covered = 0.0
    cur0, cur1 = segs[0]
    for a, b in segs[1:]:
        if a > cur1:
            covered += cur1 - cur0
            cur0, cur1 = a, b
        else:
            cur1 = max(cur1, b)
    covered += cur1 - cur0
    return covered / max(hi - lo, 1.0), sum(pos) / len(pos)


class XYCutter:
    def __init__(self, rules: list[Rule], body_size: float):
        self.rules = rules
        self.body = body_size

    def is_headline(self, e) -> bool:
        return getattr(e, "kind", "") == "line" and e.size >= 1.15 * self.body

    def is_title(self, e) -> bool:
        return getattr(e, "kind", "") == "line" and e.size >= 1.45 * self.body

    def _rule_cut(self, elems) -> Cut | None:
        x0, y0, x1, y1 = _bbox(elems)
        best = None
        for axis, lo, hi in (("h", x0, x1), ("v", y0, y1)):
            for g0, g1 in _gaps(elems, axis):
                if g1 - g0 < MIN_RULE_GAP_EM * self.body:
                    continue
                cov, pos = _coverage(self.rules, axis, g0, g1, lo, hi)
                if cov >= MIN_RULE_COVERAGE and (best is None or cov > best.score + 1e-6):
                    best = Cut(axis, min(max(pos, g0), g1), cov)
        return best

    def _whitespace_cut(self, elems) -> Cut | None:
        for g0, g1 in _gaps(elems, "h"):
            if g1 - g0 < MIN_HGAP_WHITESPACE_EM * self.body:
                continue
            mid = (g0 + g1) / 2
            upper = [e for e in elems if e.y1 <= mid]
            lower = [e for e in elems if e.y0 >= mid]
            if not any(map(self.is_title, upper)) or not any(map(self.is_title, lower)):
                continue
            top_lower = min(e.y0 for e in lower)
            # below a story boundary the first row is headlines only; body text right
            # under the gap means a story continues there (e.g. below its photo)
            first = [e for e in lower if e.y0 <= top_lower + 1.5 * self.body]
            body_first = any(
                getattr(e, "kind", "") == "line" and not self.is_headline(e) for e in first
            )
            bottom_upper = max(e.y1 for e in upper)
            last = [e for e in upper if e.y1 >= bottom_upper - 2]
            if (
                any(map(self.is_headline, first))
                and not body_first
                and not all(map(self.is_headline, last))
                and not self._continues_beside(upper, lower)
            ):
                return Cut("h", self._above_lead_photo(elems, upper, lower, mid), 0.0)
        fallback = None
        for g0, g1 in _gaps(elems, "v"):
            if g1 - g0 < MIN_VGAP_WHITESPACE_EM * self.body:
                continue
            mid = (g0 + g1) / 2
            left = [e for e in elems if e.x1 <= mid]
            right = [e for e in elems if e.x0 >= mid]
            if all(getattr(e, "vertical", False) for e in left) or all(
                getattr(e, "vertical", False) for e in right
            ):
                continue  # a 竖排 headline stands beside its own story, never alone
            if any(map(self.is_title, left)) and any(map(self.is_title, right)):
                if self._opens_story(right, g1):
                    return Cut("v", mid, 0.0)
                fallback = fallback or Cut("v", mid, 0.0)
        return fallback

    def _above_lead_photo(self, elems, upper, lower, mid: float) -> float:
        """Where to cut when the part above ends with a photo standing over the headline
        below: above the photo, which leads that story (papers put photos over headlines)."""
        heads = [e for e in lower if self.is_title(e)]
        top = min(e.y0 for e in heads) if heads else mid
        heads = [e for e in heads if e.y0 <= top + 1]
        bottom = max(e.y1 for e in upper)
        pics = [
            e
            for e in upper
            if getattr(e, "kind", "") == "picture"
            and e.y1 >= bottom - 3 * self.body
            and any(min(e.x1, h.x1) - max(e.x0, h.x0) > 0.3 * (e.x1 - e.x0) for h in heads)
        ]
        if not pics:
            return mid
        pic_top = min(e.y0 for e in pics)
        for g0, g1 in _gaps(elems, "h"):
            if g1 - g0 < MIN_HGAP_WHITESPACE_EM * self.body or not (
                pic_top - 3 * self.body <= g1 <= pic_top + 0.5
            ):
                continue
            new_mid = (g0 + g1) / 2
            above = [e for e in elems if e.y1 <= new_mid]
            if any(map(self.is_title, above)):
                return new_mid
        return mid

    def _continues_beside(self, upper, lower) -> bool:
        """Does a column of the upper story go on below the gap, beside the lower headline?

        An L-shaped story continues under its in-column photo while the next story starts
        beside it: below the gap there is then something (the photo, the text) that no lower
        headline stands over, level with that headline, right under a column of the upper
        part whose last line stops mid-sentence. A story that ends above the gap ends its
        last column with a full stop.
        """
        heads = [e for e in lower if self.is_title(e)]
        if not heads:
            return False
        foot = max(e.y1 for e in heads)
        for e in lower:
            if self.is_headline(e) or e.y0 >= foot:
                continue
            if any(h.x0 < e.x1 and e.x0 < h.x1 for h in heads):
                continue
            above = [
                u
                for u in upper
                if getattr(u, "kind", "") == "line"
                and not self.is_headline(u)
                and min(u.x1, e.x1) - max(u.x0, e.x0) > 0.5 * min(u.x1 - u.x0, e.x1 - e.x0)
                and 0 <= e.y0 - u.y1 < 3 * self.body
            ]
            if above:
                last = max(above, key=lambda u: u.y1)
                if not last.text.rstrip().endswith(SENTENCE_END):
                    return True
        return False

    def _opens_story(self, right, g1: float) -> bool:
        """Does the column just right of a gutter start under a headline of its own side?

        Inside one story with a short left-aligned headline, the story's last column
        sits right of a full-height gutter too, but no headline of the right-hand side
        is above it; the first column of the next story has its headline above it.
        """
        adjacent = [e for e in right if e.x0 <= g1 + 3]
        if not adjacent:
            return True
        c1 = (
            max(e.x1 for e in adjacent if not self.is_headline(e))
            if any(not self.is_headline(e) for e in adjacent)
            else g1 + 1
        )
        top = min(e.y0 for e in adjacent)
        return any(
            self.is_headline(e) and e.x0 < c1 and e.x1 > g1 and e.y0 <= top + 1 for e in right
        )

    def split(self, elems) -> list[list]:
        """Return the leaves (lists of elements) in reading order."""
        out: list[list] = []
        stack = [elems]
        while stack:
            cur = stack.pop()
            cut = self._rule_cut(cur) if len(cur) > 1 else None
            if cut is None and len(cur) > 1:
                cut = self._whitespace_cut(cur)
            if cut is None:
                out.append(cur)
                continue
            if cut.axis == "h":
                a = [e for e in cur if (e.y0 + e.y1) / 2 < cut.pos]
                b = [e for e in cur if (e.y0 + e.y1) / 2 >= cut.pos]
            else:
                a = [e for e in cur if (e.x0 + e.x1) / 2 < cut.pos]
                b = [e for e in cur if (e.x0 + e.x1) / 2 >= cut.pos]
            stack.append(b)
            stack.append(a)
        return out
