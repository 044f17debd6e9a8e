"""Read one article region: roles of its lines and the body in reading order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lexicon import (
    BYLINE,
    BYLINE_ENDINGS,
    BYLINE_ROLES,
    CONTINUATION,
    CONTINUES_TO,
    INLINE_BYLINE,
    INLINE_OPENING,
    LEADING_DASHES,
)
from .extract import Block, Line


@dataclass
class ArticleImage:
    bbox: tuple[float, float, float, float]
    caption: str = ""


@dataclass
class ReadArticle:
    kicker: str = ""
    title: str = ""
    subtitle: str = ""
    byline: str = ""
    paragraphs: list[str] = field(default_factory=list)
    images: list[ArticleImage] = field(default_factory=list)
    continuations: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _join(lines: list[Line]) -> str:
    """Headline lines (引题/标题/副题) in reading order. A space the page prints inside a
    headline line is kept: "两市市长视频通话 共话务实合作" is two phrases, not one."""
    text = "".join(ln.text for ln in sorted(lines, key=lambda ln: (round(ln.y0), ln.x0)))
    return " ".join(text.split())


def _is_byline(line: Line, col: list[Line]) -> bool:
    """A byline is flush left, names people with spaces between (not "记者从…获悉")."""
    text = line.text
    if not BYLINE.match(text) or len(text) > 40:
        return False
    left = min(ln.x0 for ln in col)
    if line.x0 - left > 1.2 * line.size:
        return False
    return " " in text.strip() or text.endswith(BYLINE_ENDINGS)


def _columns(lines: list[Line]) -> list[list[Line]]:
    """Cluster body lines into columns: lines of one column overlap in x."""
    cols: list[list[Line]] = []
    spans: list[list[float]] = []
    for ln in sorted(lines, key=lambda ln: ln.x0):
        if spans and ln.x0 < spans[-1][1] - 2:
            cols[-1].append(ln)
            spans[-1][1] = max(spans[-1][1], ln.x1)
        else:
            cols.append([ln])
            spans.append([ln.x0, ln.x1])
    for col in cols:
        col.sort(key=lambda ln: ln.y0)
    return cols


def _paragraphs(cols: list[list[Line]], body_size: float) -> list[str]:
    widths = [ln.x1 - ln.x0 for col in cols for ln in col]
    full = max(widths) if widths else 0.0
    paras: list[str] = []
    cur = ""
    for col in cols:
        full_lines = [ln for ln in col if ln.x1 - ln.x0 >= 0.9 * full]
        left = min(ln.x0 for ln in (full_lines or col))
        for ln in col:
            indented = ln.x0 - left > 1.2 * ln.size
            if indented and cur:
                paras.append(cur)
                cur = ""
            cur += clean_spaces(ln.text)
    if cur:
        paras.append(cur)
    return paras


_CJK_SPACE = re.compile(r"(?<=[\u2e80-\uffff]) +| +(?=[\u2e80-\uffff])")


def clean_spaces(text: str) -> str:
    """Drop spaces next to CJK characters (Chinese has none); keep them between Latin words."""
    return _CJK_SPACE.sub("", text)


BRIEF_TITLE_EM = 1.15


def read_article(elems: list, body_size: float) -> ReadArticle:
    """Assign 引题/标题/副题/作者/正文/图片说明 roles by size and position."""
    art = ReadArticle()
    lines = [e for e in elems if isinstance(e, Line)]
    pictures = [e for e in elems if isinstance(e, Block) and e.kind == "picture"]
    if not lines:
        art.warnings.append("no text")
        art.images = [ArticleImage(p.bbox) for p in pictures]
        return art
    big = max(ln.size for ln in lines)
    title_lines: list[Line] = []
    top = min(ln.y0 for ln in lines)
    # a brief's headline is only a little larger than the body, but it stands on top
    brief = big >= BRIEF_TITLE_EM * body_size and any(
        ln.size >= big - 0.3 and ln.y0 <= top + 0.5 * big for ln in lines
    )
    if big >= 1.4 * body_size or brief:
        title_lines = [ln for ln in lines if ln.size >= big - 0.6]
        # a wrapped title is a vertical run of same-size lines; keep the topmost run
        title_lines.sort(key=lambda ln: ln.y0)
        run = [title_lines[0]]
        for ln in title_lines[1:]:
            if ln.y0 - run[-1].y1 < big * 0.8:
                run.append(ln)
        title_lines = run
    else:
        art.warnings.append("no headline")
    used = {id(ln) for ln in title_lines}
    if title_lines:
        art.title = _join(title_lines)
        t_top = min(ln.y0 for ln in title_lines)
        t_bot = max(ln.y1 for ln in title_lines)
        mids = [ln for ln in lines if id(ln) not in used and 1.08 * body_size < ln.size < big - 0.6]
        kick = [ln for ln in mids if ln.y1 <= t_top + 1]
        sub = [ln for ln in mids if ln.y0 >= t_bot - 1]
        art.kicker = _join(kick)
        art.subtitle = LEADING_DASHES.sub("", _join(sub))
        used |= {id(ln) for ln in kick + sub}
    # captions: small lines right under a picture
    captions: dict[int, list[Line]] = {}
    for ln in lines:
        if id(ln) in used or ln.size >= 0.93 * body_size:
            continue
        for i, p in enumerate(pictures):
            if p.y1 - 2 <= ln.y0 <= p.y1 + 40 and ln.x0 >= p.x0 - 3 and ln.x1 <= p.x1 + 3:
                captions.setdefault(i, []).append(ln)
                used.add(id(ln))
                break
    for i, p in enumerate(pictures):
        cap = sorted(captions.get(i, []), key=lambda ln: ln.y0)
        art.images.append(ArticleImage(p.bbox, "".join(ln.text for ln in cap)))
    body = [
        ln
        for ln in lines
        if id(ln) not in used and ln.size < 1.08 * body_size and ln.size >= 0.93 * body_size
    ]
    stray = [ln for ln in lines if id(ln) not in used and ln not in body]
    if stray:
        art.warnings.append(f"{len(stray)} unclassified lines")
    kept = []
    for ln in body:
        m = CONTINUATION.search(ln.text)
        if m:
            direction = "to" if m.group(1) in CONTINUES_TO else "from"
            art.continuations.append((direction, m.group(2).upper()))
            rest = (ln.text[: m.start()] + ln.text[m.end() :]).strip()
            if not rest:
                continue
            ln.text = rest
        kept.append(ln)
    cols = _columns(kept)
    if cols and cols[0] and _is_byline(cols[0][0], cols[0]):
        col = cols[0]
        n = 1
        # a long byline wraps: "本报记者 张三 李四" / "通讯员 王五"
        while n < len(col) and _is_byline(col[n], col):
            n += 1
        art.byline = " ".join(ln.text for ln in col[:n])
        cols[0] = col[n:]
        cols = [c for c in cols if c]
    if not art.byline and kept:
        art.byline = inline_byline(_opening_lines(kept))
    art.paragraphs = _paragraphs(cols, body_size)
    return art


def _opening_lines(lines: list[Line]) -> list[Line]:
    """The line that opens the story with a dateline (本报讯 …) and the two lines under it
    in its column; found by what they say, not by column order, which tight gutters and
    justified text can confuse."""
    openers = [ln for ln in lines if INLINE_OPENING.match(ln.text)]
    if not openers:
        return []
    cur = min(openers, key=lambda ln: (ln.y0, ln.x0))
    out = [cur]
    for _ in range(2):
        below = [
            ln
            for ln in lines
            if 0 <= ln.y0 - cur.y1 < 1.5 * cur.size
            and min(ln.x1, cur.x1) - max(ln.x0, cur.x0) > 0.5 * (cur.x1 - cur.x0)
        ]
        if not below:
            break
        cur = min(below, key=lambda ln: ln.y0)
        out.append(cur)
    return out


BYLINE_SPACE_EM = 0.2


def _spaced(line) -> str:
    """A line's text with a space wherever the glyphs stand a fifth of an em apart: names in
    a byline are set apart by a narrow space that need not be a character of the PDF."""
    chars = getattr(line, "chars", None)
    if not chars:
        return line.text
    gaps = sorted(b.x0 - a.x1 for a, b in zip(chars, chars[1:], strict=False))
    # over and above the line's own letter spacing (a justified line spreads every glyph)
    usual = max(gaps[len(gaps) // 2], 0.0) if gaps else 0.0
    parts = [chars[0].ch]
    for a, b in zip(chars, chars[1:], strict=False):
        if b.space_before or b.x0 - a.x1 > usual + BYLINE_SPACE_EM * line.size:
            parts.append(" ")
        parts.append(b.ch)
    return "".join(parts)


def inline_byline(first_lines: list[Line]) -> str:
    """The byline of a body that opens with "本报讯（记者 张三 通讯员 李四）": the part in
    brackets, with the spaces the page prints between names (the body keeps the whole text)."""
    m = None
    for n in range(1, len(first_lines) + 1):  # the shortest opening that holds it
        m = INLINE_BYLINE.match("".join(_spaced(ln) for ln in first_lines[:n]))
        if m:
            break
    if not m:
        return ""
    return " ".join(BYLINE_ROLES.sub(r" \1 ", m.group("who")).split())
