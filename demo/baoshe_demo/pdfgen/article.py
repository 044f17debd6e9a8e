"""Set one article into a rectangular slot of the page grid and record its truth."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from .photos import photo_jpeg
from .specs import ArticleSpec, TruthArticle, TruthImage
from .typeset import PageWriter, break_lines, text_width

BODY = 9.5  # body text size (pt)
LEADING = 14.0  # baseline-to-baseline distance of body text
CAPTION = 8.0
GUTTER = 16.0  # between grid columns and between articles
BOX_PAD = 9.0

_SENTENCE = re.compile(r"[^。！？]*[。！？]+[”’」』）]*|[^。！？]+$")


def sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE.findall(paragraph) if s]


def _union(a: list[float] | None, b: list[float]) -> list[float]:
    if a is None:
        return list(b)
    return [min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])]


def _byline_lines(text: str, width: float) -> list[str]:
    def fits(t: str) -> bool:
        return text_width(t.replace(" ", "\u3000"), BODY) <= width

    if fits(text):
        return [text]
    head, sep, tail = text.partition(" 通讯员 ")
    if sep and fits(head):
        return [head, "通讯员 " + tail]
    words = text.split(" ")
    return [" ".join(words[:2])]


@dataclass
class Slot:
    """Where body lines may go: one column segment."""

    x: float
    top: float
    bottom: float
    width: float
    used: int = 0

    def capacity(self) -> int:
        if self.bottom - self.top < BODY:
            return 0
        return int((self.bottom - self.top - BODY) // LEADING) + 1

    def next_y(self) -> float:
        return self.top + self.used * LEADING


class _Flow:
    def __init__(self, slots: list[Slot]):
        self.slots = slots
        self.i = 0

    def remaining(self) -> int:
        return sum(s.capacity() - s.used for s in self.slots[self.i :])

    def take(self) -> Slot:
        while self.slots[self.i].used >= self.slots[self.i].capacity():
            self.i += 1
        return self.slots[self.i]


@dataclass
class SetResult:
    truth: TruthArticle
    overflow: list[str]  # paragraphs that did not fit (for 转版)


def _draw_centered(
    w: PageWriter, text: str, size: float, x0: float, x1: float, y: float, align: str, **kw
):
    tw = text_width(text, size)
    x = x0 + (x1 - x0 - tw) / 2 if align == "center" else x0
    return w.text(x, y, text, size, **kw)


def set_article(
    w: PageWriter,
    spec: ArticleSpec,
    rect: list[float],
    ncols: int,
    rng: random.Random,
    *,
    role: str = "normal",
    boxed: bool = False,
    align: str = "center",
    cont_to: str | None = None,
    cont_from: str | None = None,
    paragraphs: list[str] | None = None,
) -> SetResult:
    """Typeset `spec` inside `rect` with `ncols` body columns.

    Headline block (引题/标题/副题) spans the slot; an optional photo sits at the
    top of the body area over one or more columns with its caption below; the byline
    opens the first column; paragraphs flow column by column with a two-character
    first-line indent and are cut at a sentence boundary when the slot is full.
    """
    x0, y0, x1, y1 = rect
    bbox: list[float] | None = None
    if boxed:
        fill = rng.choice([None, (0.96, 0.95, 0.9), (0.93, 0.96, 0.98)])
        w.rect(rect, stroke=0.9, fill=fill)
        bbox = list(rect)
        x0, y0, x1, y1 = x0 + BOX_PAD, y0 + BOX_PAD, x1 - BOX_PAD, y1 - BOX_PAD
    width = x1 - x0
    y = y0

    if spec.kicker:
        ks = 13.0 if role == "lead" else 11.5
        for text, _, _ in break_lines(spec.kicker, ks, width):
            bbox = _union(bbox, _draw_centered(w, text, ks, x0, x1, y, align))
            y += ks * 1.4

    tsize = {
        "lead": rng.uniform(32, 40),
        "normal": rng.uniform(21, 27),
        "small": rng.uniform(17, 20),
    }[role]
    tsize = round(tsize)
    while tsize > 16 and len(break_lines(spec.title, tsize, width)) > 2:
        tsize -= 1
    for text, _, _ in break_lines(spec.title, tsize, width):
        bbox = _union(bbox, _draw_centered(w, text, tsize, x0, x1, y, align, bold=True))
        y += tsize * 1.22
    if spec.subtitle:
        ss = 14.0 if role == "lead" else 12.5
        sub = ("——" + spec.subtitle) if rng.random() < 0.5 else spec.subtitle
        y += 2
        for text, _, _ in break_lines(sub, ss, width):
            bbox = _union(bbox, _draw_centered(w, text, ss, x0, x1, y, align))
            y += ss * 1.4
    y += 10

    c = max(1, ncols)
    cw = (width - (c - 1) * GUTTER) / c
    col_x = [x0 + j * (cw + GUTTER) for j in range(c)]
    tops = [y] * c
    images: list[TruthImage] = []
    if spec.image is not None and y1 - y > 220:
        k = c if c <= 2 else rng.choice([c - 1, c])
        first = 0 if rng.random() < 0.5 else c - k
        iw = k * cw + (k - 1) * GUTTER
        ih = min(iw * spec.image.aspect, (y1 - y) * 0.45)
        ibox = [col_x[first], y, col_x[first] + iw, y + ih]
        w.image(photo_jpeg(iw, ih, spec.image.seed), ibox)
        bbox = _union(bbox, ibox)
        cy = y + ih + 4
        cap_box = None
        # words of a credit ("本报记者 张三 摄") are set 1 em apart: measure them so
        for text, _, _ in break_lines(spec.image.caption.replace(" ", "\u3000"), CAPTION, iw):
            parts = [p for p in text.split("\u3000") if p]
            b = w.runs(ibox[0], cy, parts, CAPTION)
            cap_box = _union(cap_box, b)
            cy += CAPTION * 1.4
        if cap_box:
            bbox = _union(bbox, cap_box)
        images.append(TruthImage(bbox=[round(v, 2) for v in ibox], caption=spec.image.caption))
        for j in range(first, first + k):
            tops[j] = cy + 8
    slots = [Slot(col_x[j], tops[j], y1, cw) for j in range(c)]
    flow = _Flow(slots)

    def line_at() -> tuple[float, float, Slot]:
        s = flow.take()
        yy = s.next_y()
        s.used += 1
        return s.x, yy, s

    printed_byline = ""
    if spec.byline and flow.remaining() > 3:
        # a long byline wraps before "通讯员"; each line is one run of words
        parts = _byline_lines(spec.byline, cw)
        printed_byline = " ".join(parts)
        for part in parts:
            lx, ly, _ = line_at()
            bbox = _union(bbox, w.runs(lx, ly, part.split(" "), BODY))
    continuations = []
    if cont_from and flow.remaining() > 2:
        lx, ly, _ = line_at()
        bbox = _union(bbox, w.text(lx, ly, f"（上接第{cont_from}版）", BODY))
        continuations.append({"direction": "from", "page": cont_from})

    queue = list(spec.paragraphs if paragraphs is None else paragraphs)
    drawn: list[str] = []
    reserve = 1 if cont_to else 0
    while queue:
        para = queue[0]
        lines = break_lines(para, BODY, cw, 2.0)
        room = flow.remaining() - reserve
        if room <= 0:
            break
        truncated = len(lines) > room
        if truncated:
            sents = sentences(para)
            fit = 0
            for n in range(len(sents), 0, -1):
                if len(break_lines("".join(sents[:n]), BODY, cw, 2.0)) <= room:
                    fit = n
                    break
            if fit == 0:
                break
            queue[0] = "".join(sents[fit:])
            para = "".join(sents[:fit])
            lines = break_lines(para, BODY, cw, 2.0)
        else:
            queue.pop(0)
        for text, indent, justify in lines:
            lx, ly, s = line_at()
            natural = text_width(text, BODY)
            cs = (s.width - indent - natural) / (len(text) - 1) if len(text) > 1 else 0.0
            if not justify:
                cs = min(cs, 0.0)  # a last line may still hold an overhanging "。": squeeze it
            bbox = _union(bbox, w.text(lx + indent, ly, text, BODY, char_space=cs))
        drawn.append(para)
        if truncated:
            break
    if cont_to:
        marker = f"（下转第{cont_to}版）"
        if flow.remaining() > 0:
            lx, ly, s = line_at()
            mx = lx + s.width - text_width(marker, BODY)
            bbox = _union(bbox, w.text(mx, ly, marker, BODY))
            continuations.append({"direction": "to", "page": cont_to})
    truth = TruthArticle(
        key=spec.key,
        order=0,
        bbox=[round(v, 2) for v in (bbox or rect)],
        kicker=spec.kicker,
        title=spec.title,
        subtitle=spec.subtitle,
        byline=printed_byline,
        body="\n".join(drawn),
        images=images,
        continuations=continuations,
        boxed=boxed,
    )
    return SetResult(truth=truth, overflow=[p for p in queue if p])
