"""转载: a reprinted article's original title, stored and printed without labels of its own."""

import re

from .copy_format import REPRINT_TITLE_LABELS, REPRINT_TITLE_MARKS

#: A label typed in front of a reprint's original title (原标题：, Original title:): a label
#: and a colon, or a label right before an opening title mark.
_REPRINT_TITLE_LABEL_RE = re.compile(
    r"^\s*(?:{labels})\s*(?:[:\uff1a]\s*|(?=[{marks}]))".format(
        labels="|".join(re.escape(label).replace("\\ ", r"\s+") for label in REPRINT_TITLE_LABELS),
        marks=re.escape("".join(REPRINT_TITLE_MARKS)),
    ),
    re.I,
)


def bare_reprint_title(value: str) -> str:
    """A reprint's original title without a label or title marks of its own.

    The notice prints ``原标题：《…》`` itself, so a stored “原标题：《日晒夜露一百年》”
    would print the label twice. Repeated labels are all dropped; marks only when they
    enclose the whole title (《甲》与《乙》 stays).
    """
    title = (value or "").strip()
    while True:
        stripped = _REPRINT_TITLE_LABEL_RE.sub("", title, count=1)
        if len(title) >= 2 and title[0] in REPRINT_TITLE_MARKS:
            close = REPRINT_TITLE_MARKS[title[0]]
            inner = title[1:-1]
            if title.endswith(close) and title[0] not in inner and close not in inner:
                stripped = inner.strip()
        if stripped == title:
            return title
        title = stripped
