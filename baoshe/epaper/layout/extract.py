"""Page primitives from pypdfium2: characters, text lines, rules, boxes, pictures.

All boxes are converted to the segmenter convention: PDF points, top-left origin,
y down, `(x0, y0, x1, y1)`. pdfium's textpage API is used (not pdfminer) because it
is ~20x faster on dense CJK pages and is the same engine that renders the page, so
character boxes line up with the images readers click on.
"""

from __future__ import annotations

import bisect
import ctypes
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

RULE_MAX_THICKNESS = 6.0  # a path thinner than this (pt) and long is a rule
RULE_MIN_LENGTH = 15.0
LINE_SPLIT_GAP_MAX = 13.0  # a horizontal gap wider than this always splits a line
SPACE_GAP_EM = 0.5  # a gap wider than this many em inside a line becomes one space
SPACE_GAP_TOLERANCE = 0.03  # em: pdfium's loose boxes put a space glyph's gap at ≈ 0.5 em
LATIN_SPACE_EM = 0.15  # between two Latin letters or digits, a gap this wide is a word space


@dataclass(slots=True)
class Char:
    ch: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    space_before: bool = False  # the PDF prints a space (U+0020/U+3000) just before it
    # the baseline (y of the glyph's origin): a Latin glyph in another font has another
    # descent, so its box bottom differs from the CJK glyphs' on the same line
    base: float = -1.0

    def __post_init__(self) -> None:
        if self.base < 0:
            self.base = self.y1


@dataclass
class Line:
    """A run of same-size characters on one baseline (one column's line)."""

    chars: list[Char]
    x0: float = 0.0
    y0: float = 0.0
    x1: float = 0.0
    y1: float = 0.0
    size: float = 0.0
    text: str = ""
    kind: str = "line"
    vertical: bool = False  # 竖排: characters top to bottom

    def __post_init__(self) -> None:
        cs = self.chars
        self.x0 = min(c.x0 for c in cs)
        self.x1 = max(c.x1 for c in cs)
        self.y0 = min(c.y0 for c in cs)
        self.y1 = max(c.y1 for c in cs)
        sizes = sorted(c.size for c in cs)
        self.size = sizes[len(sizes) // 2]
        parts = [cs[0].ch]
        for a, b in zip(cs, cs[1:], strict=False):
            # a printed space, or a gap of about half an em (a space glyph is 0.5 em wide, so
            # the tolerance keeps "两市市长视频通话 共话务实合作" from losing its space)
            gap = b.x0 - a.x1
            if (
                b.space_before
                or gap > (SPACE_GAP_EM - SPACE_GAP_TOLERANCE) * self.size
                # Latin words set as separate runs with no space glyph: a word space is a
                # quarter em, far more than any kerning ("SitcomQueen" is two words)
                or (gap > LATIN_SPACE_EM * self.size and _latin(a.ch) and _latin(b.ch))
            ):
                parts.append(" ")
            parts.append(b.ch)
        self.text = "".join(parts)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@dataclass
class Rule:
    x0: float
    y0: float
    x1: float
    y1: float
    orient: str  # "h" | "v"


@dataclass
class Block:
    """A non-text element taking part in the cut: picture or masked ad."""

    x0: float
    y0: float
    x1: float
    y1: float
    kind: str  # "picture" | "ad" | "barcode"
    size: float = 0.0
    text: str = ""

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)


@dataclass
class PagePrimitives:
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)
    pictures: list[Block] = field(default_factory=list)
    # pictures whose placement box runs well beyond what their clip (or the page) shows
    clipped_pictures: int = 0


def extract_chars(page: pdfium.PdfPage, height: float) -> list[Char]:
    tp = page.get_textpage()
    try:
        raw = tp.raw
        n = tp.count_chars()
        rect = pdfium_c.FS_RECTF()
        out: list[Char] = []
        get_u = pdfium_c.FPDFText_GetUnicode
        is_gen = pdfium_c.FPDFText_IsGenerated
        loose = pdfium_c.FPDFText_GetLooseCharBox
        fsize = pdfium_c.FPDFText_GetFontSize
        get_matrix = pdfium_c.FPDFText_GetMatrix
        get_origin = pdfium_c.FPDFText_GetCharOrigin
        ox = ctypes.c_double()
        oy = ctypes.c_double()
        matrix = pdfium_c.FS_MATRIX()
        space = False
        for i in range(n):
            u = get_u(raw, i)
            if u in (0x20, 0x3000, 0xA0) and not is_gen(raw, i):
                space = True  # kept as a flag on the next character (headlines keep spaces)
                continue
            if u <= 0x20 or u in (0x3000, 0xA0, 0xFFFE, 0xFEFF) or is_gen(raw, i):
                if u in (0x0A, 0x0D):
                    space = False
                continue
            loose(raw, i, ctypes.byref(rect))
            size = effective_size(fsize(raw, i), get_matrix(raw, i, ctypes.byref(matrix)), matrix)
            if size <= 0.5:
                size = rect.top - rect.bottom
            bottom = height - rect.bottom
            base = (
                height - oy.value
                if get_origin(raw, i, ctypes.byref(ox), ctypes.byref(oy))
                else bottom
            )
            out.append(
                Char(chr(u), rect.left, height - rect.top, rect.right, bottom, size, space, base)
            )
            space = False
        return out
    finally:
        tp.close()


def effective_size(nominal: float, have_matrix: bool, m) -> float:
    """The printed size of a glyph: the font size scaled by its text matrix (and CTM).

    Layout systems such as 方正飞腾 set text at a nominal 1 pt and scale it with the matrix
    (``1 0 0 1 … Tm`` becomes ``24 0 0 24 … Tm``), so the nominal size alone says nothing.
    The vertical scale is the length of the matrix's second column (rotation-proof).
    """
    if not have_matrix:
        return nominal
    scale = (m.c * m.c + m.d * m.d) ** 0.5
    return nominal * scale if scale > 0 else nominal


def visible_bounds(obj, bounds: tuple[float, float, float, float]):
    """An object's extent as printed: its bounds clipped by its clipping path, if any.

    Photos are placed through clipping frames; the image's own box may run off the page or
    across the gutter, but only the part inside the clip is visible. Returns None when
    nothing of the object is visible. (PDF coordinates, bottom-left origin.)
    """
    left, bottom, right, top = bounds
    clip = pdfium_c.FPDFPageObj_GetClipPath(obj.raw)
    if clip:
        x = ctypes.c_float()
        y = ctypes.c_float()
        for k in range(pdfium_c.FPDFClipPath_CountPaths(clip)):
            xs: list[float] = []
            ys: list[float] = []
            for s in range(pdfium_c.FPDFClipPath_CountPathSegments(clip, k)):
                seg = pdfium_c.FPDFClipPath_GetPathSegment(clip, k, s)
                if seg and pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
                    xs.append(x.value)
                    ys.append(y.value)
            if xs:  # every clip path of the object applies: intersect them all
                left, right = max(left, min(xs)), min(right, max(xs))
                bottom, top = max(bottom, min(ys)), min(top, max(ys))
    if right - left <= 0 or top - bottom <= 0:
        return None
    return left, bottom, right, top


def extract_graphics(
    page: pdfium.PdfPage, height: float
) -> tuple[list[Rule], list, list[Block], int]:
    rules: list[Rule] = []
    boxes: list[tuple[float, float, float, float]] = []
    pictures: list[Block] = []
    clipped = 0
    width = page.get_width()
    for obj in page.get_objects(max_depth=4):
        if obj.type not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE):
            continue
        bounds = obj.get_bounds()
        placed = bounds
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            vis = visible_bounds(obj, bounds)
            if vis is None:
                continue
            bounds = vis
        left, bottom, right, top = bounds
        # Nothing outside the page is printed either.
        left, right = max(left, 0.0), min(right, width)
        bottom, top = max(bottom, 0.0), min(top, height)
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            shown = max(0.0, right - left) * max(0.0, top - bottom)
            placed_area = (placed[2] - placed[0]) * (placed[3] - placed[1])
            clipped += placed_area > 0 and shown < 0.8 * placed_area
        x0, y0, x1, y1 = left, height - top, right, height - bottom
        w, h = x1 - x0, y1 - y0
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            if w > 8 and h > 8:
                pictures.append(Block(x0, y0, x1, y1, "picture"))
            continue
        if h < RULE_MAX_THICKNESS and w >= RULE_MIN_LENGTH:
            yc = (y0 + y1) / 2
            rules.append(Rule(x0, yc, x1, yc, "h"))
        elif w < RULE_MAX_THICKNESS and h >= RULE_MIN_LENGTH:
            xc = (x0 + x1) / 2
            rules.append(Rule(xc, y0, xc, y1, "v"))
        elif w >= RULE_MIN_LENGTH and h >= RULE_MIN_LENGTH:
            boxes.append((x0, y0, x1, y1))
            rules += [
                Rule(x0, y0, x1, y0, "h"),
                Rule(x0, y1, x1, y1, "h"),
                Rule(x0, y0, x0, y1, "v"),
                Rule(x1, y0, x1, y1, "v"),
            ]
    rules, barcodes = _barcodes(rules)
    pictures += barcodes
    return rules, boxes, pictures, clipped


BARCODE_MIN_BARS = 12


def _barcodes(rules: list[Rule]) -> tuple[list[Rule], list[Block]]:
    """Runs of many short parallel vertical bars close together are a barcode (ISSN/price
    code), page furniture: one ``barcode`` block instead of dozens of "rules"."""
    bars = sorted(
        (r for r in rules if r.orient == "v" and r.y1 - r.y0 <= 100),
        key=lambda r: (round(r.y0), round(r.y1), r.x0),
    )
    groups: list[list[Rule]] = []
    for r in bars:
        g = groups[-1] if groups else None
        if (
            g
            and abs(r.y0 - g[-1].y0) <= 1.5
            and abs(r.y1 - g[-1].y1) <= 1.5
            and 0 <= r.x0 - g[-1].x0 <= 12
        ):
            g.append(r)
        else:
            groups.append([r])
    found = [g for g in groups if len(g) >= BARCODE_MIN_BARS]
    if not found:
        return rules, []
    used = {id(r) for g in found for r in g}
    blocks = [
        Block(
            min(r.x0 for r in g) - 1,
            min(r.y0 for r in g),
            max(r.x1 for r in g) + 1,
            max(r.y1 for r in g),
            "barcode",
        )
        for g in found
    ]
    return [r for r in rules if id(r) not in used], blocks


#: A gap this many ems wide splits a line when other lines have a gap at the same place
#: (a column gutter narrower than LINE_SPLIT_GAP_MAX: tight real layouts set 6-8 pt gutters
#: next to 9 pt text)
GUTTER_MIN_EM = 0.25
GUTTER_MIN_ROWS = 2  # other rows whose text starts at that x ...
GUTTER_ROWS_SPAN = 8.0  # ... within this many ems above or below


def _gutters(rows: list[list[Char]]) -> set[tuple[float, float, float]]:
    """Gaps before which the text ends where the lines just above and below end, and after
    which it starts where they start (the edges of two columns): column gutters, however
    narrow. Neighbouring stories rarely share baselines, so the evidence is where lines
    start and end, not where rows have gaps. A space inside a line (between two names of a
    byline) has text on both sides that ends and starts nowhere else. Keys are
    (x0, x1, baseline) of the gap."""
    starts: list[tuple[float, float, float]] = []  # (x0, baseline, size) of every run
    ends: list[tuple[float, float, float]] = []  # (x1, baseline, size)
    gaps = []
    for row in rows:
        starts.append((row[0].x0, row[0].base, row[0].size))
        ends.append((row[-1].x1, row[-1].base, row[-1].size))
        for a, b in zip(row, row[1:], strict=False):
            if b.x0 - a.x1 > GUTTER_MIN_EM * a.size:
                starts.append((b.x0, b.base, b.size))
                ends.append((a.x1, a.base, a.size))
                gaps.append((a.x1, b.x0, a.base, a.size, _cjk(a.ch) and _cjk(b.ch)))
    starts.sort()
    ends.sort()
    xs = [p[0] for p in starts]
    xe = [p[0] for p in ends]

    def aligned(points, keys, x, y, size, before: float = 0.3, any_size: bool = False) -> int:
        lo = bisect.bisect_left(keys, x - before * size)
        hi = bisect.bisect_right(keys, x + 0.3 * size)
        # rows of about the same size only, unless the gap parts two CJK characters (the body
        # columns under a row of brief headlines say where one headline ends; a gap between
        # a CJK and a Latin run is the quarter em layout programs put there, not a gutter)
        return sum(
            1
            for _, py, psize in points[lo:hi]
            if abs(py - y) <= GUTTER_ROWS_SPAN * size
            and py != y
            and (any_size or abs(psize - size) <= 0.15 * size)
        )

    found = set()
    for g0, g1, y, size, cjk in gaps:
        # the text after the gap starts where other lines start, and the text before it
        # ends where other lines end: both edges of a gutter
        if (
            aligned(starts, xs, g1, y, size, any_size=cjk) >= GUTTER_MIN_ROWS
            # (a line may end up to an em past the column's edge: 标点悬挂, hanging
            # punctuation)
            and aligned(ends, xe, g0, y, size, before=1.1, any_size=cjk) >= GUTTER_MIN_ROWS
        ):
            found.add((g0, g1, y))
    return found


def build_lines(chars: list[Char], vrules: list[Rule]) -> list[Line]:
    """Group characters into lines: same size, same baseline, no wide gap or rule between."""
    if not chars:
        return []
    # Rows are clusters of (size, baseline). Lines of neighbouring columns whose
    # baselines differ by a fraction of a point share a row and are separated
    # below by the gutter, so no character is ever pulled into a distant column.
    chars = sorted(chars, key=lambda c: (round(c.size * 2), c.base))
    rows: list[list[Char]] = []
    for c in chars:
        if rows:
            last = rows[-1][-1]
            if round(last.size * 2) == round(c.size * 2) and c.base - last.base <= 0.1 * last.size:
                rows[-1].append(c)
                continue
        rows.append([c])
    for row in rows:
        row.sort(key=lambda c: c.x0)
    gutters = _gutters(rows)
    lines: list[Line] = []
    for row in rows:
        cur = [row[0]]
        for a, b in zip(row, row[1:], strict=False):
            gap = b.x0 - a.x1
            split = gap > min(1.2 * a.size, max(LINE_SPLIT_GAP_MAX, 0.6 * a.size)) or (
                (a.x1, b.x0, a.base) in gutters
            )
            if not split and gap > 1.0:
                yc = (a.y0 + a.y1) / 2
                split = any(a.x1 - 1 <= r.x0 <= b.x0 + 1 and r.y0 <= yc <= r.y1 for r in vrules)
            if split:
                lines.append(Line(cur))
                cur = [b]
            else:
                cur.append(b)
        lines.append(Line(cur))
    return merge_vertical(lines)


def _cjk(ch: str) -> bool:
    """A CJK ideograph (Extension A, the unified block, compatibility ideographs)."""
    code = ord(ch)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF


def merge_vertical(lines: list[Line]) -> list[Line]:
    """Join characters set one under another (竖排 headlines and text) into vertical lines.

    Horizontal grouping leaves each of them a one-character line; a run of two or more such
    CJK characters of one size, aligned on x and spaced less than an em apart, is one line
    read top to bottom.
    """
    singles = sorted(
        (ln for ln in lines if len(ln.chars) == 1 and _cjk(ln.chars[0].ch)),
        key=lambda ln: (ln.x0, ln.y0),
    )
    runs: list[list[Line]] = []
    for ln in sorted(singles, key=lambda ln: ln.y0):
        for run in runs:
            last = run[-1]
            if (
                abs(ln.size - last.size) <= 0.05 * last.size
                and abs(ln.x0 - last.x0) < 0.2 * last.size
                and -0.2 * last.size <= ln.y0 - last.y1 < 0.6 * last.size
            ):
                run.append(ln)
                break
        else:
            runs.append([ln])
    merged = {id(ln) for run in runs if len(run) >= 2 for ln in run}
    if not merged:
        return lines
    out = [ln for ln in lines if id(ln) not in merged]
    for run in runs:
        if len(run) >= 2:
            vertical = Line([ln.chars[0] for ln in run], vertical=True)
            vertical.text = "".join(ln.chars[0].ch for ln in run)
            out.append(vertical)
    return out


def extract_page(page: pdfium.PdfPage) -> PagePrimitives:
    width, height = page.get_size()
    prim = PagePrimitives(width, height)
    prim.rules, prim.boxes, prim.pictures, prim.clipped_pictures = extract_graphics(page, height)
    prim.chars = extract_chars(page, height)
    prim.lines = build_lines(prim.chars, [r for r in prim.rules if r.orient == "v"])
    return prim
