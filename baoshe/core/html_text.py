"""HTML to plain text, with a map back to the HTML tree.

Shared by the article's copy (``newsroom.copy``: what the reader reads of a rich-text block)
and the proofreading engine (``proofread.engine``: findings are highlighted in the rich-text
editor through ``ExtractedText.locate``). Pure Python over lxml, no Django.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from lxml import etree
from lxml import html as lxml_html


class HtmlTextError(ValueError):
    """The HTML cannot be parsed."""


_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_DROP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})
_WS_TRANSLATE = str.maketrans({"\n": " ", "\r": " ", "\t": " "})


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of extracted text that came from one text node of the HTML tree."""

    start: int  # offset in the extracted text
    end: int
    xpath: str  # element owning the node
    kind: str  # "text" (element.text) or "tail" (element.tail)


@dataclass(slots=True)
class ExtractedText:
    """Plain text extracted from HTML plus the map back to the HTML tree.

    Each finding offset can be turned into ``(xpath, "text"|"tail", offset_in_node)`` with
    ``locate()``, which is what the rich-text editor needs to put a highlight in place. Inside
    a text node the mapping is exact: we never collapse whitespace, only replace newlines and
    tabs by spaces (same length) and add ``\\n`` between blocks.
    """

    text: str
    segments: list[Segment] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

    def locate(self, offset: int) -> dict | None:
        if not self._starts:
            self._starts = [s.start for s in self.segments]
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        seg = self.segments[i]
        if not seg.start <= offset < seg.end:
            return None
        return {"xpath": seg.xpath, "node": seg.kind, "offset": offset - seg.start}


def html_to_text(html: str) -> ExtractedText:
    """Extract proofreadable text from HTML (e.g. Wagtail rich text).

    Drops ``<script>``, ``<style>`` and similar; block elements and ``<br>`` become line
    breaks so that paragraph-level checks (quotes, datelines) see paragraphs.
    """
    if not html or not html.strip():
        return ExtractedText("")
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError) as exc:
        raise HtmlTextError(_("The HTML cannot be parsed: %(error)s") % {"error": exc}) from exc
    tree = root.getroottree()
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0

    def newline() -> None:
        nonlocal pos
        if parts and not parts[-1].endswith("\n"):
            parts.append("\n")
            pos += 1

    def add(chunk: str | None, el, kind: str) -> None:
        nonlocal pos
        if not chunk:
            return
        chunk = chunk.translate(_WS_TRANSLATE)
        segments.append(Segment(pos, pos + len(chunk), tree.getpath(el), kind))
        parts.append(chunk)
        pos += len(chunk)

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if tag in _DROP_TAGS or not isinstance(el.tag, str):
            # Comments, processing instructions and dropped elements: keep only the tail.
            return
        block = tag in _BLOCK_TAGS
        if block:
            newline()
        add(el.text, el, "text")
        for child in el:
            walk(child)
            add(child.tail, child, "tail")
        if block:
            newline()

    walk(root)
    text = "".join(parts)
    # Trailing newline added by the last block is noise for offsets; keep leading text intact.
    if text.endswith("\n"):
        text = text[:-1]
    return ExtractedText(text, segments)
