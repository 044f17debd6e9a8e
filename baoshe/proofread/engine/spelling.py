"""Context scorer for single-character misspellings (音近/形近别字), used by the typo pack.

For every character that jieba leaves as an isolated single-character token, each similar
character (sound/shape confusion sets and pairs learned from proofread learner essays) that
would form a dictionary word with its neighbours becomes a candidate correction. Each candidate
is described by a handful of numbers (features):

* how much jieba's own unigram word model prefers the corrected clause (``jgain``);
* how common the word formed by the candidate is, and the best word the original char forms;
* a character bigram/trigram context gain from the learned character n-gram counts;
* class-based (POS tag) and word-based context gains: how often the character follows the left
  token's tag/word and precedes the right one's, in the corrected training sentences;
* how often the pair was seen as a real error (channel prior) and which confusion set it is in;
* the two characters' own frequencies.

A logistic model over those numbers (weights and decision thresholds learned at build time by
``learn.py``, shipped in ``data/typo_model.tsv``) gives a probability; only candidates above the
warn threshold (chosen for about one false alarm per 10,000 characters of clean training text)
are reported. A lower hint threshold exists (``REPORT_HINTS``, info findings) but is off.
Everything here is plain Python over shipped text files; nothing is learned at run time.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

from .lexicon import Lexicon, data_rows, data_text, get_lexicon
from .normalize import CJK_CLASS

_CJK_RE = re.compile(f"[{CJK_CLASS}]")
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_CLAUSE_END = frozenset("，。！？；：、,.!?;:\n“”‘’「」《》（）()【】—…")

#: Dictionary words shorter/longer than this are not used to propose candidates.
MIN_WORD, MAX_WORD = 2, 4
#: A word formed by a candidate must be at least this common in jieba's dictionary.
MIN_WORD_FREQ = 5
#: A learned pair seen this often is a candidate even where it forms no dictionary word
#: (的/地/得, 在/再: function characters whose errors are only visible in context).
MIN_PAIR = 3
#: Pairs no local context can decide (he/she): never proposed.
UNDECIDABLE = frozenset(
    ["他她", "她他", "他它", "它他", "她它", "它她", "你妳", "妳你", "你您", "您你"]
)
#: Context (characters each side) for the jieba clause gain.
CONTEXT = 4
#: Also report the hint tier (info findings). Off: on news copy, the hint tier's false alarms
#: (learned on learners' essays) outnumber its catches; the warn tier stays quiet there.
REPORT_HINTS = False
#: Candidates per position kept for scoring (ranked by ``SpellModel._prior``).
MAX_CANDIDATES = 2

FEATURES = (
    "bias",
    "jgain",
    "wnew",
    "wold",
    "wdiff",
    "bigain",
    "trigain",
    "pair",
    "pairfrom",
    "sound",
    "shape",
    "charfreq",
    "wlen",
    "prate",
    "posgain",
    "wordgain",
)


class Candidate(NamedTuple):
    """A scored replacement (a NamedTuple: created in the hot loop, cheaper than a dataclass)."""

    pos: int  # offset in the chunk
    old: str
    new: str
    word: str  # the dictionary word the new character forms
    features: tuple[float, ...]
    prob: float = 0.0


class NGrams:
    """Character unigram/bigram/trigram counts with simple interpolated smoothing."""

    def __init__(self, counts: dict[str, int]):
        self.counts = counts
        self.total = sum(v for k, v in counts.items() if len(k) == 1) or 1
        self.vocab = sum(1 for k in counts if len(k) == 1) or 1

    def p_uni(self, ch: str) -> float:
        return (self.counts.get(ch, 0) + 0.5) / (self.total + 0.5 * self.vocab)

    def lp_bi(self, x: str, y: str, beta: float = 3.0) -> float:
        c = self.counts
        return math.log((c.get(x + y, 0) + beta * self.p_uni(y)) / (c.get(x, 0) + beta))


class SpellModel:
    """Candidate generation + logistic scoring. Build with :func:`shipped_model` or from tables."""

    def __init__(
        self,
        sound: dict[str, str],
        shape: dict[str, str],
        pairs: dict[tuple[str, str], int],
        ngrams: dict[str, int],
        posctx: dict[str, int],
        weights: dict[str, float] | None = None,
        threshold: float = 0.9,
        warn_threshold: float = 0.9,
        hint_threshold: float = 0.5,
        lexicon: Lexicon | None = None,
    ):
        self.lex = lexicon or get_lexicon()
        # Character sets as sorted strings: a fraction of the memory of frozensets.
        self.sound = {a: "".join(sorted(set(v))) for a, v in sound.items()}
        self.shape = {a: "".join(sorted(set(v))) for a, v in shape.items()}
        self.pairs = pairs
        self.pair_from: dict[str, int] = {}
        learned: dict[str, set[str]] = {}
        for (a, b), n in pairs.items():
            self.pair_from[a] = self.pair_from.get(a, 0) + n
            learned.setdefault(a, set()).add(b)
        keys = set(self.sound) | set(self.shape) | set(learned)
        self.cands: dict[str, str] = {
            a: "".join(
                sorted(
                    c
                    for c in set(self.sound.get(a, ""))
                    | set(self.shape.get(a, ""))
                    | learned.get(a, set())
                    if a + c not in UNDECIDABLE
                )
            )
            for a in keys
        }
        strong: dict[str, set[str]] = {}
        for (a, b), n in pairs.items():
            if n >= MIN_PAIR and a + b not in UNDECIDABLE:
                strong.setdefault(a, set()).add(b)
        self.strong = {a: "".join(sorted(v)) for a, v in strong.items()}
        self.ngrams = NGrams(ngrams)
        self.posctx = posctx
        self.pos_total = sum(v for k, v in posctx.items() if k.startswith("C|")) or 1
        self.weights = [float((weights or {}).get(f, 0.0)) for f in FEATURES]
        #: Report candidates at or above this probability ...
        self.threshold = threshold
        #: ... as warnings from here on, below it as info hints.
        self.warn_threshold = warn_threshold
        #: The learned hint-tier threshold (best F1 at precision >= 0.75 on train data); set
        #: ``threshold`` to it to report the weaker candidates as info hints too.
        self.hint_threshold = hint_threshold
        self._prior_cache: dict[str, float] = {}
        self._index = _pattern_index(id(self.lex))

    # ------------------------------------------------------------------ generation
    def candidates(self, chunk: str, tokens: Iterable[tuple[int, str]], skip=()) -> list[Candidate]:
        """All scored candidates for the single-character tokens of ``chunk``."""
        out: list[Candidate] = []
        n = len(chunk)
        index = self._index
        freq = self.lex.freq
        skip = set(skip)
        tokens = list(tokens)
        # non_cjk[i]: number of non-CJK characters in chunk[:i] (O(1) window checks).
        non_cjk = [0] * (n + 1)
        acc = 0
        for i, ch in enumerate(chunk):
            acc += not _is_cjk(ch)
            non_cjk[i + 1] = acc
        for j, (pos, word) in enumerate(tokens):
            if len(word) != 1 or pos in skip:
                continue
            if (pos > 0 and chunk[pos - 1] in _DIGITS) or (
                pos + 1 < n and chunk[pos + 1] in _DIGITS
            ):
                continue  # 11月, 3日, 5亿: numbers and dates are the numbers pack's business
            ca = self.cands.get(word)
            if not ca and word not in self.strong:
                continue
            found: dict[str, tuple[int, str]] = {}
            wold = 0
            # CJK characters available on each side (at most MAX_WORD - 1).
            nl = 0
            while nl < MAX_WORD - 1 and pos - nl > 0 and non_cjk[pos - nl] == non_cjk[pos - nl - 1]:
                nl += 1
            nr = 0
            while (
                nr < MAX_WORD - 1
                and pos + 1 + nr < n
                and non_cjk[pos + 2 + nr] == non_cjk[pos + 1 + nr]
            ):
                nr += 1
            left_s = chunk[pos - nl : pos]
            right_s = chunk[pos + 1 : pos + 1 + nr]
            for length in range(MIN_WORD, MAX_WORD + 1):
                for k in range(length):
                    if k > nl or length - 1 - k > nr:
                        continue
                    pre = left_s[nl - k :]
                    suf = right_s[: length - 1 - k]
                    fw = freq.get(pre + word + suf, 0)
                    if fw > wold:
                        wold = fw
                    if not ca:
                        continue
                    fills = index.get(pre + "?" + suf)
                    if not fills:
                        continue
                    for c in fills if len(fills) < len(ca) else ca:
                        if c not in ca or c not in fills:
                            continue
                        new = pre + c + suf
                        f = freq.get(new, 0)
                        if c not in found or f > found[c][0]:
                            found[c] = (f, new)
            for c in self.strong.get(word, ()):
                if c not in found:
                    found[c] = (0, c)
            if len(found) > MAX_CANDIDATES:
                ranked = sorted(found, key=lambda c: (-self._prior(word, c, found[c][0]), c))
                found = {c: found[c] for c in ranked[:MAX_CANDIDATES]}
            ltag = token_tag(self.lex, tokens[j - 1][1]) if j > 0 else "^"
            rtag = token_tag(self.lex, tokens[j + 1][1]) if j + 1 < len(tokens) else "$"
            lword = context_word(tokens[j - 1][1], ltag) if j > 0 else "^"
            rword = context_word(tokens[j + 1][1], rtag) if j + 1 < len(tokens) else "$"
            old_lp = None
            memo: dict = {}
            for c, (f, new) in found.items():
                if len(new) > 1:
                    if old_lp is None:
                        old_lp = self._clause_logp(chunk, pos, word)
                    jgain = self._clause_logp(chunk, pos, c) - old_lp
                else:  # forms no word: both stay single-character tokens
                    jgain = self.lex.logp(c) - self.lex.logp(word)
                feats = self._features(
                    chunk, pos, word, c, f, wold, len(new), (ltag, rtag, lword, rword), jgain, memo
                )
                out.append(Candidate(pos, word, c, new, feats, self.probability(feats)))
        return out

    def _prior(self, a: str, c: str, wnew: int) -> float:
        """Context-free ranking used to keep the ``MAX_CANDIDATES`` likeliest of a position."""
        base = self._prior_cache.get(a + c)
        if base is None:
            pair = self.pairs.get((a, c), 0)
            base = (
                0.6 * math.log1p(pair)
                + 1.8 * (c in self.sound.get(a, ""))
                + 0.6 * (c in self.shape.get(a, ""))
                + 1.1 * math.log((pair + 0.1) / (self.ngrams.counts.get(a, 0) + 1.0)) / 5.0
                - 2.8 * (math.log1p(self.lex.count(c)) - math.log1p(self.lex.count(a))) / 5.0
            )
            self._prior_cache[a + c] = base
        return base + 0.1 * math.log10(1 + wnew)

    def detect(self, chunk: str, tokens: Iterable[tuple[int, str]], skip=()) -> list[Candidate]:
        """Confident corrections: the best candidate per position, above the threshold."""
        best: dict[int, Candidate] = {}
        for cand in self.candidates(chunk, tokens, skip):
            if cand.prob >= self.threshold and (
                cand.pos not in best or cand.prob > best[cand.pos].prob
            ):
                best[cand.pos] = cand
        return [best[p] for p in sorted(best)]

    # ------------------------------------------------------------------ scoring
    def probability(self, feats: tuple[float, ...]) -> float:
        z = sum(map(operator.mul, self.weights, feats))
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def _features(
        self,
        chunk: str,
        pos: int,
        a: str,
        c: str,
        wnew: int,
        wold: int,
        wlen: int,
        context: tuple[str, str, str, str],
        jgain: float,
        memo: dict | None = None,
    ) -> tuple[float, ...]:
        """Feature vector of replacing ``a`` at ``pos`` by ``c``. ``memo`` (one dict per
        position) caches the parts that depend only on the original character."""
        lex = self.lex
        ng = self.ngrams
        if memo is None:
            memo = {}
        if not memo:
            left = chunk[pos - 1] if pos > 0 and _is_cjk(chunk[pos - 1]) else ""
            right = chunk[pos + 1] if pos + 1 < len(chunk) and _is_cjk(chunk[pos + 1]) else ""
            l2 = chunk[max(0, pos - 2) : pos]
            r2 = chunk[pos + 1 : pos + 3]
            combos = [
                (x, y) for x, y in ((l2, ""), (left, right), ("", r2)) if len(x) + len(y) == 2
            ]
            memo["left"], memo["right"], memo["combos"] = left, right, combos
            memo["bl"] = ng.lp_bi(left, a) if left else 0.0
            memo["br"] = ng.lp_bi(a, right) if right else 0.0
            memo["tri"] = [math.log1p(ng.counts.get(x + a + y, 0)) for x, y in combos]
            memo["pt"] = self._ctx_lp(a, context[0], context[1])
            memo["pw"] = self._ctx_lp(a, context[2], context[3])
        left, right = memo["left"], memo["right"]
        bigain = 0.0
        if left:
            bigain += ng.lp_bi(left, c) - memo["bl"]
        if right:
            bigain += ng.lp_bi(c, right) - memo["br"]
        tri = ng.counts
        trigain = 0.0
        for (before, after), old in zip(memo["combos"], memo["tri"], strict=True):
            trigain += math.log1p(tri.get(before + c + after, 0)) - old
        posgain = self._ctx_lp(c, context[0], context[1]) - memo["pt"]
        wordgain = self._ctx_lp(c, context[2], context[3]) - memo["pw"]
        jgain = max(-20.0, min(30.0, jgain))
        pair = self.pairs.get((a, c), 0)
        lw_new = math.log10(1 + wnew)
        lw_old = math.log10(1 + wold)
        return (
            1.0,
            jgain / 10.0,
            lw_new,
            lw_old,
            lw_new - lw_old,
            max(-10.0, min(10.0, bigain)) / 5.0,
            trigain / 3.0,
            math.log1p(pair),
            math.log1p(self.pair_from.get(a, 0)),
            1.0 if c in self.sound.get(a, ()) else 0.0,
            1.0 if c in self.shape.get(a, ()) else 0.0,
            (math.log1p(lex.count(c)) - math.log1p(lex.count(a))) / 5.0,
            float(wlen - 2),
            math.log((pair + 0.1) / (ng.counts.get(a, 0) + 1.0)) / 5.0,
            max(-10.0, min(10.0, posgain)) / 5.0,
            max(-10.0, min(10.0, wordgain)) / 5.0,
        )

    def _ctx_lp(self, ch: str, left: str, right: str) -> float:
        """Context model: log P(char | left tag or word) + log P(right tag or word | char)."""
        pc = self.posctx
        beta = 2.0
        n_ch = pc.get("C|" + ch, 0)
        p_ch = (n_ch + 0.5) / (self.pos_total + 0.5)
        p_left = (pc.get(f"L|{left}|{ch}", 0) + beta * p_ch) / (pc.get("T|" + left, 0) + beta)
        p_r = (pc.get("T|" + right, 0) + 0.5) / (self.pos_total + 0.5)
        p_right = (pc.get(f"R|{ch}|{right}", 0) + beta * p_r) / (n_ch + beta)
        return math.log(p_left) + math.log(p_right)

    def _clause_logp(self, chunk: str, pos: int, ch: str) -> float:
        """jieba's best-segmentation log-probability of the clause around ``pos``."""
        lo = pos
        while lo > 0 and pos - lo < CONTEXT and chunk[lo - 1] not in _CLAUSE_END:
            lo -= 1
        hi = pos + 1
        while hi < len(chunk) and hi - pos <= CONTEXT and chunk[hi] not in _CLAUSE_END:
            hi += 1
        return self.lex.best_path_logp(chunk[lo:pos] + ch + chunk[pos + 1 : hi])


def context_word(word: str, tag: str) -> str:
    """Key of a neighbouring token for word-level context counts: ``w:`` + the word when it is
    all CJK, else ``t:`` + its tag (punctuation, Latin, digits)."""
    if all(_is_cjk(ch) for ch in word):
        return "w:" + word
    return "t:" + tag


def token_tag(lex: Lexicon, word: str) -> str:
    """POS class of a context token: jieba's tag, ``w`` for punctuation, ``x`` unknown."""
    tag = lex.tag(word)
    if tag:
        return tag
    return "x" if _CJK_RE.match(word) else "w"


def _is_cjk(ch: str) -> bool:
    """Same ranges as ``normalize.CJK_CLASS``, without a regex call (hot loop)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


@cache
def _pattern_index(_lex_id: int) -> dict[str, str]:
    """``"一?不" -> chars that fill the slot to a dictionary word`` for 2-4 char words.

    Values are strings, not sets: several times smaller for ~300k keys.
    """
    tmp: dict[str, list[str]] = {}
    for w, f in get_lexicon().freq.items():
        if f < MIN_WORD_FREQ or not MIN_WORD <= len(w) <= MAX_WORD:
            continue
        for k in range(len(w)):
            tmp.setdefault(w[:k] + "?" + w[k + 1 :], []).append(w[k])
    return {k: "".join(v) for k, v in tmp.items()}


# ---------------------------------------------------------------------- shipped data
def _char_map(name: str) -> dict[str, str]:
    out = {}
    for row in data_rows(name):
        if len(row) >= 2:
            out[row[0]] = row[1]
    return out


def load_pairs(name: str = "typo_pairs.tsv") -> dict[tuple[str, str], int]:
    return {(r[0], r[1]): int(r[2]) for r in data_rows(name) if len(r) >= 3}


def load_counts(name: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for line in data_text(name).splitlines():
        if not line or line.startswith("#"):
            continue
        for item in line.split(" "):
            gram, _, n = item.rpartition(":")
            out[gram] = int(n)
    return out


@cache
def shipped_model() -> SpellModel:
    weights: dict[str, float] = {}
    hint, warn = 0.5, 0.9
    for row in data_rows("typo_model.tsv"):
        if row[0] == "hint_threshold":
            hint = float(row[1])
        elif row[0] == "warn_threshold":
            warn = float(row[1])
        else:
            weights[row[0]] = float(row[1])
    return SpellModel(
        _char_map("typo_sound.tsv"),
        _char_map("typo_shape.tsv"),
        load_pairs(),
        load_counts("typo_ngrams.txt"),
        load_counts("typo_posctx.txt"),
        weights,
        hint if REPORT_HINTS else warn,
        warn,
        hint,
    )
