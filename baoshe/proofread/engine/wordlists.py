"""Administrator-maintained word lists (敏感词/违禁词) and their text import format.

Line format (UTF-8 text, one term per line)::

    # comment lines and blank lines are ignored
    term
    term<TAB>category
    term<TAB>category<TAB>severity
    term<TAB>category<TAB>severity<TAB>note shown to the editor
    !phrase                      exception: matches inside this phrase are not reported

Missing fields take the list's defaults (category and severity given when loading). Severity is
one of ``block``, ``warn``, ``info`` (Chinese 阻断/警告/提示 are accepted too). A line that
cannot be understood is *reported* with its line number (``WordListIssue``) and skipped;
the administrator sees every rejected line instead of silently losing terms.

Budgets: a list has at most ``MAX_TERMS_PER_LIST`` lines and ``MAX_LIST_CHARS`` characters, and
the enabled lists together at most ``MAX_TERMS_TOTAL`` terms (checked by the admin forms with
``check_total_budget``). A list over its budget is refused with ``WordListTooLarge`` before any
line is parsed: parsing and the matching automaton cost about 0.9 KB per term in every process
that runs 机审 (183 MB resident for a 200,000-term list, bench/proofread_speed.py), so an
unbounded upload could take gigabytes from every worker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .bulk import gc_paused
from .findings import Severity
from .inputs import ProofreadInputError, load_text
from .normalize import normalize_terms

#: The category of entries that name none: stored in rows and reported in findings.
DEFAULT_CATEGORY = "敏感词"

MAX_TERM_LENGTH = 64
#: Lines (terms, exceptions and comments) of one list.
MAX_TERMS_PER_LIST = 200_000
#: Terms of all enabled lists together.
MAX_TERMS_TOTAL = 500_000
#: Characters of one list's text (200,000 lines of term, category, severity and a note).
MAX_LIST_CHARS = 5 * 1024 * 1024
_WORD_CHAR_RE = re.compile(r"\w")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
#: Control characters that can survive ``splitlines`` (tab is the field separator).
_CONTROL_IN_LINES_RE = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f]")
_SEVERITY_ALIASES = {
    "block": Severity.BLOCK,
    "阻断": Severity.BLOCK,
    "禁止": Severity.BLOCK,
    "warn": Severity.WARN,
    "warning": Severity.WARN,
    "警告": Severity.WARN,
    "info": Severity.INFO,
    "提示": Severity.INFO,
}


class WordListEntry(NamedTuple):
    """One term of a list.

    A ``NamedTuple`` rather than a frozen dataclass: it is just as immutable, and builds
    about three times faster, which matters for 100,000-term lists.
    """

    term: str
    category: str
    severity: Severity
    note: str = ""
    #: Normalised matching key (filled by ``parse_word_list``; computed on demand otherwise).
    key: str = ""


class WordListTooLarge(ProofreadInputError):
    """A word list over its budget; the message says which budget, in Chinese."""


def check_list_budget(text: str) -> None:
    """Refuse ``text`` when it is over one list's budget, without parsing it."""
    if len(text) > MAX_LIST_CHARS:
        raise WordListTooLarge(
            f"词表过大：{len(text):,} 个字符，单个词表上限 {MAX_LIST_CHARS:,} 个字符。"
            "请拆分为多个词表。"
        )
    lines = text.count("\n") + 1
    if lines > MAX_TERMS_PER_LIST:
        raise WordListTooLarge(
            f"词表过大：{lines:,} 行，单个词表上限 {MAX_TERMS_PER_LIST:,} 行。请拆分为多个词表。"
        )


def check_total_budget(terms: int, other_terms: int) -> None:
    """Refuse a list of ``terms`` terms when the enabled lists would exceed the total budget."""
    if terms + other_terms > MAX_TERMS_TOTAL:
        raise WordListTooLarge(
            f"词条总数超出上限：其他启用的词表已有 {other_terms:,} 条，本词表 {terms:,} 条，"
            f"全部启用词表合计上限 {MAX_TERMS_TOTAL:,} 条。请停用或精简其他词表。"
        )


@dataclass(frozen=True, slots=True)
class WordListIssue:
    """A rejected line of a word-list file."""

    line_no: int
    line: str
    reason: str

    def __str__(self) -> str:
        return f"第 {self.line_no} 行：{self.reason}（{self.line[:40]}）"


@dataclass(slots=True)
class WordList:
    """A named list of terms, e.g. one row of the admin's word-list table.

    ``exceptions`` are phrases inside which a match is not reported (e.g. a list containing
    包过 may except 包过敏 so that 面包过敏 is not flagged).
    """

    name: str
    entries: list[WordListEntry] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    enabled: bool = True

    @classmethod
    def from_terms(
        cls,
        name: str,
        terms: Iterable[str],
        *,
        category: str = DEFAULT_CATEGORY,
        severity: Severity | str = Severity.WARN,
        exceptions: Iterable[str] = (),
    ) -> WordList:
        sev = Severity.parse(severity)
        entries = [WordListEntry(t.strip(), category, sev) for t in terms if t and t.strip()]
        return cls(name, entries, list(exceptions))

    def __len__(self) -> int:
        return len(self.entries)


def parse_word_list(
    text: str,
    *,
    name: str = "词表",
    default_category: str = DEFAULT_CATEGORY,
    default_severity: Severity | str = Severity.WARN,
) -> tuple[WordList, list[WordListIssue]]:
    """Parse the line format above. Returns the list and the rejected lines.

    Raises ``WordListTooLarge`` (before parsing anything) for a list over its budget.
    """
    check_list_budget(text)
    with gc_paused():
        return _parse_word_list(text, name, default_category, default_severity)


def _parse_word_list(
    text: str, name: str, default_category: str, default_severity: Severity | str
) -> tuple[WordList, list[WordListIssue]]:
    default_sev = Severity.parse(default_severity)
    word_list = WordList(name)
    issues: list[WordListIssue] = []
    text = text.removeprefix("\ufeff")
    # Control characters are rare: one scan of the whole text decides whether terms need the
    # per-line check (the hot loop below is what a 100,000-line import spends its time in).
    check_controls = _CONTROL_IN_LINES_RE.search(text) is not None
    aliases = _SEVERITY_ALIASES
    pending: list[tuple[int, str, str, str, Severity, str]] = []
    add_pending = pending.append
    for line_no, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped[0] == "#":
            continue
        if stripped[0] == "!":
            phrase = stripped[1:].strip()
            if not phrase or "\t" in phrase:
                issues.append(WordListIssue(line_no, line, "例外短语为空或含有制表符"))
            else:
                word_list.exceptions.append(phrase)
            continue
        fields = line.split("\t")
        count = len(fields)
        if count == 1:
            term, category, severity, note = stripped, default_category, default_sev, ""
        else:
            if count > 4:
                issues.append(WordListIssue(line_no, line, f"字段过多（{count} 个，最多 4 个）"))
                continue
            term = fields[0].strip()
            category = fields[1].strip() or default_category
            sev_text = fields[2].strip() if count > 2 else ""
            note = fields[3].strip() if count > 3 else ""
            if sev_text:
                severity = aliases.get(sev_text) or aliases.get(sev_text.lower())
                if severity is None:
                    issues.append(
                        WordListIssue(
                            line_no, line, f"未知级别“{sev_text}”（应为 block、warn 或 info）"
                        )
                    )
                    continue
            else:
                severity = default_sev
        if not term:
            issues.append(WordListIssue(line_no, line, "词条为空"))
            continue
        if len(term) > MAX_TERM_LENGTH:
            issues.append(WordListIssue(line_no, line, f"词条过长（超过 {MAX_TERM_LENGTH} 字）"))
            continue
        if check_controls and _CONTROL_RE.search(term):
            issues.append(WordListIssue(line_no, line, "词条含有控制字符"))
            continue
        add_pending((line_no, line, term, category, severity, note))
    # Normalise all terms in one pass.
    keys = normalize_terms([p[2] for p in pending])
    seen: set[str] = set()
    add_seen = seen.add
    entries = word_list.entries
    add_entry = entries.append
    for (line_no, line, term, category, severity, note), key in zip(pending, keys, strict=True):
        # ``\w`` is "alphanumeric or underscore": test the first character before the regex.
        if not key or not (key[0].isalnum() or _WORD_CHAR_RE.search(key)):
            issues.append(WordListIssue(line_no, line, "词条只含符号或空白，无法匹配"))
            continue
        if key in seen:
            issues.append(WordListIssue(line_no, line, "重复词条（已忽略）"))
            continue
        add_seen(key)
        add_entry(WordListEntry(term, category, severity, note, key))
    issues.sort(key=lambda i: i.line_no)
    return word_list, issues


def load_word_list_file(
    path: str | Path,
    *,
    name: str | None = None,
    default_category: str = DEFAULT_CATEGORY,
    default_severity: Severity | str = Severity.WARN,
) -> tuple[WordList, list[WordListIssue]]:
    """Read a word-list file (UTF-8/GBK/UTF-16, see ``load_text``) and parse it."""
    path = Path(path)
    # UTF-8 takes at least one byte per character, UTF-16 two: a file of more than four bytes
    # per allowed character cannot be within budget, so it is not even read.
    if path.stat().st_size > 4 * MAX_LIST_CHARS:
        raise WordListTooLarge(
            f"词表文件过大：{path.stat().st_size:,} 字节，单个词表上限 {MAX_LIST_CHARS:,} 个字符。"
        )
    text = load_text(path.read_bytes())
    return parse_word_list(
        text,
        name=name or path.stem,
        default_category=default_category,
        default_severity=default_severity,
    )
