"""Chinese typesetting primitives on top of reportlab, in top-left coordinates.

reportlab draws with a bottom-left origin; `PageWriter` flips y so the layout code
and the ground truth both use the segmenter's convention (top-left, y down, points).
Only SimHei is embedded: it is the one TrueType CJK font shipped by mplfonts and
reportlab cannot embed CFF-flavoured OTFs. Headlines get weight from text render
mode 2 (fill + stroke), which is how layout systems fake bold on single-weight fonts.
"""

from __future__ import annotations

import io
import os
from functools import lru_cache

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from baoshe_demo import fonts

FONT = "SimHei"
ASCENT = 0.859375  # SimHei ascent/descent in em; the line box is exactly 1 em tall
DESCENT = 0.140625

NO_LINE_START = set("，。、；：？！）》」』”’%…·")
NO_LINE_END = set("（《「『“‘")


def font_dir() -> str:
    """Directory of the CJK fonts bundled by the mplfonts package (found, not imported)."""
    return os.fspath(fonts.font_dir())


def font_path(name: str = "SimHei.ttf") -> str:
    return os.path.join(font_dir(), name)


@lru_cache(maxsize=1)
def register_fonts() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, font_path("SimHei.ttf")))
    return FONT


@lru_cache(maxsize=8192)
def _em(ch: str) -> float:
    register_fonts()
    return pdfmetrics.stringWidth(ch, FONT, 1000) / 1000


def char_width(ch: str, size: float) -> float:
    """Advance width from the embedded font's metrics (SimHei: CJK 1 em, ASCII 0.5 em)."""
    return size * _em(ch)


def text_width(text: str, size: float) -> float:
    return sum(char_width(c, size) for c in text)


def _tokens(text: str) -> list[str]:
    """Split into breakable units: single CJK chars, whole ASCII words/numbers."""
    out: list[str] = []
    buf = ""
    for ch in text:
        if ord(ch) < 0x80 and (ch.isalnum() or ch in ".%-/:"):
            buf += ch
            continue
        if buf:
            out.append(buf)
            buf = ""
        out.append(ch)
    if buf:
        out.append(buf)
    return out


def break_lines(
    text: str, size: float, width: float, indent_em: float = 0.0
) -> list[tuple[str, float, bool]]:
    """Greedy line breaking with basic 禁则 (kinsoku).

    Returns (line text, indent in points, justify?) per line. Closing punctuation may
    overhang and is squeezed back by negative letter spacing, as Chinese layout
    software does; opening punctuation is never left at a line end.
    """
    lines: list[tuple[str, float, bool]] = []
    cur: list[str] = []
    indent = indent_em * size
    used = indent
    for tok in _tokens(text):
        w = text_width(tok, size)
        if cur and used + w > width + 0.01:
            if tok in NO_LINE_START:
                cur.append(tok)
                used += w
                continue
            carry: list[str] = []
            if cur[-1] in NO_LINE_END and len(cur) > 1:
                carry = [cur.pop()]
            lines.append(("".join(cur), indent, True))
            indent = 0.0
            cur = carry
            used = text_width("".join(cur), size)
        cur.append(tok)
        used += w
    if cur:
        lines.append(("".join(cur), indent, False))
    return lines


class PageWriter:
    """A reportlab canvas for one page that records what it draws (for the truth)."""

    def __init__(self, width: float, height: float, title: str = ""):
        register_fonts()
        self.width = width
        self.height = height
        self.buf = io.BytesIO()
        self.canvas = Canvas(self.buf, pagesize=(width, height), pageCompression=1)
        if title:
            self.canvas.setTitle(title)
        self.canvas.setCreator("baoshe epaper pdfgen")

    # -- text --------------------------------------------------------------
    def text(
        self,
        x: float,
        y_top: float,
        text: str,
        size: float,
        *,
        bold: bool = False,
        char_space: float = 0.0,
        color: tuple[float, float, float] = (0, 0, 0),
    ) -> list[float]:
        """Draw one line whose 1-em line box starts at y_top; return its box."""
        c = self.canvas
        t = c.beginText(x, self.height - y_top - ASCENT * size)
        t.setFont(FONT, size)
        t.setCharSpace(char_space)
        c.setFillColorRGB(*color)
        if bold:
            c.setStrokeColorRGB(*color)
            c.setLineWidth(size * 0.035)
            t.setTextRenderMode(2)
        t.textOut(text)
        c.drawText(t)
        if bold:
            c.setLineWidth(1)
        w = text_width(text, size) + char_space * max(len(text) - 1, 0)
        return [x, y_top, x + w, y_top + size]

    def runs(
        self, x: float, y_top: float, parts: list[str], size: float, gap_em: float = 1.0
    ) -> list[float]:
        """Draw words separated by visible gaps (bylines, credits): "本报记者  张三"."""
        box = None
        for part in parts:
            b = self.text(x, y_top, part, size)
            box = b if box is None else [box[0], box[1], b[2], b[3]]
            x = b[2] + gap_em * size
        return box or [x, y_top, x, y_top + size]

    # -- graphics ----------------------------------------------------------
    def rule(
        self, x0: float, y0: float, x1: float, y1: float, width: float = 0.6, gray: float = 0.0
    ) -> None:
        c = self.canvas
        c.setStrokeColorRGB(gray, gray, gray)
        c.setLineWidth(width)
        c.line(x0, self.height - y0, x1, self.height - y1)

    def rect(
        self,
        box: list[float],
        *,
        stroke: float = 0.8,
        fill: tuple[float, float, float] | None = None,
        stroke_color: tuple[float, float, float] = (0, 0, 0),
    ) -> None:
        c = self.canvas
        x0, y0, x1, y1 = box
        c.setLineWidth(stroke)
        c.setStrokeColorRGB(*stroke_color)
        if fill is not None:
            c.setFillColorRGB(*fill)
        c.rect(
            x0, self.height - y1, x1 - x0, y1 - y0, stroke=1 if stroke else 0, fill=1 if fill else 0
        )
        c.setFillColorRGB(0, 0, 0)

    def image(self, jpeg: bytes, box: list[float]) -> None:
        x0, y0, x1, y1 = box
        self.canvas.drawImage(ImageReader(io.BytesIO(jpeg)), x0, self.height - y1, x1 - x0, y1 - y0)

    def finish(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.buf.getvalue()
