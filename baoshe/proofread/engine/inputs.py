"""Turning what editors upload (bytes in some encoding, or HTML) into plain text.

Newsroom copy arrives as UTF-8 from the CMS, as GBK/GB18030 from older Windows tools and wire
feeds, and occasionally as UTF-16 from Word "save as text". We decode all of these, but refuse
binary files with a clear message instead of proofreading garbage.
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html


class ProofreadInputError(ValueError):
    """The input cannot be proofread (binary data, undecodable bytes, unparsable HTML)."""


#: Share of control characters above which a byte string counts as binary.
_MAX_CONTROL_RATIO = 0.01
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def load_text(data: bytes) -> str:
    """Decode uploaded bytes to ``str``.

    Tries, in order: a BOM (UTF-8, UTF-16 LE/BE), strict UTF-8, then GB18030 (a superset of
    GBK and GB2312). Raises ``ProofreadInputError`` for binary data (NUL bytes, many control
    characters) or bytes that decode as neither.
    """
    if not data:
        return ""
    if data.startswith(codecs.BOM_UTF8):
        return _check_text(_decode(data[3:], "utf-8"))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _check_text(_decode(data, "utf-16"))
    if b"\x00" in data:
        raise ProofreadInputError(
            "输入是二进制文件（含 NUL 字节），无法校对；请提供纯文本或 HTML。"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise ProofreadInputError(
                f"无法识别文本编码（第 {exc.start} 字节附近），请另存为 UTF-8 或 GBK。"
            ) from exc
    return _check_text(text)


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ProofreadInputError(f"文本声明为 {encoding} 但无法解码：{exc.reason}") from exc


def _check_text(text: str) -> str:
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise ProofreadInputError("输入是二进制文件（含 NUL 字符），无法校对。")
    sample = text[:65536]
    controls = len(_CONTROL_RE.findall(sample))
    if sample and controls / len(sample) > _MAX_CONTROL_RATIO:
        raise ProofreadInputError(
            f"输入含有过多控制字符（{controls} 个），疑似二进制文件，无法校对。"
        )
    return text


_HTML_SNIFF_RE = re.compile(
    r"<\s*(?:html|body|p|div|br|span|h[1-6]|ul|ol|li|table|script|style|a|strong|em|b|i)\b",
    re.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    """Cheap auto-detection used by the CLI: does the head of the text contain HTML tags?"""
    return bool(_HTML_SNIFF_RE.search(text[:4096]))


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
        raise ProofreadInputError(f"HTML 无法解析：{exc}") from exc
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
