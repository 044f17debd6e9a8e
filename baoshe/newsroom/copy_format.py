"""How the copy text joins a field's several values: data, not interface text.

The tags are one line of the copy, joined by the Chinese enumeration comma. That text is what
机审 proofreads and what ``copy_hash`` covers (hashes stored with machine-review reports), so
it must not change with the editor's interface language.
"""

TAG_SEPARATOR = "、"

#: Labels an editor may type in front of a reprint's original title (原标题：…). The reprint
#: notice prints its own label, so ``reprint.bare_reprint_title`` drops these: data about
#: Chinese copy, like the separator above, not interface text.
REPRINT_TITLE_LABELS = ("原标题", "原题", "original title")
#: Title marks an editor may put around the whole original title; the notice adds its own 《》.
REPRINT_TITLE_MARKS = {"《": "》", "“": "”", '"': '"', "「": "」"}
