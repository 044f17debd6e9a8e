"""baoshe's Chinese proofreading engine ("机审"): pure Python, no Django.

Typical use::

    from baoshe.proofread.engine import Proofreader, WordList, NameEntry
    reader = Proofreader(word_lists=[...], names=[NameEntry("李明华", "市长")])
    report = reader.check(text, publish_date=date(2026, 11, 24), summary=summary)
    report.has_blocking, report.to_dict()

See docs/proofread.md for packs, data and decisions.
"""

from .findings import Finding, Report, Severity
from .inputs import ExtractedText, ProofreadInputError, html_to_text, load_text, looks_like_html
from .lexicon import warm_up
from .packs import PACK_CLASSES
from .packs.names import NameEntry, demo_names
from .packs.typos import Correction
from .proofreader import ALL_PACKS, Proofreader, UnknownPackError, proofread, resolve_packs
from .wordlists import (
    WordList,
    WordListEntry,
    WordListIssue,
    load_word_list_file,
    parse_word_list,
)

#: Pack id -> Chinese label, for admin forms.
PACK_LABELS = {pid: cls.label for pid, cls in PACK_CLASSES.items()}

__all__ = [
    "ALL_PACKS",
    "PACK_LABELS",
    "Correction",
    "ExtractedText",
    "Finding",
    "NameEntry",
    "ProofreadInputError",
    "Proofreader",
    "Report",
    "Severity",
    "UnknownPackError",
    "WordList",
    "WordListEntry",
    "WordListIssue",
    "demo_names",
    "html_to_text",
    "load_text",
    "load_word_list_file",
    "looks_like_html",
    "parse_word_list",
    "proofread",
    "resolve_packs",
    "warm_up",
]
