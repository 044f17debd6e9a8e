"""Page layouts: a seeded combinator of broadsheet grids, headers, ads and boxes."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .article import GUTTER, set_article
from .content import ADS, EDITORS
from .photos import scanned_page_jpeg
from .specs import ArticleSpec, GeneratedPage, PageTruth
from .typeset import PageWriter, break_lines, text_width

# 350 x 500 mm, a common Chinese broadsheet (对开) PDF export size.
PAGE_W = 992.13
PAGE_H = 1417.32
MARGIN_X = 42.0
MARGIN_TOP = 36.0
MARGIN_BOTTOM = 34.0
NEWSPAPER = "示例日报"
WEEKDAYS = "一二三四五六日"


@dataclass
class SlotPlan:
    rect: list[float]
    span: int
    role: str  # lead | normal | small
    kind: str = "article"  # article | box | ad


@dataclass
class PagePlan:
    ncols: int
    slots: list[SlotPlan] = field(default_factory=list)
    separators: list[list[float]] = field(default_factory=list)  # candidate rules


def _compose(rng: random.Random, total: int, sizes=(1, 2, 3)) -> list[int]:
    parts: list[int] = []
    while sum(parts) < total:
        left = total - sum(parts)
        choices = [s for s in sizes if s <= left]
        parts.append(rng.choice(choices))
    if len(parts) == 1 and total > 1:
        a = rng.randint(1, total - 1)
        parts = [a, total - a]
    return parts


def plan_page(rng: random.Random, area: list[float], ncols: int) -> PagePlan:
    """Guillotine plan: a lead band, one or two bands of stories, maybe an ad band."""
    x0, y0, x1, y1 = area
    cw = (x1 - x0 - (ncols - 1) * GUTTER) / ncols
    plan = PagePlan(ncols)

    def cx(col: int) -> float:
        return x0 + col * (cw + GUTTER)

    def span_rect(c0: int, span: int, top: float, bottom: float) -> list[float]:
        return [cx(c0), top, cx(c0) + span * cw + (span - 1) * GUTTER, bottom]

    def stack(c0: int, span: int, top: float, bottom: float, role: str, max_n: int) -> None:
        h = bottom - top
        n = 1
        if max_n >= 2 and h > 420 and rng.random() < 0.55:
            n = 2
        if max_n >= 3 and h > 700 and rng.random() < 0.3:
            n = 3
        cuts = [top]
        for i in range(1, n):
            cuts.append(top + h * i / n + rng.uniform(-0.08, 0.08) * h)
        cuts.append(bottom)
        for i in range(n):
            t = cuts[i] + (GUTTER / 2 if i else 0)
            b = cuts[i + 1] - (GUTTER / 2 if i < n - 1 else 0)
            plan.slots.append(SlotPlan(span_rect(c0, span, t, b), span, role))
            if i < n - 1:
                ry = cuts[i + 1]
                plan.separators.append([cx(c0), ry, cx(c0) + span * cw + (span - 1) * GUTTER, ry])

    height = y1 - y0
    ad_band = rng.random() < 0.3
    ad_h = rng.uniform(150, 220) if ad_band else 0.0
    lead_h = height * rng.uniform(0.34, 0.48)
    lead_span = rng.choice([s for s in (ncols, ncols - 1, ncols - 2) if s >= 3])
    lead_left = rng.random() < 0.7
    top, bottom = y0, y0 + lead_h
    if lead_span == ncols:
        plan.slots.append(SlotPlan(span_rect(0, ncols, top, bottom), ncols, "lead"))
    else:
        lc = 0 if lead_left else ncols - lead_span
        oc = lead_span if lead_left else 0
        side = ncols - lead_span
        vx = cx(lead_span) - GUTTER / 2 if lead_left else cx(side) - GUTTER / 2
        parts = [("lead", lc, lead_span), ("side", oc, side)]
        parts.sort(key=lambda p: p[1])
        for kind, c0, span in parts:
            if kind == "lead":
                plan.slots.append(SlotPlan(span_rect(c0, span, top, bottom), span, "lead"))
            else:
                stack(c0, span, top, bottom, "small", 2)
        plan.separators.append([vx, top, vx, bottom])
    rest_top = bottom + GUTTER
    rest_bottom = y1 - (ad_h + GUTTER if ad_band else 0)
    plan.separators.append([x0, bottom + GUTTER / 2, x1, bottom + GUTTER / 2])
    rest_h = rest_bottom - rest_top
    nb = 2 if rest_h > 620 and rng.random() < 0.6 else 1
    band_cuts = [rest_top] + [
        rest_top + rest_h * (i / nb) + rng.uniform(-40, 40) for i in range(1, nb)
    ]
    band_cuts.append(rest_bottom)
    for b in range(nb):
        t = band_cuts[b] + (GUTTER / 2 if b else 0)
        bt = band_cuts[b + 1] - (GUTTER / 2 if b < nb - 1 else 0)
        if b < nb - 1:
            plan.separators.append([x0, band_cuts[b + 1], x1, band_cuts[b + 1]])
        c0 = 0
        parts = _compose(rng, ncols)
        for i, span in enumerate(parts):
            stack(c0, span, t, bt, "normal" if span >= 2 else "small", 3 if span == 1 else 2)
            c0 += span
            if i < len(parts) - 1:
                vx = cx(c0) - GUTTER / 2
                plan.separators.append([vx, t, vx, bt])
    if ad_band:
        at = y1 - ad_h
        span = rng.choice([ncols, ncols, ncols - 1])
        plan.slots.append(SlotPlan(span_rect(0, span, at, y1), span, "small", "ad"))
        plan.separators.append([x0, at - GUTTER / 2, x1, at - GUTTER / 2])
        if span < ncols:
            plan.slots.append(
                SlotPlan(span_rect(span, ncols - span, at, y1), ncols - span, "small")
            )
            vx = cx(span) - GUTTER / 2
            plan.separators.append([vx, at, vx, y1])
    others = [s for s in plan.slots if s.role != "lead" and s.kind == "article"]
    if others and rng.random() < 0.5:
        cand = [s for s in others if s.span <= 3 and s.rect[3] - s.rect[1] > 200]
        if cand:
            rng.choice(cand).kind = "box"
    if not ad_band and rng.random() < 0.3:
        cand = [s for s in plan.slots if s.kind == "article" and s.role != "lead" and s.span <= 2]
        if cand:
            rng.choice(cand).kind = "ad"
    return plan


def _draw_header(
    w: PageWriter, number: str, name: str, date: dt.date, issue_no: int, n_pages: int
) -> float:
    """报头 (A01) or 版头 (inner pages); returns the y where content may start."""
    date_s = f"{date.year}年{date.month}月{date.day}日 星期{WEEKDAYS[date.weekday()]}"
    x0, x1 = MARGIN_X, PAGE_W - MARGIN_X
    y = MARGIN_TOP
    if number.endswith("01") and number.startswith("A"):
        w.text(x0, y, NEWSPAPER, 58, bold=True, color=(0.75, 0.05, 0.05))
        w.text(x0 + 4, y + 70, "示例市新闻传媒集团主办", 11)
        info = [
            date_s,
            f"第{issue_no}期 今日{n_pages}版",
            "国内统一连续出版物号 CN00-0000",
            f"{number} {name}",
        ]
        for i, line in enumerate(info):
            w.text(x1 - text_width(line, 11), y + 4 + i * 17, line, 11)
        y += 96
        w.rule(x0, y, x1, y, 2.2, 0.0)
        w.rule(x0, y + 4, x1, y + 4, 0.6, 0.0)
        return y + 16
    w.text(x0, y, number, 24, bold=True, color=(0.1, 0.2, 0.55))
    w.text(x0 + 62, y + 5, name, 18, bold=True)
    right = f"{NEWSPAPER}  {date_s}"
    w.text(x1 - text_width(right, 10.5), y + 10, right, 10.5)
    y += 34
    w.rule(x0, y, x1, y, 1.8, 0.0)
    return y + 14


def _draw_footer(w: PageWriter, rng: random.Random) -> tuple[float, list[float]]:
    x0, x1 = MARGIN_X, PAGE_W - MARGIN_X
    y = PAGE_H - MARGIN_BOTTOM - 10
    w.rule(x0, y - 6, x1, y - 6, 0.5)
    ed = rng.sample(EDITORS, 3)
    box = w.runs(x0, y, ["责任编辑：" + ed[0], "美术编辑：" + ed[1], "校对：" + ed[2]], 8, gap_em=2)
    return y - 6 - GUTTER, [x0, y - 6, x1, box[3]]


def _draw_ad(w: PageWriter, rect: list[float], rng: random.Random) -> None:
    brand, slogan, line = rng.choice(ADS)
    fill = rng.choice([(0.98, 0.9, 0.8), (0.85, 0.93, 0.98), (0.95, 0.97, 0.86)])
    w.rect(rect, stroke=1.2, fill=fill, stroke_color=(0.6, 0.1, 0.1))
    x0, y0, x1, y1 = rect
    h = y1 - y0
    big = max(14.0, min(40.0, h / 4, (x1 - x0 - 20) / max(len(slogan), 1)))
    w.text(x0 + 12, y0 + 12, brand, big * 0.6, bold=True, color=(0.6, 0.1, 0.1))
    w.text(x0 + 12, y0 + 20 + big * 0.6, slogan, big, bold=True, color=(0.2, 0.2, 0.2))
    if h > big * 1.9 + 40:
        w.runs(x0 + 12, y0 + 30 + big * 1.6, line.split(" "), min(14.0, big * 0.5))
    w.text(x1 - 24, y0 + 4, "广告", 7)


def compose_page(
    number: str,
    name: str,
    date: dt.date,
    seed: int,
    next_article: Callable[[random.Random], ArticleSpec],
    *,
    issue_no: int = 1,
    n_pages: int = 8,
    continued_in: tuple[ArticleSpec, list[str], str] | None = None,
    continue_to: str | None = None,
) -> tuple[GeneratedPage, tuple[ArticleSpec, list[str], str] | None]:
    """Draw one page; returns it and, if `continue_to`, the story that jumps there."""
    rng = random.Random(seed)
    ncols = rng.choice([4, 5, 6])
    style = rng.choices(["ruled", "mixed", "open"], weights=[5, 3, 2])[0]
    align = rng.choice(["center", "center", "left"])
    w = PageWriter(PAGE_W, PAGE_H, f"{NEWSPAPER} {number} {name}")
    content_top = _draw_header(w, number, name, date, issue_no, n_pages)
    content_bottom, footer_box = _draw_footer(w, rng)
    truth = PageTruth(number, name, round(PAGE_W, 2), round(PAGE_H, 2), True)
    truth.excluded.append(
        {"kind": "header", "bbox": [MARGIN_X, MARGIN_TOP, PAGE_W - MARGIN_X, content_top - 14]}
    )
    truth.excluded.append({"kind": "footer", "bbox": [round(v, 2) for v in footer_box]})
    area = [MARGIN_X, content_top, PAGE_W - MARGIN_X, content_bottom]
    plan = plan_page(rng, area, ncols)
    truth.layout = {"columns": ncols, "style": style, "align": align, "seed": seed}
    for sep in plan.separators:
        if style == "ruled" or (style == "mixed" and rng.random() < 0.6):
            w.rule(*sep, width=0.5)
    outgoing = None
    order_slots = range(len(plan.slots))  # plan order is reading order
    jump_slot = None
    if continue_to:
        cand = [i for i, s in enumerate(plan.slots) if s.kind == "article" and s.role != "lead"]
        jump_slot = rng.choice(cand) if cand else None
    cont_slot = None
    if continued_in:
        cand = [
            i for i, s in enumerate(plan.slots) if s.kind in ("article", "box") and s.role != "lead"
        ]
        cont_slot = cand[0] if cand else None
    order = 0
    for i in order_slots:
        slot = plan.slots[i]
        if slot.kind == "ad":
            _draw_ad(w, slot.rect, rng)
            truth.excluded.append({"kind": "ad", "bbox": [round(v, 2) for v in slot.rect]})
            continue
        if i == cont_slot:
            spec, paras, src = continued_in
            spec = replace(spec, kicker="", subtitle="", byline="", image=None)
            res = set_article(
                w,
                spec,
                slot.rect,
                slot.span,
                rng,
                role="small",
                boxed=False,
                align=align,
                cont_from=src,
                paragraphs=paras,
            )
        else:
            spec = next_article(rng)
            res = set_article(
                w,
                spec,
                slot.rect,
                slot.span,
                rng,
                role=slot.role,
                boxed=slot.kind == "box",
                align=align,
                cont_to=continue_to if i == jump_slot else None,
            )
            if i == jump_slot and res.overflow:
                outgoing = (spec, res.overflow, number)
        res.truth.order = order
        order += 1
        truth.articles.append(res.truth)
    return GeneratedPage(w.finish(), number, name, truth), outgoing


def compose_scanned_page(number: str, name: str, seed: int) -> GeneratedPage:
    """A page exported as one full-page picture: no text layer at all."""
    w = PageWriter(PAGE_W, PAGE_H, f"{NEWSPAPER} {number} {name}")
    w.image(
        scanned_page_jpeg(PAGE_W, PAGE_H, seed, f"{NEWSPAPER} {number} {name}"),
        [0, 0, PAGE_W, PAGE_H],
    )
    truth = PageTruth(
        number, name, round(PAGE_W, 2), round(PAGE_H, 2), False, layout={"scanned": True}
    )
    return GeneratedPage(w.finish(), number, name, truth)


__all__ = ["compose_page", "compose_scanned_page", "plan_page", "break_lines", "PAGE_W", "PAGE_H"]
