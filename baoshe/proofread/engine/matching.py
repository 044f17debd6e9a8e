"""Aho-Corasick over UTF-8 bytes, for very large term lists.

pyahocorasick finds a node's child by scanning its children, so with 100,000 CJK terms keyed
by whole characters the root has tens of thousands of children and matching crawls
(measured: 0.3 MB/s). We therefore key the automaton by the terms' UTF-8 *bytes*, each byte
stored as one latin-1 character (``s.encode("utf-8").decode("latin-1")``, two C-speed
calls). A CJK character becomes a lead byte (E3–E9 for the common blocks) and two
continuation bytes (80–BF), so a trie node has at most 64 children below the root and few at
the root, and matching runs at tens of MB/s.

UTF-8 also keeps matches aligned for free: a key starts with a lead byte and continuation
bytes never start a character, so every match starts and ends on character boundaries. Byte
offsets are turned back into character offsets by decoding the bytes between successive hits
(hits come in increasing order, so this is linear in the text).

Building is the expensive part of a 100,000-term list (one trie node per key byte). Keys are
encoded in one call, added with ``map`` (no Python loop per key) and the automaton stores
plain integers (indexes into a Python list) rather than a Python object per key.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import ahocorasick

_SEP = "\x00"


def encode(text: str) -> str:
    """``text`` as its UTF-8 bytes, one latin-1 character per byte (lone surrogates kept)."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


class TermMatcher:
    """Finds all occurrences of the keys of a mapping (or ``(key, value)`` pairs) in a text.

    Keys must not contain NUL (word lists reject control characters); empty keys are ignored.
    """

    def __init__(self, items: Mapping[str, Any] | Iterable[tuple[str, Any]] = ()):
        mapping = items if isinstance(items, Mapping) else dict(items)
        keys = [k for k in mapping if k] if "" in mapping else list(mapping)
        self._values = [mapping[k] for k in keys] if "" in mapping else list(mapping.values())
        self._lengths = list(map(len, keys))
        self._size = len(keys)
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        if not self._size:
            return
        # One encode for all keys; NUL is one byte in UTF-8, so splitting on it is exact.
        spelled = encode(_SEP.join(keys)).split(_SEP)
        # ``map`` drained by a zero-length deque runs add_word from C, with no Python loop per
        # key.
        deque(map(self._automaton.add_word, spelled, range(self._size)), maxlen=0)
        self._automaton.make_automaton()

    def __len__(self) -> int:
        return self._size

    def iter(self, text: str) -> Iterator[tuple[int, int, Any]]:
        """``(start, end, value)`` in character offsets of ``text``, all overlapping hits."""
        if not self._size or not text:
            return
        data = text.encode("utf-8", "surrogatepass")
        if len(data) == len(text):  # ASCII: byte offsets are character offsets
            for end, index in self._automaton.iter(data.decode("latin-1")):
                end += 1
                yield end - self._lengths[index], end, self._values[index]
            return
        byte_pos = char_pos = 0
        for end, index in self._automaton.iter(data.decode("latin-1")):
            end += 1
            if end != byte_pos:
                char_pos += len(data[byte_pos:end].decode("utf-8", "surrogatepass"))
                byte_pos = end
            yield char_pos - self._lengths[index], char_pos, self._values[index]
