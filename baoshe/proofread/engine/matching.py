"""Aho-Corasick over a small alphabet, for very large term lists.

pyahocorasick finds a node's child by scanning its children, so with 100,000 CJK terms the
root has tens of thousands of children and matching crawls (measured: 0.3 MB/s). We therefore
spell every character as four symbols from a 64-letter alphabet (24 bits cover all of
Unicode): each trie node has at most 64 children, matching runs at tens of MB/s, and a
match is kept only if it ends on a character boundary (keys are whole characters, so its
start is then aligned too). Encoding the text is one ``str.translate`` call.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import ahocorasick

_ALPHABET = "".join(chr(0x30 + i) for i in range(64))
_WIDTH = 4


def _spell(cp: int) -> str:
    a = _ALPHABET
    return a[(cp >> 18) & 63] + a[(cp >> 12) & 63] + a[(cp >> 6) & 63] + a[cp & 63]


class _Speller(dict):
    """``str.translate`` table that spells any code point on first sight (``__missing__``)."""

    def __missing__(self, cp: int) -> str:
        spelled = _spell(cp)
        self[cp] = spelled
        return spelled


_TABLE = _Speller()


def encode(text: str) -> str:
    return text.translate(_TABLE)


class TermMatcher:
    """Collects ``(key, value)`` pairs, then finds all occurrences of the keys in a text."""

    def __init__(self, items: Iterable[tuple[str, Any]] = ()):
        self._automaton = ahocorasick.Automaton()
        items = [(k, v) for k, v in items if k]
        # Encode all keys in one translate call (per-key calls dominate build time otherwise),
        # then slice: every character is exactly _WIDTH symbols.
        spelled = encode("".join(k for k, _ in items))
        add = self._automaton.add_word
        pos = 0
        for key, value in items:
            end = pos + _WIDTH * len(key)
            add(spelled[pos:end], (len(key), value))
            pos = end
        self._size = len(items)
        if self._size:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return self._size

    def iter(self, text: str) -> Iterator[tuple[int, int, Any]]:
        """``(start, end, value)`` in character offsets of ``text``, all overlapping hits."""
        if not self._size or not text:
            return
        for end, (length, value) in self._automaton.iter(encode(text)):
            end += 1
            if end % _WIDTH:
                continue
            end //= _WIDTH
            yield end - length, end, value
