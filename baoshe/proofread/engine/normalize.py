"""Normalisation for word-list matching, with a map back to original offsets.

People evade word filters with full-width letters (ＡＢＣ), traditional characters (賭博), and
fillers between characters (敏 感 词, 敏*感*词, zero-width spaces). We fold all of these before
matching and keep an offset map so findings still point into the text the editor wrote.

Folding is done in two steps, both linear:

1. a one-to-one character translation (full-width -> half-width, upper -> lower case,
   traditional -> simplified per character), which keeps offsets unchanged;
2. removal of short filler runs *between two CJK characters*, recorded as a list of kept
   slices so a normalised offset maps back with one ``bisect``. We only remove fillers between
   CJK characters so that ordinary Latin text ("a b") is not glued together and sentence
   punctuation (，。) is never removed: a term must not match across clauses.
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import re
from pathlib import Path

CJK_CLASS = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# Fillers people insert between characters. Deliberately excludes Chinese sentence punctuation.
_FILLERS = (
    r"\s\u200b\u200c\u200d\u2060\ufeff\u00ad"
    r"*＊·•・.．\-_|/\\~`'\"#@+=^×☆★○●◆◇□■♡♥"
)
_FILLER_RUN_RE = re.compile(rf"(?<=[{CJK_CLASS}])[{_FILLERS}]{{1,3}}(?=[{CJK_CLASS}])")


def _opencc_char_table() -> dict[int, str]:
    """Per-character traditional -> simplified table from opencc's own dictionary file."""
    table: dict[int, str] = {}
    spec = importlib.util.find_spec("opencc")
    path = None
    if spec and spec.origin:
        path = Path(spec.origin).parent / "dictionary" / "TSCharacters.txt"
    if path and path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            src, _, dst = line.partition("\t")
            dst = dst.split(" ")[0] if dst else ""
            if len(src) == 1 and len(dst) == 1 and src != dst:
                table[ord(src)] = dst
    else:  # pragma: no cover - depends on the opencc build
        from opencc import OpenCC

        cc = OpenCC("t2s")
        for cp in range(0x4E00, 0xA000):
            ch = chr(cp)
            out = cc.convert(ch)
            if len(out) == 1 and out != ch:
                table[cp] = out
    return table


@functools.cache
def fold_table() -> dict[int, str]:
    """The one-to-one folding table (cached: built once per process)."""
    table = _opencc_char_table()
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII
        table[cp] = chr(cp - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    for cp in range(ord("Ａ"), ord("Ｚ") + 1):
        table[cp] = chr(cp - 0xFEE0 + 32)
    return table


def fold(text: str) -> str:
    """Length-preserving fold (width, case, traditional -> simplified)."""
    return text.translate(fold_table())


class NormalizedText:
    """``text`` folded and stripped of fillers, with ``to_original()`` offset mapping."""

    __slots__ = ("original", "text", "_norm_starts", "_orig_starts")

    def __init__(self, original: str):
        self.original = original
        folded = fold(original)
        pieces: list[str] = []
        norm_starts: list[int] = [0]
        orig_starts: list[int] = [0]
        last = 0
        norm_pos = 0
        for m in _FILLER_RUN_RE.finditer(folded):
            pieces.append(folded[last : m.start()])
            norm_pos += m.start() - last
            last = m.end()
            norm_starts.append(norm_pos)
            orig_starts.append(last)
        pieces.append(folded[last:])
        self.text = "".join(pieces)
        self._norm_starts = norm_starts
        self._orig_starts = orig_starts

    def to_original(self, norm_offset: int) -> int:
        """Map an offset of a character in ``text`` to its offset in ``original``."""
        i = bisect.bisect_right(self._norm_starts, norm_offset) - 1
        return self._orig_starts[i] + (norm_offset - self._norm_starts[i])

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` span (end exclusive, non-empty) to the original."""
        return self.to_original(start), self.to_original(end - 1) + 1


def normalize_term(term: str) -> str:
    """Fold a word-list term the same way as the text (fillers inside terms are dropped)."""
    folded = fold(term.strip())
    return _FILLER_RUN_RE.sub("", folded)


def normalize_terms(terms: list[str]) -> list[str]:
    """``normalize_term`` for many terms at once (one translate and one regex pass).

    Terms must not contain ``\x01`` (word lists reject control characters).
    """
    if not terms:
        return []
    joined = fold("\x01".join(t.strip() for t in terms))
    return _FILLER_RUN_RE.sub("", joined).split("\x01")
