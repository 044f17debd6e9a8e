"""How the copy text joins a field's several values: data, not interface text.

The tags are one line of the copy, joined by the Chinese enumeration comma. That text is what
机审 proofreads and what ``copy_hash`` covers (hashes stored with machine-review reports), so
it must not change with the editor's interface language.
"""

TAG_SEPARATOR = "、"
