"""错别字: misused characters and words.

Four rules, ordered from most to least certain:

``fixed``      a curated list of known wrong forms (按装 -> 安装), matched with Aho-Corasick.
               Each entry may list longer legitimate phrases containing the wrong form
               (e.g. 既使人 in 既使人感动又…) which suppress the match.
``confusion``  an isolated single-character jieba token that looks like a misspelling, two ways:
               (a) groups: replaced by a member of its hand-written group
               (``confusion_groups.txt``), it forms a common dictionary word AND the clause's
               jieba unigram log-probability rises by >= 8 nats;
               (b) scored: each similar-sounding/-looking character (SIGHAN confusion sets,
               the shipped groups, error pairs learned from SIGHAN training data) that forms a
               dictionary word with the neighbours, or is a frequent error pair, is scored by
               ``spelling.py`` (jieba clause gain, word frequencies, character n-gram and POS
               context, channel prior; a logistic model learned at build time by ``learn.py``)
               and reported above its warn threshold (tuned on the train files for about one
               false alarm per 10,000 characters of clean text). Runs of 2-3 single characters
               starting with a surname are skipped (names are the names pack's business).
``de``         的/地/得 misuse in two narrow, high-precision shapes: adverbial + 的 + verb
               (认真的学习。-> 地) and verb + 的 + degree adverb + adjective at clause end
               (跑的很快。-> 得).
``duplicate``  accidentally doubled function characters (的的, 了了), only when jieba sees two
               single-character tokens, so 的的确确, 为了了解, 目的的确定, 看看, 谢谢 stay quiet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import ahocorasick

from ..findings import Finding, Severity
from ..lexicon import data_rows, data_text, get_lexicon
from ..normalize import CJK_CLASS
from ..spelling import shipped_model as spelling_model
from .base import Document, Pack

#: Shipped-groups rule: a substituted word must be at least this common in jieba (count).
CONFUSION_MIN_FREQ = 50
#: Required gain in clause log-probability (natural log) for a confusion finding.
CONFUSION_MIN_GAIN = 8.0
#: Context (characters each side) used to score a substitution.
CONFUSION_CONTEXT = 6

_CJK_CHAR_RE = re.compile(f"^[{CJK_CLASS}]$")
_CLAUSE_END = frozenset("，。！？；：、,.!?;:\n“”‘’「」《》（）()【】—…")


@dataclass(frozen=True, slots=True)
class Correction:
    """A known wrong form and its fix; newsroom-specific ones can be injected at call time."""

    wrong: str
    right: str
    note: str = ""
    severity: Severity = Severity.WARN
    exceptions: tuple[str, ...] = ()


@cache
def shipped_corrections() -> tuple[Correction, ...]:
    out = []
    for row in data_rows("fixed_errors.tsv"):
        wrong, right = row[0], row[1]
        note = row[2] if len(row) > 2 else ""
        exceptions = tuple(e for e in row[3].split(",") if e) if len(row) > 3 else ()
        out.append(Correction(wrong, right, note, Severity.WARN, exceptions))
    return tuple(out)


@cache
def confusion_table() -> dict[str, tuple[str, ...]]:
    """Character -> similar characters, from the shipped groups (symmetric)."""
    table: dict[str, set[str]] = {}
    for line in data_text("confusion_groups.txt").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        chars = [c for c in line if _CJK_CHAR_RE.match(c)]
        for c in chars:
            table.setdefault(c, set()).update(x for x in chars if x != c)
    return {c: tuple(sorted(v)) for c, v in table.items()}


@cache
def _word_set(name: str) -> frozenset[str]:
    return frozenset(
        w.strip() for w in data_text(name).split() if w.strip() and not w.startswith("#")
    )


@cache
def surnames() -> frozenset[str]:
    return frozenset(data_text("surnames.txt").split())


# ---------------------------------------------------------------- 的/地/得 vocabulary
_DEGREE_RE = re.compile(
    r"(非常|十分|特别|相当|格外|极其|极为|更加|越来越|这么|那么|很|太|挺|真|更)"
    rf"([{CJK_CLASS}]{{1,2}}?)(?=[，。！？；、”\n]|$|了|啊|呀|呢|吧)"
)
_AFTER_VERB_OK = frozenset(
    ["了", "着", "过", "起来", "下去", "一下", "起", "出", "到", "在", "进", "上", "下"]
)
_AFTER_VERB_TAGS = ("r", "p", "ul", "uz", "ug", "v")


class TyposPack(Pack):
    id = "typo"
    label = "错别字"
    description = "常见错别字、音近形近字、的地得误用、重复字"

    def __init__(self, corrections: Iterable[Correction] = (), *, use_confusion: bool = True):
        self.use_confusion = use_confusion
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, Correction] = {c.wrong: c for c in shipped_corrections()}
        for c in corrections:  # injected ones override shipped ones
            entries[c.wrong] = c
        self._exceptions = ahocorasick.Automaton()
        has_exc = False
        for wrong, c in entries.items():
            self._automaton.add_word(wrong, c)
            for exc in c.exceptions:
                self._exceptions.add_word(exc, exc)
                has_exc = True
        self._automaton.make_automaton()
        if has_exc:
            self._exceptions.make_automaton()
        else:
            self._exceptions = None

    @classmethod
    def warm_up(cls) -> None:
        shipped_corrections()
        confusion_table()
        spelling_model()
        surnames()
        _word_set("de_adverbials.txt")
        _word_set("nominal_verbs.txt")
        _word_set("duplicate_chars.txt")

    def check(self, doc: Document) -> Iterator[Finding]:
        lex = get_lexicon()
        for offset, chunk in doc.chunks():
            fixed = list(self._fixed(doc, offset, chunk))
            yield from fixed
            taken = [(f.start, f.end) for f in fixed]
            tokens = lex.tokenize(chunk)
            for f in self._duplicates(doc, offset, chunk, tokens):
                taken.append((f.start, f.end))
                yield f
            for f in self._de(doc, offset, chunk, tokens):
                taken.append((f.start, f.end))
                yield f
            if self.use_confusion:
                for f in self._groups(doc, offset, chunk, tokens):
                    if not any(s < f.end and f.start < e for s, e in taken):
                        taken.append((f.start, f.end))
                        yield f
                for f in self._confusion(doc, offset, chunk, tokens):
                    if not any(s < f.end and f.start < e for s, e in taken):
                        yield f

    # ------------------------------------------------------------ fixed errors
    def _fixed(self, doc: Document, offset: int, chunk: str) -> Iterator[Finding]:
        hits = []
        for end, c in self._automaton.iter(chunk):
            start = end - len(c.wrong) + 1
            hits.append((start, end + 1, c))
        if not hits:
            return
        excepted: list[tuple[int, int]] = []
        if self._exceptions is not None:
            excepted = [(e - len(p) + 1, e + 1) for e, p in self._exceptions.iter(chunk)]
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        last_end = -1
        for start, end, c in hits:
            if start < last_end:
                continue  # overlapped by a longer/earlier entry
            if any(s <= start and end <= e for s, e in excepted):
                continue
            last_end = end
            note = f"（{c.note}）" if c.note else ""
            yield self.finding(
                doc,
                offset + start,
                offset + end,
                "fixed",
                c.severity,
                f"“{c.wrong}”应为“{c.right}”{note}。",
                c.right,
            )

    # ------------------------------------------------------------ duplicates
    def _duplicates(
        self, doc: Document, offset: int, chunk: str, tokens: list[tuple[int, str]]
    ) -> Iterator[Finding]:
        dup_chars = _word_set("duplicate_chars.txt")
        for i in range(len(tokens) - 1):
            pos, word = tokens[i]
            if word in dup_chars and tokens[i + 1][1] == word:
                # Three or more in a row is deliberate (呵呵呵, quoted stutter): skip.
                if i + 2 < len(tokens) and tokens[i + 2][1] == word:
                    continue
                if i > 0 and tokens[i - 1][1] == word:
                    continue
                yield self.finding(
                    doc,
                    offset + pos,
                    offset + pos + 2,
                    "duplicate",
                    Severity.WARN,
                    f"“{word}”字重复。",
                    word,
                )

    # ------------------------------------------------------------ 的/地/得
    def _de(
        self, doc: Document, offset: int, chunk: str, tokens: list[tuple[int, str]]
    ) -> Iterator[Finding]:
        lex = get_lexicon()
        adverbials = _word_set("de_adverbials.txt")
        nominal = _word_set("nominal_verbs.txt")
        n = len(tokens)
        for i, (pos, word) in enumerate(tokens):
            # Shape 1: adverbial + 的 + verb (+ verb complement or clause end) -> 地.
            de_pos = None
            head = None
            nxt = i + 1
            if word == "的" and i > 0:
                head, de_pos = tokens[i - 1][1], pos
            elif len(word) >= 3 and word.endswith("的") and _is_reduplicated(word[:-1]):
                head, de_pos = word[:-1], pos + len(word) - 1  # 悄悄的 is one jieba token
            if de_pos is not None and nxt < n and _is_adverbial(head, adverbials):
                verb = tokens[nxt][1]
                after = tokens[nxt + 1][1] if nxt + 1 < n else ""
                if (
                    lex.tag(verb) == "v"
                    and verb not in nominal
                    and (
                        not after
                        or after[0] in _CLAUSE_END
                        or after in _AFTER_VERB_OK
                        or lex.tag(after).startswith(_AFTER_VERB_TAGS)
                        and lex.tag(after) != "vn"
                    )
                ):
                    yield self.finding(
                        doc,
                        offset + de_pos,
                        offset + de_pos + 1,
                        "de-di",
                        Severity.WARN,
                        f"“{head}”修饰动词“{verb}”作状语，结构助词应用“地”。",
                        "地",
                    )
                    continue
            # Shape 2: verb + 的 + degree adverb + adjective at clause end -> 得.
            if word == "的" and i > 0:
                verb = tokens[i - 1][1]
                if lex.tag(verb) == "v" and verb not in nominal and len(verb) <= 2:
                    m = _DEGREE_RE.match(chunk, pos + 1)
                    if m and lex.tag(m.group(2)).startswith("a"):
                        yield self.finding(
                            doc,
                            offset + pos,
                            offset + pos + 1,
                            "de-de",
                            Severity.WARN,
                            f"“{verb}”后接程度补语“{m.group(1)}{m.group(2)}”，结构助词应用“得”。",
                            "得",
                        )

    # ------------------------------------------------------------ confusion (scored)
    def _confusion(
        self, doc: Document, offset: int, chunk: str, tokens: list[tuple[int, str]]
    ) -> Iterator[Finding]:
        names = surnames()
        skip = {
            tokens[j][0]
            for j in range(len(tokens))
            if len(tokens[j][1]) == 1 and _in_name_like_run(tokens, j, names)
        }
        model = spelling_model()
        for cand in model.detect(chunk, tokens, skip):
            shown = f"（{cand.word}）" if len(cand.word) > 1 else ""
            if cand.prob >= model.warn_threshold:
                severity, message = (
                    Severity.WARN,
                    f"疑似错别字：“{cand.old}”可能应为“{cand.new}”{shown}。",
                )
            else:
                severity, message = (
                    Severity.INFO,
                    f"请核对：“{cand.old}”是否应为“{cand.new}”{shown}？",
                )
            yield self.finding(
                doc,
                offset + cand.pos,
                offset + cand.pos + 1,
                "confusion",
                severity,
                message,
                cand.new,
            )

    # ------------------------------------------------------------ shipped groups (jieba gain)
    def _groups(
        self, doc: Document, offset: int, chunk: str, tokens: list[tuple[int, str]]
    ) -> Iterator[Finding]:
        lex = get_lexicon()
        table = confusion_table()
        names = surnames()
        n = len(tokens)
        last_end = -1
        for j, (pos, word) in enumerate(tokens):
            if len(word) != 1 or word not in table or pos < last_end:
                continue
            if _in_name_like_run(tokens, j, names):
                continue
            best = None
            # Windows of whole tokens around j, 2..4 characters long.
            for a in range(max(0, j - 3), j + 1):
                for b in range(j, min(n, j + 4)):
                    w_start = tokens[a][0]
                    w_end = tokens[b][0] + len(tokens[b][1])
                    length = w_end - w_start
                    if length < 2 or length > 4:
                        continue
                    window = chunk[w_start:w_end]
                    if not all(_CJK_CHAR_RE.match(c) for c in window):
                        continue
                    k = pos - w_start
                    for cand in table[word]:
                        new = window[:k] + cand + window[k + 1 :]
                        if lex.count(new) < CONFUSION_MIN_FREQ:
                            continue
                        gain = self._gain(chunk, pos, cand)
                        if gain >= CONFUSION_MIN_GAIN and (best is None or gain > best[0]):
                            best = (gain, cand, new, w_end)
            if best is not None:
                gain, cand, new, last_end = best
                yield self.finding(
                    doc,
                    offset + pos,
                    offset + pos + 1,
                    "confusion",
                    Severity.WARN,
                    f"疑似错别字：“{word}”可能应为“{cand}”（{new}）。",
                    cand,
                )

    @staticmethod
    def _gain(chunk: str, pos: int, cand: str) -> float:
        """Clause log-probability gain of replacing ``chunk[pos]`` by ``cand``."""
        lo = pos
        while lo > 0 and pos - lo < CONFUSION_CONTEXT and chunk[lo - 1] not in _CLAUSE_END:
            lo -= 1
        hi = pos + 1
        while hi < len(chunk) and hi - pos <= CONFUSION_CONTEXT and chunk[hi] not in _CLAUSE_END:
            hi += 1
        lex = get_lexicon()
        old = chunk[lo:hi]
        new = old[: pos - lo] + cand + old[pos - lo + 1 :]
        return lex.best_path_logp(new) - lex.best_path_logp(old)


def _is_adverbial(head: str | None, adverbials: frozenset[str]) -> bool:
    if not head:
        return False
    tag = get_lexicon().tag(head)
    if head in adverbials or tag == "ad":
        return True
    # 慢慢的走 yes, but 妈妈的劝告 is a noun, not an adverbial.
    return _is_reduplicated(head) and not tag.startswith("n")


def _is_reduplicated(word: str | None) -> bool:
    """AA or AABB forms (慢慢, 认认真真), which as modifiers of verbs take 地."""
    if not word:
        return False
    if len(word) == 2:
        return word[0] == word[1] and bool(_CJK_CHAR_RE.match(word[0]))
    if len(word) == 4:
        return word[0] == word[1] and word[2] == word[3] and word[0] != word[2]
    return False


def _in_name_like_run(tokens: list[tuple[int, str]], j: int, names: frozenset[str]) -> bool:
    """Is token ``j`` inside a run of 2-3 single characters starting with a surname?

    Person names are the commonest false positive of confusion checkers (李明化 looks like a
    typo of 李明华 to a dictionary): names are the names pack's business, not this rule's.
    """
    for start in range(max(0, j - 2), j + 1):
        if tokens[start][1] not in names:
            continue
        end = start
        while end + 1 < len(tokens) and len(tokens[end + 1][1]) == 1 and end - start < 2:
            end += 1
        if start < j <= end and end - start + 1 in (2, 3):
            return True
    return False
