"""The article's copy: every text a reader sees of an article, defined once.

机审 proofreads it, the workflow's copy-changed check compares its hash, the 三校 rounds and
the editor's save-conflict message diff its lines. Whatever the reader page
(``newsroom/article_page.html`` and ``newsroom/blocks/*``) prints from the article's own fields
belongs here, in the page's order: 引题, 标题, 副题, the byline (来源, 作者, 编辑), 核心提示,
every body block (paragraphs, sub-headings, quotes with their attribution, image captions with
the photographer's credit, video captions), the 通稿 (headline, dateline, agency and text,
pasted or taken from a referenced wire article), the reprint notice (转载来源, 原作者, 原标题)
and the tags. A new printed field that is not added here would escape 机审: keep the two in
step (``tests/newsroom/test_copy.py`` renders the page and checks every text is covered).

Not copy: URLs (reprint link, video address, embeds, whose title comes from the provider),
the column's title prefix (a column setting) and the image library's own titles.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass
from html import unescape

from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from baoshe.core.html_text import HtmlTextError, html_to_text

from .copy_format import TAG_SEPARATOR

#: Copy fields in the order the reader page prints them, with the editor's labels.
FIELD_LABELS: dict[str, Promise] = {
    "kicker": _("Kicker"),
    "title": _("Title"),
    "subtitle": _("Subtitle"),
    "source": _("Source"),
    "authors": _("Authors"),
    "editor": _("Editor"),
    "summary": _("Key points"),
    "body": _("Body"),
    "wire_headline": _("Wire copy headline"),
    "wire_dateline": _("Dateline"),
    "wire_agency": _("News agency"),
    "wire_body": _("Wire copy text"),
    "reprint_source": _("Reprinted from"),
    "reprint_author": _("Original author"),
    "reprint_title": _("Original title"),
    "tags": _("Tags"),
}
FIELDS: tuple[str, ...] = tuple(FIELD_LABELS)

#: How each part of a body block is labelled in copy lines (paragraph text has no label).
PART_LABELS = {
    "heading": _("Subheading"),
    "quote": _("Quotation"),
    "attribution": _("Attribution"),
    "caption": _("Photo caption"),
    "credit": _("Photographer"),
    "video_caption": _("Video caption"),
}


@dataclass(frozen=True, slots=True)
class CopyPart:
    """One printed text of a body block, at ``start:end`` of the body's copy text."""

    start: int
    end: int
    block_index: int
    block_id: str | None
    block_type: str
    part: str  # "paragraph", "heading", "quote", "attribution", "caption", "credit", …

    @property
    def label(self) -> str:
        return str(PART_LABELS.get(self.part, ""))


@dataclass(frozen=True, slots=True)
class CopyText:
    """The text of one copy field. For the body, the blocks' texts joined by line breaks
    (so paragraph-level checks see paragraphs) and where each part is."""

    field: str
    label: str
    text: str
    parts: tuple[CopyPart, ...] = ()

    def block_at(self, offset: int) -> CopyPart | None:
        return next((p for p in self.parts if p.start <= offset < p.end), None)


def _rich_text(value) -> str:
    """A rich-text block's readable text: tags dropped, entities decoded, one line a block."""
    source = str(getattr(value, "source", value) or "")
    try:
        return html_to_text(source).text.strip("\n")
    except HtmlTextError:
        return unescape(strip_tags(source)).strip()


def _block_parts(block_type: str, value) -> list[tuple[str, str]]:
    """``(part, text)`` for every text a body block prints."""
    if block_type == "paragraph":
        return [("paragraph", _rich_text(value))]
    if block_type == "heading":
        return [("heading", str(value or ""))]
    if block_type == "quote":
        return [("quote", value.get("text") or ""), ("attribution", value.get("attribution") or "")]
    if block_type == "image":
        return [("caption", value.get("caption") or ""), ("credit", value.get("credit") or "")]
    if block_type == "video":
        return [("video_caption", value.get("caption") or "")]
    return []  # embed: the provider's HTML, not the paper's text


def body_copy(article) -> CopyText:
    pieces: list[str] = []
    parts: list[CopyPart] = []
    pos = 0
    for index, block in enumerate(article.body or []):
        for part, text in _block_parts(block.block_type, block.value):
            if not text.strip():
                continue
            if pieces:
                pieces.append("\n")
                pos += 1
            pieces.append(text)
            parts.append(
                CopyPart(
                    pos, pos + len(text), index, getattr(block, "id", None), block.block_type, part
                )
            )
            pos += len(text)
    return CopyText("body", str(FIELD_LABELS["body"]), "".join(pieces), tuple(parts))


def _wire_texts(article) -> dict[str, str]:
    """The 通稿 as the page prints it: pasted fields, or the referenced article's text."""
    wire = article.wire if article.wire_article_id else None
    if wire is not None:  # a live referenced article: the page prints its title and text
        return {
            "wire_headline": wire.headline or "",
            "wire_dateline": wire.dateline or "",
            "wire_agency": wire.agency or "",
            "wire_body": "\n".join(wire.paragraphs),
        }
    return {
        "wire_headline": article.wire_headline or "",
        "wire_dateline": article.wire_dateline or "",
        "wire_agency": article.wire_agency or "",
        "wire_body": article.wire_body or "",
    }


def _tag_names(article) -> list[str]:
    try:
        return sorted(tag.name for tag in article.tags.all())
    except ValueError:  # an unsaved instance without a cluster relation yet
        return []


def article_copy(article) -> list[CopyText]:
    """Every text a reader sees of ``article`` (saved, unsaved or a revision's object),
    one ``CopyText`` per field in ``FIELDS`` order; empty fields included."""
    wire = _wire_texts(article)
    copy = []
    for name, label in FIELD_LABELS.items():
        if name == "body":
            copy.append(body_copy(article))
            continue
        if name in wire:
            text = wire[name]
        elif name == "tags":
            text = TAG_SEPARATOR.join(_tag_names(article))
        else:
            text = getattr(article, name, "") or ""
        copy.append(CopyText(name, str(label), str(text)))
    return copy


def copy_lines(article) -> list[str]:
    """The copy as the lines a proofreader compares: ``标题：…``, body paragraphs bare,
    other body parts labelled (``出处：…``, ``图片说明：…``)."""
    lines: list[str] = []
    for item in article_copy(article):
        if item.field == "body":
            for part in item.parts:
                text = item.text[part.start : part.end]
                label = part.label if part.part != "quote" else ""
                lines += [
                    _labelled(label, line.strip()) for line in text.splitlines() if line.strip()
                ]
        elif item.field == "wire_body":
            lines += [line.strip() for line in item.text.splitlines() if line.strip()]
        elif item.text.strip():
            lines.append(_labelled(item.label, item.text.strip()))
    return lines


def _labelled(label: str, text: str) -> str:
    """``标签：文字``, or the bare text without a label."""
    if not label:
        return text
    # Translators: a line of an article's copy in 三校 diffs, e.g. "Title: Library opens late".
    return gettext("%(label)s: %(text)s") % {"label": label, "text": text}


def copy_hash(article) -> str:
    """sha256 of the copy's canonical form: field, block type and part, text, in page order."""
    return hash_copy(article_copy(article))


def hash_copy(copy: list[CopyText]) -> str:
    """``copy_hash`` of an already built ``article_copy``."""
    canonical = []
    for item in copy:
        if item.field == "body":
            canonical += [
                ["body", p.block_type, p.part, item.text[p.start : p.end]] for p in item.parts
            ]
        else:
            canonical.append([item.field, "", "", item.text])
    data = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def copy_diff(old_lines: list[str], new_lines: list[str]) -> list[list[str]]:
    """Line diff as ``[[op, text]]``, op one of ' ', '-', '+', '@' (a gap)."""
    rows = []
    for line in difflib.unified_diff(old_lines, new_lines, lineterm="", n=1):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            rows.append(["@", "…"])
        else:
            rows.append([line[:1], line[1:]])
    return rows
