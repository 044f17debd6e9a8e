"""数字: numbers per GB/T 15835-2011 《出版物上数字用法》.

Decisions:

``mixed-digits``  Chinese and Arabic digits mixed inside one number (二0二六年) are wrong; so is
                  ○ (a circle) or the letter O used for 〇 in a Chinese-digit year (二○二六年).
``unit-mix``      Arabic digits followed by 千/百 (3千万, 5百) should be written 3000万 / 500:
                  GB/T 15835 allows 万 and 亿 as units after Arabic digits (3000万, 1.2亿) but
                  not 十/百/千. Measurement units that start with 千/百 (千米, 千克, 千瓦, 百分点)
                  are excluded. Severity info: it is a style rule.
``date``          impossible dates (2026年13月5日, 2月30日, 2025年2月29日, 2026-13-05) block:
                  they are always a factual error.
``time``          impossible clock times (25时, 70分, 61秒) block.
``grouping``      thousands separators must group by three (1,234 fine, 12,3456 wrong); a
                  separator number directly followed by 万/亿 (1,234万) is info.
``approx``        约/大约/近 … 左右 says "about" twice (约50人左右) -> warn.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

from ..findings import Finding, Severity
from .base import Document, Pack

_CN_DIGITS = "〇零一二三四五六七八九"
_MIXED_RE = re.compile(rf"[{_CN_DIGITS}○OＯ0-9０-９]{{3,}}(?=年)")
_CIRCLE_RE = re.compile(
    rf"(?<=[{_CN_DIGITS}])[○OＯ](?=[{_CN_DIGITS}○OＯ])|(?<=[{_CN_DIGITS}○OＯ])[○OＯ](?=[{_CN_DIGITS}])"
)
_UNIT_MIX_RE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)([千百])(?![米克瓦卡帕伏焦赫分兆])(万|亿)?")
_DATE_YMD_RE = re.compile(r"(?<!\d)(\d{4})年(\d{1,2})月(\d{1,2})日")
_DATE_MD_RE = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")
_DATE_ISO_RE = re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")
_MONTH_RE = re.compile(r"(?<![\d.])(\d{1,2})月(?=份|底|初|中旬|下旬|上旬|\d)|(?<=\d年)(\d{1,2})月")
_TIME_RE = re.compile(r"(?<!\d)(\d{1,2})(时|点)(?:(\d{1,2})分(?:(\d{1,2})秒)?)?")
_GROUP_RE = re.compile(r"(?<![\d.,])\d+(?:,\d+)+(?:\.\d+)?(?![\d,])")
_APPROX_RE = re.compile(r"(大约|约|近)\d[\d.,]*[^\s，。；！？、\d]{0,6}?左右")

_UNIT_VALUE = {"千": 1000, "百": 100}


def _full_to_half_digits(s: str) -> str:
    return s.translate({cp: cp - 0xFEE0 for cp in range(ord("０"), ord("９") + 1)})


class NumbersPack(Pack):
    id = "numbers"
    label = "数字"
    description = "数字用法（GB/T 15835）：汉字与阿拉伯数字混用、日期时间、千分位"

    def check(self, doc: Document) -> Iterator[Finding]:
        for offset, para in doc.paragraphs():
            yield from self._check_para(doc, offset, _full_to_half_digits(para))

    def _check_para(self, doc: Document, off: int, para: str) -> Iterator[Finding]:
        for m in _MIXED_RE.finditer(para):
            s = m.group()
            has_cn = any(c in _CN_DIGITS for c in s)
            has_ar = any(c.isdigit() and c.isascii() for c in s)
            if has_cn and has_ar:
                fixed = s.translate(str.maketrans("0123456789", _CN_DIGITS[0] + _CN_DIGITS[2:]))
                fixed = fixed.translate(str.maketrans("○OＯ", "〇〇〇"))
                yield self.finding(
                    doc,
                    off + m.start(),
                    off + m.end(),
                    "mixed-digits",
                    Severity.WARN,
                    f"“{s}”中汉字数字与阿拉伯数字混用，应统一写作“{fixed}”或阿拉伯数字。",
                    fixed,
                )
        for m in _CIRCLE_RE.finditer(para):
            yield self.finding(
                doc,
                off + m.start(),
                off + m.end(),
                "mixed-digits",
                Severity.INFO,
                f"汉字数字中的零应写作“〇”，而非“{m.group()}”。",
                "〇",
            )
        for m in _UNIT_MIX_RE.finditer(para):
            num, unit, big = m.group(1), m.group(2), m.group(3) or ""
            value = float(num) * _UNIT_VALUE[unit]
            shown = str(int(value)) if value == int(value) else f"{value:g}"
            yield self.finding(
                doc,
                off + m.start(),
                off + m.end(),
                "unit-mix",
                Severity.INFO,
                f"阿拉伯数字后不宜用“{unit}”作单位，宜写作“{shown}{big}”。",
                f"{shown}{big}",
            )
        yield from self._dates(doc, off, para)
        yield from self._times(doc, off, para)
        for m in _GROUP_RE.finditer(para):
            groups = m.group().split(".")[0].split(",")
            if any(len(g) < 3 for g in groups[1:]):
                continue  # 1,2,3: a list of numbers, not a separator
            if len(groups[0]) > 3 and any(len(g) != 3 for g in groups[1:]):
                continue  # 2023,2024: a list of years
            if len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
                after = para[m.end() : m.end() + 1]
                if after in ("万", "亿"):
                    yield self.finding(
                        doc,
                        off + m.start(),
                        off + m.end() + 1,
                        "grouping",
                        Severity.INFO,
                        "以“万”“亿”为单位的数值不宜再用千分位分隔符。",
                        m.group().replace(",", "") + after,
                    )
                continue
            digits = "".join(groups)
            frac = m.group()[len(",".join(groups)) :]
            regrouped = f"{int(digits):,}" + frac
            yield self.finding(
                doc,
                off + m.start(),
                off + m.end(),
                "grouping",
                Severity.WARN,
                f"千分位分隔应每三位一组：“{m.group()}”应为“{regrouped}”。",
                regrouped,
            )
        for m in _APPROX_RE.finditer(para):
            yield self.finding(
                doc,
                off + m.start(),
                off + m.end(),
                "approx",
                Severity.WARN,
                f"“{m.group(1)}”与“左右”语义重复，保留其一。",
                m.group()[len(m.group(1)) :],
            )

    def _dates(self, doc: Document, off: int, para: str) -> Iterator[Finding]:
        month_starts: set[int] = set()  # months already judged as part of a full date
        for rx, has_year in ((_DATE_YMD_RE, True), (_DATE_ISO_RE, True), (_DATE_MD_RE, False)):
            for m in rx.finditer(para):
                month_starts.add(m.start(2 if has_year else 1))
                if has_year:
                    year, month, day = (int(g) for g in m.groups())
                else:
                    year, month, day = 2024, *(int(g) for g in m.groups())  # leap: 2月29日 ok
                problem = _date_problem(year, month, day, has_year)
                if problem:
                    yield self.finding(
                        doc,
                        off + m.start(),
                        off + m.end(),
                        "date",
                        Severity.BLOCK,
                        f"日期“{m.group()}”不存在：{problem}。",
                        None,
                    )
        for m in _MONTH_RE.finditer(para):
            idx = 1 if m.group(1) else 2
            month = int(m.group(idx))
            if 1 <= month <= 12 or m.start(idx) in month_starts:
                continue
            yield self.finding(
                doc,
                off + m.start(idx),
                off + m.end(),
                "date",
                Severity.BLOCK,
                f"月份“{month}月”不存在。",
                None,
            )

    def _times(self, doc: Document, off: int, para: str) -> Iterator[Finding]:
        for m in _TIME_RE.finditer(para):
            hour = int(m.group(1))
            minute = int(m.group(3)) if m.group(3) else None
            second = int(m.group(4)) if m.group(4) else None
            if minute is None and not _looks_like_clock(para, m):
                continue
            problem = None
            if hour > 24 or (hour == 24 and (minute or second)):
                problem = f"小时数 {hour} 超出范围"
            elif minute is not None and minute > 59:
                problem = f"分钟数 {minute} 超出范围"
            elif second is not None and second > 59:
                problem = f"秒数 {second} 超出范围"
            if problem:
                yield self.finding(
                    doc,
                    off + m.start(),
                    off + m.end(),
                    "time",
                    Severity.BLOCK,
                    f"时间“{m.group()}”不存在：{problem}。",
                    None,
                )


def _looks_like_clock(para: str, m: re.Match) -> bool:
    """A bare "N时/点" is a clock time only right after a date or before 许/左右/整/前/后."""
    before = para[max(0, m.start() - 1) : m.start()]
    after = para[m.end() : m.end() + 2]
    return before == "日" or after[:1] in ("许", "整") or after.startswith("左右")


def _date_problem(year: int, month: int, day: int, has_year: bool) -> str | None:
    if not 1 <= month <= 12:
        return f"月份 {month} 超出 1—12"
    if day < 1:
        return "日期为 0"
    last = calendar.monthrange(year, month)[1]
    if day > last:
        if month == 2 and day == 29 and has_year:
            return f"{year} 年不是闰年，2 月只有 28 天"
        return f"{month} 月只有 {last} 天"
    return None
