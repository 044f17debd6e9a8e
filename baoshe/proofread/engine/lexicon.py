"""The word lexicon (jieba's dictionary) and the shipped data files, loaded once per process.

jieba's ``dict.txt`` (349k words with corpus frequencies and part-of-speech tags, MIT licence)
is the reference for "is this a word, and how common is it". Loading it costs about a second,
so it is loaded lazily on first use and then shared by every ``Proofreader`` in the process;
call ``warm_up()`` at server start to pay the cost before the first editor waits for it.
"""

from __future__ import annotations

import logging
import math
import threading
from functools import cache
from importlib import resources

import jieba

jieba.setLogLevel(logging.WARNING)

_lock = threading.Lock()
_lexicon: Lexicon | None = None


def data_text(name: str) -> str:
    """Contents of a shipped data file in ``engine/data``."""
    return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")


def data_rows(name: str) -> list[list[str]]:
    """Non-comment, non-blank lines of a shipped TSV file, split on tabs."""
    rows = []
    for line in data_text(name).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([f.strip() for f in line.split("\t")])
    return rows


class Lexicon:
    """Word frequencies and segmentation from a private jieba ``Tokenizer``.

    A private tokenizer (not ``jieba.dt``) so that other code adding user words to the global
    jieba instance cannot change what the proofreader considers a word.
    """

    def __init__(self) -> None:
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.initialize()
        self.freq: dict[str, int] = self._tokenizer.FREQ
        self.total: int = self._tokenizer.total
        self._log_total = math.log(self.total)
        self._tags: dict[str, str] | None = None

    def tokenize(self, text: str) -> list[tuple[int, str]]:
        """``(offset, word)`` pairs covering ``text``; dictionary only, no HMM guessing.

        HMM is off on purpose: with it jieba glues a typo and its neighbours into an invented
        "new word" and the typo disappears from view.
        """
        out = []
        pos = 0
        for word in self._tokenizer.cut(text, HMM=False):
            out.append((pos, word))
            pos += len(word)
        return out

    def is_word(self, word: str) -> bool:
        return self.freq.get(word, 0) > 0

    def count(self, word: str) -> int:
        return self.freq.get(word, 0)

    def logp(self, word: str) -> float:
        """Unigram log-probability, with jieba's floor of 1 for unknown words."""
        return math.log(self.freq.get(word) or 1) - self._log_total

    def best_path_logp(self, text: str) -> float:
        """Log-probability of jieba's best segmentation of ``text`` (its own scoring)."""
        tk = self._tokenizer
        dag = tk.get_DAG(text)
        route: dict[int, tuple[float, int]] = {}
        tk.calc(text, dag, route)
        return route[0][0] if text else 0.0

    @property
    def tags(self) -> dict[str, str]:
        """Part-of-speech tag of each dictionary word (first letter: n, v, a, d, ...)."""
        if self._tags is None:
            with _lock:
                if self._tags is None:
                    tags: dict[str, str] = {}
                    path = self._tokenizer.get_dict_file()
                    with path:
                        for raw in path:
                            parts = raw.decode("utf-8").split()
                            if len(parts) >= 3:
                                tags[parts[0]] = parts[2]
                    self._tags = tags
        return self._tags

    def tag(self, word: str) -> str:
        return self.tags.get(word, "")


def get_lexicon() -> Lexicon:
    """The process-wide lexicon (thread-safe lazy singleton)."""
    global _lexicon
    if _lexicon is None:
        with _lock:
            if _lexicon is None:
                _lexicon = Lexicon()
    return _lexicon


@cache
def _warm() -> None:
    lex = get_lexicon()
    lex.tags  # noqa: B018 - load POS tags too
    lex.tokenize("预热")


def warm_up() -> None:
    """Load everything lazy (lexicon, tags, shipped data) now rather than on first check."""
    _warm()
    from .packs import PACK_CLASSES

    for cls in PACK_CLASSES.values():
        warm = getattr(cls, "warm_up", None)
        if warm:
            warm()
