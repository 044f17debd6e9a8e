"""规范用语: wording a news desk's style book forbids or asks to use with care.

The rules are data (``data/usage_rules.tsv``, format below), written for baoshe in the spirit
of the published categories of 新闻报道禁用词和慎用词: how the Taiwan authorities and Hong Kong
and Macao are named, 截止/截至, mixed 百分之…% forms, redundant wording (凯旋归来, 悬殊很大),
terms for people with disabilities, 慎用 labels for groups of people, religious and ethnic
terms, legal terms. The newsroom extends or switches off rules in the admin (机审设置 →
规范用语规则), in the same line format; ``UsagePack(extra)`` takes that text.

Line format (tab separated; ``#`` starts a comment line)::

    pattern  suggestion  severity  category  explanation  exceptions

``pattern``      a literal, or ``re:`` and a Python regular expression. A named group ``hit``
                 narrows the highlighted span to that group (the rest is context).
``suggestion``   the replacement of the highlighted span; for ``re:`` rules ``\\1``/``\\g<n>``
                 refer to groups. Empty: no suggestion (the explanation says what to do).
``severity``     block / warn / info.
``category``     one of ``CATEGORIES`` (ids; the report shows the Chinese label).
``exceptions``   optional, ``|``-separated phrases: a match lying inside an occurrence of one
                 of them is not reported (老外滩 for 老外).

An admin line ``-pattern`` switches off the shipped rule with that pattern; an admin line with
the pattern of a shipped rule replaces it.

Decisions:

* A match inside 《》 (a title) is never reported, nor one that is the whole of a short quoted
  term (所谓“台湾总统”: quoting is how the style book says to cite such terms).
* Overlapping matches: the longest one starting first wins (残废军人 over 残废).
* 的/地/得 and 截止目前 are the typo pack's (no duplicate findings); 约…左右 is the numbers
  pack's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..findings import Finding, Severity
from .base import Document, Pack

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "usage_rules.tsv"

#: Category id -> label shown in messages.
CATEGORIES: dict[str, str] = {
    "taiwan": "涉台用语",
    "region": "国家和地区",
    "time": "时间用语",
    "percent": "数量表述",
    "redundant": "语义重复",
    "disability": "残障称谓",
    "caution": "慎用称谓",
    "religion": "宗教民族",
    "legal": "法律用语",
    "wording": "规范字词",
}

_QUOTES = {"“": "”", "‘": "’", "「": "」", '"': '"'}
_GROUP_REF_RE = re.compile(r"\\(\d+)|\\g<(\w+)>")
#: A quoted span at most this much longer than the match counts as quoting the term itself.
_QUOTED_TERM_SLACK = 3


class UsageRuleError(ValueError):
    """A rule line the pack cannot use (the message names the line)."""


@dataclass(frozen=True)
class UsageRule:
    pattern: str
    suggestion: str | None
    severity: Severity
    category: str
    explanation: str
    exceptions: tuple[str, ...] = ()
    regex: re.Pattern = field(compare=False, repr=False, default=None)  # type: ignore[assignment]

    @property
    def rule_id(self) -> str:
        return f"usage-{self.category}"


def parse_rules(text: str, *, origin: str = "") -> tuple[list[UsageRule], set[str], list[str]]:
    """``(rules, disabled patterns, problems)`` of rule lines; bad lines are reported, not used."""
    rules: list[UsageRule] = []
    disabled: set[str] = set()
    problems: list[str] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("-") and "\t" not in line:
            disabled.add(line[1:].strip())
            continue
        try:
            rules.append(parse_rule(line))
        except UsageRuleError as exc:
            problems.append(f"{origin}{lineno}: {exc}")
    return rules, disabled, problems


def parse_rule(line: str) -> UsageRule:
    cols = [c.strip() for c in line.split("\t")] + [""] * 6
    pattern, suggestion, severity, category, explanation, exceptions = cols[:6]
    if not pattern:
        raise UsageRuleError("缺少匹配模式")
    try:
        sev = Severity.parse(severity or "warn")
    except ValueError:
        raise UsageRuleError(f"严重程度“{severity}”无效（block/warn/info）") from None
    category = category or "wording"
    if category not in CATEGORIES:
        raise UsageRuleError(f"类别“{category}”无效（可用：{'、'.join(CATEGORIES)}）")
    if pattern.startswith("re:"):
        try:
            regex = re.compile(pattern[3:])
        except re.error as exc:
            raise UsageRuleError(f"正则表达式有误：{exc}") from None
        if not pattern[3:]:
            raise UsageRuleError("正则表达式为空")
    else:
        regex = re.compile(re.escape(pattern))
    if suggestion and pattern.startswith("re:"):
        for ref in _GROUP_REF_RE.finditer(suggestion):
            name = ref.group(1) or ref.group(2)
            if not (int(name) <= regex.groups if name.isdigit() else name in regex.groupindex):
                raise UsageRuleError(f"建议引用了不存在的分组“{ref.group()}”")
    return UsageRule(
        pattern=pattern,
        suggestion=suggestion or None,
        severity=sev,
        category=category,
        explanation=explanation,
        exceptions=tuple(e for e in (x.strip() for x in exceptions.split("|")) if e),
        regex=regex,
    )


@cache
def shipped_rules() -> tuple[UsageRule, ...]:
    rules, _, problems = parse_rules(DATA_FILE.read_text(encoding="utf-8"), origin="usage:")
    if problems:  # pragma: no cover - guarded by tests
        raise UsageRuleError("; ".join(problems))
    return tuple(rules)


def merge_rules(extra: str = "") -> list[UsageRule]:
    """Shipped rules, minus those the admin switched off, plus/replaced by the admin's own."""
    added, disabled, _ = parse_rules(extra)
    own = {r.pattern for r in added}
    rules = [r for r in shipped_rules() if r.pattern not in disabled and r.pattern not in own]
    rules.extend(r for r in added if r.pattern not in disabled)
    return rules


class UsagePack(Pack):
    id = "usage"
    label = "规范用语"
    description = "新闻报道禁用词和慎用词：涉台港澳称谓、截止与截至、残障称谓、语义重复等"

    def __init__(self, extra_rules: str = ""):
        self.rules = merge_rules(extra_rules)

    def check(self, doc: Document) -> Iterator[Finding]:
        for offset, para in doc.paragraphs():
            yield from self._check_para(doc, offset, para)

    def _check_para(self, doc: Document, off: int, para: str) -> Iterator[Finding]:
        candidates = []
        for rule in self.rules:
            for m in rule.regex.finditer(para):
                start, end = m.span("hit") if "hit" in rule.regex.groupindex else m.span()
                if start == end or self._excepted(rule, para, start, end):
                    continue
                candidates.append((start, -(end - start), end, rule, m))
        candidates.sort(key=lambda c: (c[0], c[1]))
        last_end = -1
        for start, _, end, rule, m in candidates:
            if start < last_end:
                continue
            last_end = end
            suggestion = None
            if rule.suggestion is not None:
                is_re = rule.pattern.startswith("re:")
                suggestion = m.expand(rule.suggestion) if is_re else rule.suggestion
            text = para[start:end]
            label = CATEGORIES[rule.category]
            advice = f"宜作“{suggestion}”" if suggestion else ""
            message = (
                f"【{label}】“{text}”"
                + (f"{advice}：" if advice else "：")
                + (rule.explanation or "不符合新闻用语规范。")
            )
            yield self.finding(
                doc, off + start, off + end, rule.rule_id, rule.severity, message, suggestion
            )

    @staticmethod
    def _excepted(rule: UsageRule, para: str, start: int, end: int) -> bool:
        for phrase in rule.exceptions:
            lo = max(0, end - len(phrase))
            i = para.find(phrase, lo, start + len(phrase))
            while i != -1 and i <= start:
                if i + len(phrase) >= end:
                    return True
                i = para.find(phrase, i + 1, start + len(phrase))
        return _in_title(para, start) or _quoted_term(para, start, end)


def _in_title(para: str, start: int) -> bool:
    """Inside 《…》 (a book, film or document title)?"""
    opened = para.rfind("《", 0, start)
    return opened != -1 and para.rfind("》", opened, start) == -1 and "》" in para[start:]


def _quoted_term(para: str, start: int, end: int) -> bool:
    """Is the match the whole (or nearly the whole) of a quoted term, 所谓“…”?"""
    for open_q, close_q in _QUOTES.items():
        i = para.rfind(open_q, max(0, start - _QUOTED_TERM_SLACK - 1), start + 1)
        if i == -1:
            continue
        j = para.find(close_q, end)
        if j != -1 and (j - i - 1) - (end - start) <= _QUOTED_TERM_SLACK:
            return True
    return False
