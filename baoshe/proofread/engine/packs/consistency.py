"""一致性: facts that contradict each other or the article's metadata.

``weekday``        "11月24日（星期一）" when that date is not a Monday. Without an explicit year
                   the year is taken from the publish date (the year that puts the date
                   closest to it, so a January story about 12月31日 means last year).
``dateline``       the date of the 电头/本报讯 lead ("新华社北京11月25日电") is later than the
                   publish date: a story cannot be filed after it is published.
``summary-date``   a date in the 核心提示 (summary) that does not occur in the body.
``summary-number`` a number in the summary that does not occur in the body. If the body has
                   exactly one other number with the same unit, it is offered as suggestion.

Summary findings carry ``field="summary"`` and offsets into the summary text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..findings import Finding, Severity
from .base import Document, Pack

_WEEKDAYS = "一二三四五六日"
_WEEKDAY_RE = re.compile(
    r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日[（(，,\s]{0,2}(星期|周|礼拜)([一二三四五六日天])"
)
_DATELINE_RE = re.compile(
    r"(?:(?:新华社|中新社|中新网|本报|[\u4e00-\u9fff]{2,6}(?:社|网|报|台))[\u4e00-\u9fff]{0,10}?"
    r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日电)"
    r"|(?:本报讯|讯)[（(][^）)\n]{0,40}[）)]\s*(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日"
)
_DATELINE_SCAN = 400  # datelines live at the top of the story
_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})日")
_NUMBER_RE = re.compile(r"(?<![\d.])\d+(?:,\d{3})*(?:\.\d+)?")
_HALF_DIGITS = {cp: cp - 0xFEE0 for cp in range(ord("０"), ord("９") + 1)}
_HALF_DIGITS[ord("．")] = "."


def resolve_year(month: int, day: int, publish: date) -> date | None:
    """The date with this month/day closest to ``publish`` (previous, same or next year)."""
    best = None
    for year in (publish.year - 1, publish.year, publish.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((d - publish).days) < abs((best - publish).days):
            best = d
    return best


def _make_date(year: str | None, month: str, day: str, publish: date | None) -> date | None:
    try:
        if year:
            return date(int(year), int(month), int(day))
        if publish is None:
            return None
        return resolve_year(int(month), int(day), publish)
    except ValueError:
        return None  # impossible dates are the numbers pack's business


class ConsistencyPack(Pack):
    id = "consistency"
    label = "一致性"
    description = "电头日期、星期与发布日期是否矛盾，核心提示与正文的数字、日期是否一致"

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text.translate(_HALF_DIGITS)
        yield from self._weekdays(doc, text)
        if doc.publish_date is not None:
            yield from self._dateline(doc, text)
        if doc.summary:
            yield from self._summary(doc, text, doc.summary.translate(_HALF_DIGITS))

    def _weekdays(self, doc: Document, text: str) -> Iterator[Finding]:
        for m in _WEEKDAY_RE.finditer(text):
            d = _make_date(m.group(1), m.group(2), m.group(3), doc.publish_date)
            if d is None:
                continue
            written = _WEEKDAYS.index("日" if m.group(5) == "天" else m.group(5))
            if written != d.weekday():
                actual = f"{m.group(4)}{_WEEKDAYS[d.weekday()]}"
                basis = "" if m.group(1) else f"（按发布日期推定为 {d.year} 年）"
                yield self.finding(
                    doc,
                    m.start(4),
                    m.end(5),
                    "weekday",
                    Severity.BLOCK,
                    f"{d.year}年{d.month}月{d.day}日是{actual}，与文中“{m.group(4)}{m.group(5)}”"
                    f"不符{basis}。",
                    actual,
                )

    def _dateline(self, doc: Document, text: str) -> Iterator[Finding]:
        publish = doc.publish_date
        assert publish is not None
        m = _DATELINE_RE.search(text, 0, _DATELINE_SCAN)
        if not m:
            return
        groups = m.groups()
        year, month, day = groups[0:3] if groups[1] else groups[3:6]
        d = _make_date(year, month, day, publish)
        if d is not None and d > publish:
            start = m.start(2) if groups[1] else m.start(5)
            end = m.end(3) + 1 if groups[1] else m.end(6) + 1
            yield self.finding(
                doc,
                start,
                end,
                "dateline",
                Severity.BLOCK,
                f"电头日期 {d.isoformat()} 晚于发布日期 {publish.isoformat()}。",
                None,
            )

    def _summary(self, doc: Document, body: str, summary: str) -> Iterator[Finding]:
        body_dates = {(int(a), int(b)) for a, b in _DATE_RE.findall(body)}
        date_spans = []
        for m in _DATE_RE.finditer(summary):
            date_spans.append(m.span())
            if (int(m.group(1)), int(m.group(2))) not in body_dates:
                yield self.finding(
                    doc,
                    m.start(),
                    m.end(),
                    "summary-date",
                    Severity.WARN,
                    f"核心提示中的日期“{m.group()}”在正文中未出现，请核对。",
                    None,
                    field="summary",
                    source=doc.summary,
                )
        body_numbers: dict[str, set[str]] = {}
        body_values: set[str] = set()
        for m in _NUMBER_RE.finditer(body):
            value = m.group().replace(",", "")
            body_values.add(value)
            body_numbers.setdefault(body[m.end() : m.end() + 1], set()).add(value)
        for m in _NUMBER_RE.finditer(summary):
            if any(s <= m.start() < e for s, e in date_spans):
                continue
            value = m.group().replace(",", "")
            if value in body_values:
                continue
            unit = summary[m.end() : m.end() + 1]
            same_unit = body_numbers.get(unit, set()) if unit.strip() else set()
            suggestion = next(iter(same_unit)) if len(same_unit) == 1 else None
            hint = f"正文为“{suggestion}{unit}”" if suggestion else "正文中未出现"
            yield self.finding(
                doc,
                m.start(),
                m.end(),
                "summary-number",
                Severity.WARN,
                f"核心提示中的数字“{m.group()}{unit.strip()}”与正文不一致（{hint}），请核对。",
                suggestion,
                field="summary",
                source=doc.summary,
            )
