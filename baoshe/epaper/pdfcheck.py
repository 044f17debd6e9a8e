"""Validation of uploaded print PDFs before anything is stored.

Editors upload what the layout system exported, sometimes the wrong file, a
half-copied one, or a password-protected proof. Every problem raises
`PdfImportError` whose message names the file and says what is wrong in 简体中文
then English, so it can be shown as is in the admin or the import command.
A page without a text layer is *not* an error here (segmentation flags it).

Budgets (`PdfLimits`) are checked here, before anything is rendered: a 437-byte PDF can
declare a 0.01 × 1 pt page that renders to 1800 × 180,000 px at zoom width, so the page
count, each page's size and aspect ratio, and the pixels of the zoom render (computed with
``render.render_size``, the scale the renderer really uses) are bounded.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .render import LARGE_WIDTH, MAX_RENDER_PIXELS, render_size

MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class PdfLimits:
    """What an import accepts. Points are 1/72 in: 72 pt = 1 in, 3000 pt ≈ 1.06 m.

    A broadsheet is ~992 × 1417 pt, a tabloid ~700 × 992, a double-page spread ~1984 ×
    1417; ``max_aspect`` (long side / short side) 4 still admits a strip of four columns.
    """

    max_pages: int = 64  # per file and per issue
    min_side_pt: float = 72.0
    max_side_pt: float = 3000.0
    max_aspect: float = 4.0
    max_render_pixels: int = MAX_RENDER_PIXELS  # of the zoom image, LARGE_WIDTH px wide
    render_width: int = LARGE_WIDTH


def check_page_size(name: str, number: int, w: float, h: float, limits: PdfLimits) -> None:
    """Refuse page ``number`` (1-based) of ``name`` if its size is outside the budget."""
    if not (w > 0 and h > 0):  # also NaN
        raise PdfImportError(name, f"第 {number} 页尺寸无效", f"page {number} has an invalid size")
    size = f"{w:g}×{h:g} 点"
    if min(w, h) < limits.min_side_pt or max(w, h) > limits.max_side_pt:
        raise PdfImportError(
            name,
            f"第 {number} 页尺寸 {size} 不是报纸版面"
            f"（每边应在 {limits.min_side_pt:g}–{limits.max_side_pt:g} 点之间）",
            f"page {number} is {w:g}x{h:g} pt, each side must be "
            f"{limits.min_side_pt:g}-{limits.max_side_pt:g} pt",
        )
    if max(w, h) / min(w, h) > limits.max_aspect:
        raise PdfImportError(
            name,
            f"第 {number} 页尺寸 {size} 过于狭长（长宽比不能超过 {limits.max_aspect:g}）",
            f"page {number} aspect ratio exceeds {limits.max_aspect:g}",
        )
    width_px, height_px = render_size(w, h, limits.render_width)
    if width_px * height_px > limits.max_render_pixels:
        raise PdfImportError(
            name,
            f"第 {number} 页渲染需要 {width_px}×{height_px} 像素，"
            f"超过每版 {limits.max_render_pixels / 1e6:g} 百万像素的上限",
            f"page {number} would render to {width_px}x{height_px} px, over the budget of "
            f"{limits.max_render_pixels} pixels",
        )


class PdfImportError(ValueError):
    """A PDF (or a folder of page PDFs) cannot be imported; `str()` is user-facing."""

    def __init__(self, filename: str, zh: str, en: str):
        self.filename = filename
        self.zh = zh
        self.en = en
        super().__init__(f"{filename}：{zh}（{en}）")


@dataclass
class PdfInfo:
    filename: str
    page_count: int
    page_sizes: list[tuple[float, float]] = field(default_factory=list)  # points
    pdf_version: int | None = None  # e.g. 17 for PDF 1.7
    has_text_layer: list[bool] = field(default_factory=list)  # per page
    encrypted: bool = False  # opened without password (owner-password restrictions only)
    size_bytes: int = 0


def _read(path_or_bytes: str | os.PathLike | bytes, filename: str | None) -> tuple[bytes, str]:
    if isinstance(path_or_bytes, (bytes, bytearray)):
        return bytes(path_or_bytes), filename or "upload.pdf"
    name = filename or os.path.basename(os.fspath(path_or_bytes))
    try:
        with open(path_or_bytes, "rb") as fh:
            return fh.read(MAX_BYTES + 1), name
    except OSError as exc:
        raise PdfImportError(name, "无法读取文件", f"cannot read file: {exc.strerror}") from exc


_PAGE_OBJ = re.compile(rb"/Type\s*/Page(?!s)")
_EMPTY_TREE = re.compile(rb"/Count\s+0\b")


def _looks_pageless(data: bytes) -> bool:
    return bool(_EMPTY_TREE.search(data)) and not _PAGE_OBJ.search(data)


def check_pdf(
    path_or_bytes: str | os.PathLike | bytes,
    filename: str | None = None,
    limits: PdfLimits | None = None,
) -> PdfInfo:
    """Open and sanity-check a PDF; return its page count and sizes or raise PdfImportError.

    ``limits`` (default ``PdfLimits()``) bounds the page count and every page's size and
    render pixels; nothing is rendered here.
    """
    limits = limits or PdfLimits()
    data, name = _read(path_or_bytes, filename)
    if not data:
        raise PdfImportError(name, "文件为空", "the file is empty")
    if len(data) > MAX_BYTES:
        raise PdfImportError(name, "文件过大（超过 200 MB）", "file larger than 200 MB")
    head = data[:1024]
    if b"%PDF-" not in head:
        raise PdfImportError(name, "不是 PDF 文件", "not a PDF file (missing %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise PdfImportError(
            name, "PDF 文件不完整（可能上传或复制中断）", "truncated PDF: no end-of-file marker"
        )
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if _looks_pageless(data):
            # pdfium refuses to load a document whose page tree is empty
            raise PdfImportError(name, "PDF 没有任何页面", "the PDF has zero pages") from exc
        if code == pdfium_c.FPDF_ERR_PASSWORD and b"/Encrypt" in data:
            raise PdfImportError(
                name,
                "PDF 已加密，需要密码才能打开，请导出未加密的版面文件",
                "encrypted, password-protected PDF",
            ) from exc
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise PdfImportError(
                name, "PDF 使用了不支持的加密方式", "unsupported PDF security handler"
            ) from exc
        raise PdfImportError(name, "PDF 文件已损坏，无法打开", f"corrupt PDF ({exc})") from exc
    try:
        n = len(doc)
        if n == 0:
            raise PdfImportError(name, "PDF 没有任何页面", "the PDF has zero pages")
        if n > limits.max_pages:
            raise PdfImportError(
                name,
                f"PDF 有 {n} 页，超过每期 {limits.max_pages} 版的上限",
                f"{n} pages, more than the limit of {limits.max_pages}",
            )
        info = PdfInfo(name, n, size_bytes=len(data))
        info.pdf_version = doc.get_version()
        info.encrypted = b"/Encrypt" in data
        for i in range(n):
            try:
                page = doc[i]
            except pdfium.PdfiumError as exc:
                raise PdfImportError(
                    name, f"第 {i + 1} 页已损坏", f"page {i + 1} is corrupt"
                ) from exc
            w, h = page.get_size()
            check_page_size(name, i + 1, w, h, limits)
            info.page_sizes.append((round(w, 2), round(h, 2)))
            try:
                tp = page.get_textpage()
                info.has_text_layer.append(tp.count_chars() > 0)
                tp.close()
            except (pdfium.PdfiumError, MemoryError, OSError) as exc:
                raise PdfImportError(
                    name, f"第 {i + 1} 页已损坏，无法读取文字", f"page {i + 1} is corrupt"
                ) from exc
            page.close()
        return info
    except (MemoryError, OSError) as exc:
        raise PdfImportError(name, "PDF 文件无法读取", f"unreadable PDF ({exc!r})") from exc
    finally:
        doc.close()


_PAGE_NAME = re.compile(
    r"^(?:第\s*)?(?P<num>[A-Za-z]{0,2}\s*\d{1,3})\s*版?(?:\s*[-_—–－·.\s]\s*(?P<name>.+?))?$"
)


def parse_page_filename(filename: str) -> tuple[str, str]:
    """'A01.pdf' → ('A01', ''), '01.pdf' → ('01', ''), 'A01-要闻.pdf' → ('A01', '要闻').

    Numbers keep their letter (叠 A/B) upper-cased and are zero-padded to two
    digits; the 版名 is whatever follows a separator. Raises PdfImportError if the
    name does not start with a 版次.
    """
    base = os.path.basename(filename)
    stem, ext = os.path.splitext(base)
    if ext.lower() != ".pdf":
        raise PdfImportError(base, "文件扩展名不是 .pdf", "file extension is not .pdf")
    m = _PAGE_NAME.match(stem.strip())
    if not m:
        raise PdfImportError(
            base,
            "无法从文件名识别版次（应为 A01.pdf、01.pdf 或 A01-要闻.pdf）",
            "cannot read the page number from the file name "
            "(expected A01.pdf, 01.pdf or A01-要闻.pdf)",
        )
    num = m.group("num").replace(" ", "").upper()
    letters = "".join(c for c in num if c.isalpha())
    digits = num[len(letters) :]
    number = f"{letters}{int(digits):02d}"
    return number, (m.group("name") or "").strip()


def _sort_key(number: str) -> tuple[str, int]:
    letters = "".join(c for c in number if c.isalpha())
    return letters, int(number[len(letters) :])


def check_page_files(filenames: Iterable[str]) -> list[tuple[str, str, str]]:
    """Parse a folder's page files; return (版次, 版名, filename) sorted by 版次.

    Raises PdfImportError when two files claim the same 版次 (e.g. 'A01.pdf' and
    'A01-要闻.pdf'), because importing both would silently drop one page.
    """
    seen: dict[str, str] = {}
    out = []
    for fn in filenames:
        if not fn.lower().endswith(".pdf"):
            continue
        number, name = parse_page_filename(fn)
        if number in seen:
            raise PdfImportError(
                os.path.basename(fn),
                f"版次 {number} 重复（与 {seen[number]} 冲突）",
                f"duplicate page number {number} (also in {seen[number]})",
            )
        seen[number] = os.path.basename(fn)
        out.append((number, name, fn))
    out.sort(key=lambda t: _sort_key(t[0]))
    return out


def check_folder(directory: str | os.PathLike) -> list[tuple[str, str, str]]:
    """`check_page_files` over the PDFs in a directory (full paths returned)."""
    names = sorted(os.listdir(directory))
    return check_page_files(os.path.join(os.fspath(directory), n) for n in names)
