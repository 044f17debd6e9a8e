"""Stories that straight cuts cannot separate: L-shaped and nested ones.

The XY-cut (``xycut.py``) splits a page with lines that cross the whole region. Real pages
also hold stories no such line separates: a story that continues under its in-column photo
while the next story starts beside it (an L), or a boxed commentary (短评) set into the
corner of the lead. Such a region holds two or more headlines. Here each headline (with the
引题 above it and the 副题 under it) becomes a story, and every column of text and every
picture goes to the headline that heads it: the nearest one above it whose width covers it,
never across a frame (框) boundary. A story's hotspot is then the outline of its parts (an
L-shaped polygon), not its bounding box.

Pure geometry on the page primitives; no Django.
"""

from __future__ import annotations

from ..lexicon import BYLINE, INLINE_OPENING
from .extract import Block, Line

TITLE_EM = 1.45  # a headline is at least this many body ems (xycut.XYCutter.is_title)
DECK_EM = 1.08  # 引题/副题: bigger than body, smaller than a headline
MIN_STORY_LINES = 3  # a second headline heads a story only with this much text of its own


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def _box(elems) -> tuple[float, float, float, float]:
    return (
        min(e.x0 for e in elems),
        min(e.y0 for e in elems),
        max(e.x1 for e in elems),
        max(e.y1 for e in elems),
    )


def headline_groups(lines: list[Line], body: float) -> list[list[Line]]:
    """Headline lines grouped into headlines: a wrapped headline is a vertical run of lines of
    about the same size that overlap in x."""
    heads = sorted((ln for ln in lines if ln.size >= TITLE_EM * body), key=lambda ln: ln.y0)
    groups: list[list[Line]] = []
    for ln in heads:
        for g in groups:
            last = g[-1]
            if (
                abs(ln.size - last.size) <= 0.15 * last.size
                and 0 <= ln.y0 - last.y1 < 0.8 * last.size
                and _overlap(ln.x0, ln.x1, last.x0, last.x1) > 0
            ):
                g.append(ln)
                break
        else:
            groups.append([ln])
    # a smaller headline-sized line right under or over a headline is its 副题 or 引题
    merged = True
    while merged:
        merged = False
        for a in groups:
            for b in groups:
                if a is b or not a or not b:
                    continue
                ax0, ay0, ax1, ay1 = _box(a)
                bx0, by0, bx1, by1 = _box(b)
                size_a = max(ln.size for ln in a)
                size_b = max(ln.size for ln in b)
                near = 0 <= by0 - ay1 < 1.5 * size_b or 0 <= ay0 - by1 < 1.5 * size_b
                if size_b < size_a and near and _overlap(ax0, ax1, bx0, bx1) > 0:
                    a.extend(b)
                    b.clear()
                    merged = True
        groups = [g for g in groups if g]
    return groups


def framed_headlines(lines: list[Line], body: float, frames, groups) -> list[list[Line]]:
    """Headlines of stories boxed inside another (a 框 holding a brief): the larger-than-body
    line at the top of a frame that also holds text, even when it is smaller than a
    headline elsewhere on the page."""
    taken = {id(ln) for g in groups for ln in g}
    out: list[list[Line]] = []
    for x0, y0, x1, y1 in frames:
        inside = [
            ln
            for ln in lines
            if ln.x0 >= x0 - 1 and ln.x1 <= x1 + 1 and ln.y0 >= y0 - 1 and ln.y1 <= y1 + 1
        ]
        if any(id(ln) in taken for ln in inside):
            continue
        body_lines = [ln for ln in inside if ln.size < DECK_EM * body]
        top = [ln for ln in inside if ln.size >= DECK_EM * body and ln.y0 <= y0 + 4 * ln.size]
        if top and len(body_lines) >= MIN_STORY_LINES:
            out.append(sorted(top, key=lambda ln: ln.y0))
    return out


def small_headlines(lines: list[Line], body: float, groups) -> list[list[Line]]:
    """Headlines of briefs, set only a little larger than the body (1.1–1.45 em): told from
    a subhead inside a story by what follows them, a story's opening (本报讯（…）, a byline)."""
    taken = {id(ln) for g in groups for ln in g}
    heads = list(groups)
    out: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: ln.y0):
        if id(ln) in taken or not DECK_EM * body < ln.size < TITLE_EM * body:
            continue
        # right under a headline it is that headline's 副题
        if any(
            0 <= ln.y0 - max(h.y1 for h in g) < 1.5 * ln.size
            and _overlap(ln.x0, ln.x1, min(h.x0 for h in g), max(h.x1 for h in g)) > 0
            for g in heads
        ):
            continue
        below = sorted(
            (
                o
                for o in lines
                if o.size < DECK_EM * body
                and 0 <= o.y0 - ln.y1 < 3 * ln.size
                and _overlap(o.x0, o.x1, ln.x0 - ln.size, ln.x1 + ln.size) > 0
            ),
            key=lambda o: o.y0,
        )
        if below and (INLINE_OPENING.match(below[0].text) or BYLINE.match(below[0].text)):
            group = [ln]
            # a two-line brief headline
            for o in lines:
                if (
                    o is not ln
                    and id(o) not in taken
                    and abs(o.size - ln.size) <= 0.1 * ln.size
                    and 0 <= o.y0 - ln.y1 < 0.8 * ln.size
                    and _overlap(o.x0, o.x1, ln.x0, ln.x1) > 0
                ):
                    group.append(o)
            taken |= {id(o) for o in group}
            out.append(group)
    return out


def columns(lines: list[Line]) -> list[list[Line]]:
    """Lines stacked in one column without a gap of more than 1.5 lines between them."""
    cols: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: (ln.y0, ln.x0)):
        for col in cols:
            last = col[-1]
            if _overlap(ln.x0, ln.x1, last.x0, last.x1) > 0.5 * min(
                ln.x1 - ln.x0, last.x1 - last.x0
            ) and (ln.y0 - last.y1) < 1.5 * max(ln.size, last.size):
                col.append(ln)
                break
        else:
            cols.append([ln])
    return cols


def _frame(elem, frames) -> int:
    """Index of the smallest frame holding ``elem``'s centre, -1 for none."""
    cx, cy = (elem.x0 + elem.x1) / 2, (elem.y0 + elem.y1) / 2
    best, area = -1, float("inf")
    for i, (x0, y0, x1, y1) in enumerate(frames):
        if x0 <= cx <= x1 and y0 <= cy <= y1 and (x1 - x0) * (y1 - y0) < area:
            best, area = i, (x1 - x0) * (y1 - y0)
    return best


def split_stories(leaf: list, body: float, frames=()) -> list[list]:
    """The stories of one region (the region itself when it holds at most one headline)."""
    lines = [e for e in leaf if isinstance(e, Line)]
    groups = headline_groups(lines, body)
    frames = list(frames)
    groups += framed_headlines(lines, body, frames, groups)
    groups += small_headlines(lines, body, groups)
    if len(groups) < 2:
        return [leaf]
    in_group = {id(ln) for g in groups for ln in g}
    stories: list[list] = [list(g) for g in groups]
    heads = [_box(g) for g in groups]
    head_frame = [_frame(g[0], frames) for g in groups]
    # 引题 just above a headline, 副题 just under it, overlapping it in x
    rest: list = []
    for ln in lines:
        if id(ln) in in_group:
            continue
        if DECK_EM * body < ln.size < TITLE_EM * body:
            for k, (x0, y0, x1, y1) in enumerate(heads):
                near = (0 <= y0 - ln.y1 < 1.5 * ln.size) or (0 <= ln.y0 - y1 < 1.5 * ln.size)
                if near and _overlap(ln.x0, ln.x1, x0, x1) > 0.3 * (ln.x1 - ln.x0):
                    stories[k].append(ln)
                    break
            else:
                rest.append(ln)
        else:
            rest.append(ln)
    # a picture and its caption (small type right under it) go to the same story
    pictures = [[e] for e in leaf if isinstance(e, Block)]
    for pic in pictures:
        p = pic[0]
        caption = [
            ln
            for ln in rest
            if ln.size < 0.93 * body
            and p.y1 - 2 <= ln.y0 <= p.y1 + 4 * body
            and ln.x0 >= p.x0 - 3
            and ln.x1 <= p.x1 + 3
        ]
        pic.extend(caption)
        taken_caption = {id(ln) for ln in caption}
        rest = [ln for ln in rest if id(ln) not in taken_caption]
    blocks: list[list] = columns(rest) + pictures
    owner: list[int] = []
    for block in blocks:
        bx0, by0, bx1, by1 = _box(block)
        frame = _frame(block[0], frames)
        best, best_key = 0, None
        for k, (x0, y0, x1, y1) in enumerate(heads):
            if head_frame[k] != frame and frames:
                continue
            cover = _overlap(bx0, bx1, x0, x1) / max(bx1 - bx0, 1.0)
            above = y1 <= by0 + 0.5 * body
            # a photo standing right over a headline leads that story
            photo = isinstance(block[0], Block)
            led = photo and (
                (0 <= y0 - by1 <= 3 * body and _overlap(bx0, bx1, x0, x1) > 0.3 * (bx1 - bx0))
                # or beside the headline, level with it (a headline set next to its photo)
                or (
                    abs(by0 - y0) <= 1.5 * body
                    and (0 <= x0 - bx1 <= 2 * body or 0 <= bx0 - x1 <= 2 * body)
                )
            )
            # else a headline above the block rather than below it; among those, one whose
            # width covers the block (a short headline may not), then the nearest
            # (then the nearest across: a short headline over its first columns still beats
            # a far one that happens to be lower)
            hdist = max(0.0, x0 - bx1, bx0 - x1)
            key = (led, above, cover >= 0.3, -hdist, y1 if above else -abs(y0 - by0))
            if best_key is None or key > best_key:
                best, best_key = k, key
        owner.append(best)
        stories[best].extend(block)
    # a "headline" with hardly any text of its own is a subhead or a pull quote of the story
    # above it, not a story: give its parts back to the nearest story above
    weak = [
        k
        for k in range(len(groups))
        if sum(
            len(b) for b, o in zip(blocks, owner, strict=True) if o == k and isinstance(b[0], Line)
        )
        < MIN_STORY_LINES
        and not any(isinstance(b[0], Block) for b, o in zip(blocks, owner, strict=True) if o == k)
    ]
    if weak and len(weak) < len(groups):
        strong = [k for k in range(len(groups)) if k not in weak]
        for k in weak:
            x0, y0, x1, y1 = heads[k]
            above = [s for s in strong if heads[s][3] <= y0]
            target = max(above, key=lambda s: heads[s][3]) if above else strong[0]
            stories[target].extend(stories[k])
            stories[k] = []
    return [s for s in stories if s]


def story_outline(story: list, body: float) -> list[list[float]]:
    """A story's hotspot: a band across its full width from its top to the foot of its
    headline, then each of its columns and pictures down to where it ends, joined across the
    gutters. For an L-shaped story this is the L; for a plain one, its rectangle."""
    x0, y0, x1, y1 = _box(story)
    lines = [e for e in story if isinstance(e, Line)]
    heads = [ln for ln in lines if ln.size > DECK_EM * body]
    foot = max((ln.y1 for ln in heads), default=y0)
    rects = [(x0, y0, x1, foot)] if heads else []
    for col in columns([ln for ln in lines if ln not in heads]):
        cx0, cy0, cx1, cy1 = _box(col)
        rects.append((cx0, min(cy0, foot), cx1, cy1))
    for e in story:
        if isinstance(e, Block):
            rects.append((e.x0, min(e.y0, foot), e.x1, e.y1))
    if not rects:
        return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]
    return outline(rects, pad=0.6 * body)


def outline(rects: list[tuple[float, float, float, float]], pad: float) -> list[list[float]]:
    """The outline of the union of ``rects`` (padded by ``pad`` so that gutters close, then
    clamped back to their bounding box), as one rectilinear polygon; the bounding rectangle
    when the union falls apart or has holes."""
    bx0 = min(r[0] for r in rects)
    by0 = min(r[1] for r in rects)
    bx1 = max(r[2] for r in rects)
    by1 = max(r[3] for r in rects)
    box = [[bx0, by0], [bx1, by0], [bx1, by1], [bx0, by1]]
    padded = [(r[0] - pad, r[1] - pad, r[2] + pad, r[3] + pad) for r in rects]
    xs = sorted({v for r in padded for v in (r[0], r[2])})
    ys = sorted({v for r in padded for v in (r[1], r[3])})
    filled = set()
    for i in range(len(xs) - 1):
        cx = (xs[i] + xs[i + 1]) / 2
        for j in range(len(ys) - 1):
            cy = (ys[j] + ys[j + 1]) / 2
            if any(r[0] <= cx <= r[2] and r[1] <= cy <= r[3] for r in padded):
                filled.add((i, j))
    # directed boundary edges, clockwise in y-down coordinates (interior on the right)
    edges: dict[tuple[int, int], tuple[int, int]] = {}
    for i, j in filled:
        if (i, j - 1) not in filled:
            edges[(i, j)] = (i + 1, j)  # top edge, left to right
        if (i + 1, j) not in filled:
            edges[(i + 1, j)] = (i + 1, j + 1)  # right edge, downwards
        if (i, j + 1) not in filled:
            edges[(i + 1, j + 1)] = (i, j + 1)  # bottom edge, right to left
        if (i - 1, j) not in filled:
            edges[(i, j + 1)] = (i, j)  # left edge, upwards
    if not edges:
        return box
    start = min(edges)
    loop = [start]
    cur = edges[start]
    while cur != start and cur in edges and len(loop) <= len(edges):
        loop.append(cur)
        cur = edges[cur]
    if cur != start or len(loop) != len(edges):
        return box  # several pieces, a hole, or a pinch point: keep it simple
    pts = []
    n = len(loop)
    for k in range(n):  # drop collinear vertices
        a, b, c = loop[k - 1], loop[k], loop[(k + 1) % n]
        if (a[0] == b[0] == c[0]) or (a[1] == b[1] == c[1]):
            continue
        pts.append(
            [
                round(min(max(xs[b[0]], bx0), bx1), 2),
                round(min(max(ys[b[1]], by0), by1), 2),
            ]
        )
    return pts if len(pts) >= 4 else box
