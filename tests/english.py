"""English words in what a Chinese newsroom's screens show, for the tests that forbid them."""

import re

#: English words that may show, each for a reason. Keep this short.
ALLOWED = {
    # a file format and a record, named so in Chinese text too (版面 PDF, ICP 备案号)
    "PDF",
    "ICP",
    # the account settings' language menu names each language in itself (LANGUAGES)
    "English",
    # the product's name, WAGTAIL_SITE_NAME: Wagtail's site summary names it (for screen
    # readers) to a user whose pages are not under one site, as the 管理员's are
    "baoshe",
}

# A word: Latin letters not joined to digits, dots or slashes, so that file names (A01.pdf,
# manifest.json) and codes (A01) are not words.
ENGLISH = re.compile(r"(?<![A-Za-z0-9._/-])[A-Za-z]+(?:['’][A-Za-z]+)*(?![A-Za-z0-9_/-]|\.\w)")


def english_in(text: str, found: dict | None = None) -> dict:
    """``{word: where}`` for every English word of ``text`` outside ``ALLOWED``."""
    found = {} if found is None else found
    for line in text.splitlines():
        for word in ENGLISH.findall(line):
            if word not in ALLOWED:
                found.setdefault(word, " ".join(line.split())[:80])
    return found
