"""Validation of uploaded print PDFs before anything is stored.

Editors upload what the layout system exported, sometimes the wrong file, a
half-copied one, or a password-protected proof. Every problem raises
`PdfImportError` whose message names the file and says what is wrong (in the active
language, 简体中文 by default), so it can be shown as is in the admin or the import command.
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
from django.utils.translation import gettext as _

from .lexicon import PAGE_FILE_NAME
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
        raise PdfImportError(name, _("Page %(number)s has an invalid size") % {"number": number})
    size = {"number": number, "width": f"{w:g}", "height": f"{h:g}"}
    if min(w, h) < limits.min_side_pt or max(w, h) > limits.max_side_pt:
        raise PdfImportError(
            name,
            _(
                "Page %(number)s measures %(width)s×%(height)s pt, not a newspaper page "
                "(each side must be %(min)s–%(max)s pt)"
            )
            % {**size, "min": f"{limits.min_side_pt:g}", "max": f"{limits.max_side_pt:g}"},
        )
    if max(w, h) / min(w, h) > limits.max_aspect:
        raise PdfImportError(
            name,
            _(
                "Page %(number)s measures %(width)s×%(height)s pt, too narrow "
                "(the aspect ratio may not exceed %(max)s)"
            )
            % {**size, "max": f"{limits.max_aspect:g}"},
        )
    width_px, height_px = render_size(w, h, limits.render_width)
    if width_px * height_px > limits.max_render_pixels:
        raise PdfImportError(
            name,
            _(
                "Page %(number)s would render to %(width)s×%(height)s px, over the limit of "
                "%(megapixels)s megapixels per page"
            )
            % {
                "number": number,
                "width": width_px,
                "height": height_px,
                "megapixels": f"{limits.max_render_pixels / 1e6:g}",
            },
        )


class PdfImportError(ValueError):
    """A PDF (or a folder of page PDFs) cannot be imported; `str()` is user-facing: the file's
    name and ``problem``, already translated (gettext, in the process raising it)."""

    def __init__(self, filename: str, problem: str):
        self.filename = filename
        self.problem = problem
        super().__init__(_("%(file)s: %(problem)s") % {"file": filename, "problem": problem})


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
        raise PdfImportError(
            name, _("Cannot read the file (%(error)s)") % {"error": exc.strerror}
        ) from exc


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
        raise PdfImportError(name, _("The file is empty"))
    if len(data) > MAX_BYTES:
        raise PdfImportError(name, _("The file is larger than 200 MB"))
    head = data[:1024]
    if b"%PDF-" not in head:
        raise PdfImportError(name, _("Not a PDF file"))
    if b"%%EOF" not in data[-2048:]:
        raise PdfImportError(
            name, _("The PDF file is incomplete (was the upload or the copy interrupted?)")
        )
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if _looks_pageless(data):
            # pdfium refuses to load a document whose page tree is empty
            raise PdfImportError(name, _("The PDF has no pages")) from exc
        if code == pdfium_c.FPDF_ERR_PASSWORD and b"/Encrypt" in data:
            raise PdfImportError(
                name,
                _(
                    "The PDF is encrypted and needs a password to open: export the page "
                    "files without encryption"
                ),
            ) from exc
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise PdfImportError(
                name, _("The PDF uses an encryption method that is not supported")
            ) from exc
        raise PdfImportError(
            name, _("The PDF file is corrupt and cannot be opened (%(error)s)") % {"error": exc}
        ) from exc
    try:
        n = len(doc)
        if n == 0:
            raise PdfImportError(name, _("The PDF has no pages"))
        if n > limits.max_pages:
            raise PdfImportError(
                name,
                _("The PDF has %(count)s pages, over the limit of %(limit)s per issue")
                % {"count": n, "limit": limits.max_pages},
            )
        info = PdfInfo(name, n, size_bytes=len(data))
        info.pdf_version = doc.get_version()
        info.encrypted = b"/Encrypt" in data
        for i in range(n):
            try:
                page = doc[i]
            except pdfium.PdfiumError as exc:
                raise PdfImportError(
                    name, _("Page %(number)s is corrupt") % {"number": i + 1}
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
                    name,
                    _("Page %(number)s is corrupt: its text cannot be read") % {"number": i + 1},
                ) from exc
            page.close()
        return info
    except (MemoryError, OSError) as exc:
        raise PdfImportError(
            name, _("The PDF file cannot be read (%(error)s)") % {"error": repr(exc)}
        ) from exc
    finally:
        doc.close()


def parse_page_filename(filename: str) -> tuple[str, str]:
    """'A01.pdf' → ('A01', ''), '01.pdf' → ('01', ''), 'A01-要闻.pdf' → ('A01', '要闻').

    Numbers keep their letter (叠 A/B) upper-cased and are zero-padded to two
    digits; the 版名 is whatever follows a separator. Raises PdfImportError if the
    name does not start with a 版次.
    """
    base = os.path.basename(filename)
    stem, ext = os.path.splitext(base)
    if ext.lower() != ".pdf":
        raise PdfImportError(base, _("The file extension is not .pdf"))
    m = PAGE_FILE_NAME.match(stem.strip())
    if not m:
        raise PdfImportError(
            base,
            _(
                "Cannot read the page number from the file name "
                "(expected A01.pdf, 01.pdf or A01-News.pdf)"
            ),
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
                _("Page number %(number)s appears twice (also in %(other)s)")
                % {"number": number, "other": seen[number]},
            )
        seen[number] = os.path.basename(fn)
        out.append((number, name, fn))
    out.sort(key=lambda t: _sort_key(t[0]))
    return out


def check_folder(directory: str | os.PathLike) -> list[tuple[str, str, str]]:
    """`check_page_files` over the PDFs in a directory (full paths returned)."""
    names = sorted(os.listdir(directory))
    return check_page_files(os.path.join(os.fspath(directory), n) for n in names)
