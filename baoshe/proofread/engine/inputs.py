"""Turning what editors upload (bytes in some encoding, or HTML) into plain text.

Newsroom copy arrives as UTF-8 from the CMS, as GBK/GB18030 from older Windows tools and wire
feeds, and occasionally as UTF-16 from Word "save as text". We decode all of these, but refuse
binary files with a clear message instead of proofreading garbage.
"""

from __future__ import annotations

import codecs
import re

from baoshe.core.html_text import ExtractedText, HtmlTextError, Segment
from baoshe.core.html_text import html_to_text as _html_to_text


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


__all__ = ["ExtractedText", "Segment"]


def html_to_text(html: str) -> ExtractedText:
    """Extract proofreadable text from HTML (``baoshe.core.html_text``); unparsable HTML
    raises ``ProofreadInputError`` like every other input the engine refuses."""
    try:
        return _html_to_text(html)
    except HtmlTextError as exc:
        raise ProofreadInputError(str(exc)) from exc
