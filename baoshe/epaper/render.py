"""Render newspaper pages to images with pypdfium2 (Apache-2.0/BSD, not AGPL).

One rasterisation per page at the largest size; the screen image and thumbnail are
downscaled from it with Pillow, which is much cheaper than asking pdfium again.
Screen images are WebP: at ~1000 px wide a dense broadsheet page stays well under
the 400 KB budget at quality 70, where JPEG needs ~1.6x the bytes for the same
legibility of 9 pt body text. The zoom image is JPEG because encoding a 1800 px
WebP costs several times more CPU per page during an import.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image

LARGE_WIDTH = 1800
SCREEN_WIDTH = 1000
THUMB_WIDTH = 200
SCREEN_MAX_BYTES = 400 * 1024
# Largest bitmap pdfium is ever asked for (pixels). A broadsheet at LARGE_WIDTH is ~2.6 MP;
# pdfcheck refuses pages whose render would exceed its (configurable) budget before this.
MAX_RENDER_PIXELS = 16_000_000


class RenderBudgetError(ValueError):
    """A render would need a bitmap larger than the pixel budget; nothing was rendered."""


def render_size(width_pt: float, height_pt: float, width: int = LARGE_WIDTH) -> tuple[int, int]:
    """Pixel size of the page rasterised ``width`` px wide, as ``render_page_image`` does."""
    if width_pt <= 0 or height_pt <= 0:
        raise RenderBudgetError(f"invalid page size {width_pt}x{height_pt} pt")
    return width, max(1, round(height_pt * width / width_pt))


def _check_budget(width_px: float, height_px: float, max_pixels: int) -> None:
    if width_px * height_px > max_pixels:
        raise RenderBudgetError(
            f"render of {width_px:.0f}x{height_px:.0f} px exceeds {max_pixels} pixels"
        )


@dataclass
class RenderedImage:
    data: bytes
    width: int  # pixels
    height: int
    format: str  # "webp" | "jpeg" | "png"

    @property
    def content_type(self) -> str:
        return f"image/{self.format}"

    @property
    def extension(self) -> str:
        return {"jpeg": "jpg"}.get(self.format, self.format)


@dataclass
class RenderedPage:
    large: RenderedImage  # ~1800 px wide, for zoom
    screen: RenderedImage  # ~1000 px wide, default view (< 400 KB)
    thumb: RenderedImage  # ~200 px wide, page strip / date browser
    width_pt: float  # page size in PDF points
    height_pt: float


def _open(pdf: str | os.PathLike | bytes | pdfium.PdfDocument) -> tuple[pdfium.PdfDocument, bool]:
    if isinstance(pdf, pdfium.PdfDocument):
        return pdf, False
    if isinstance(pdf, (bytes, bytearray)):
        return pdfium.PdfDocument(bytes(pdf)), True
    return pdfium.PdfDocument(os.fspath(pdf)), True


def encode(img: Image.Image, fmt: str, quality: int) -> RenderedImage:
    buf = io.BytesIO()
    if fmt == "webp":
        img.save(buf, "WEBP", quality=quality, method=4)
    elif fmt == "jpeg":
        img.convert("RGB").save(buf, "JPEG", quality=quality, optimize=True, progressive=True)
    else:
        img.save(buf, "PNG", optimize=True)
    return RenderedImage(buf.getvalue(), img.width, img.height, fmt)


def _resize(img: Image.Image, width: int) -> Image.Image:
    height = max(1, round(img.height * width / img.width))
    return img.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=2.0)


def render_page_image(
    pdf: str | os.PathLike | bytes | pdfium.PdfDocument,
    page_index: int = 0,
    width: int = LARGE_WIDTH,
    *,
    max_pixels: int = MAX_RENDER_PIXELS,
) -> tuple[Image.Image, float, float]:
    """Rasterise one page to a Pillow RGB image `width` px wide; also the page size (pt).

    Raises RenderBudgetError, before asking pdfium for a bitmap, when the image would be
    larger than ``max_pixels`` (a 0.01 × 1 pt page is 1800 × 180,000 px at zoom width).
    """
    doc, own = _open(pdf)
    try:
        page = doc[page_index]
        w_pt, h_pt = page.get_size()
        _check_budget(*render_size(w_pt, h_pt, width), max_pixels)
        bitmap = page.render(scale=width / w_pt, rev_byteorder=True, may_draw_forms=False)
        img = bitmap.to_pil().convert("RGB")
        page.close()
        return img, w_pt, h_pt
    finally:
        if own:
            doc.close()


def render_page(
    pdf: str | os.PathLike | bytes | pdfium.PdfDocument,
    page_index: int = 0,
    *,
    large_width: int = LARGE_WIDTH,
    screen_width: int = SCREEN_WIDTH,
    thumb_width: int = THUMB_WIDTH,
    screen_max_bytes: int = SCREEN_MAX_BYTES,
    max_pixels: int = MAX_RENDER_PIXELS,
) -> RenderedPage:
    """Render the zoom, screen and thumbnail images of one page.

    The screen image quality steps down until it fits `screen_max_bytes`; a page
    that still does not fit (pathological photo-heavy page) is shrunk in width.
    """
    img, w_pt, h_pt = render_page_image(pdf, page_index, large_width, max_pixels=max_pixels)
    large = encode(img, "jpeg", 82)
    screen_img = _resize(img, screen_width)
    screen = None
    for q in (72, 62, 52, 42):
        screen = encode(screen_img, "webp", q)
        if len(screen.data) <= screen_max_bytes:
            break
    while len(screen.data) > screen_max_bytes and screen_img.width > 400:
        screen_img = _resize(screen_img, int(screen_img.width * 0.85))
        screen = encode(screen_img, "webp", 42)
    thumb = encode(_resize(screen_img, thumb_width), "webp", 70)
    return RenderedPage(large, screen, thumb, float(w_pt), float(h_pt))


def crop_region(
    pdf: str | os.PathLike | bytes | pdfium.PdfDocument,
    page_index: int,
    bbox: tuple[float, float, float, float] | list[float],
    *,
    dpi: float = 200,
    fmt: str = "jpeg",
    quality: int = 85,
    max_pixels: int = MAX_RENDER_PIXELS,
) -> RenderedImage:
    """Cut a region of a page (points, top-left origin) as an image, e.g. an article photo.

    Renders only the region via pdfium's crop (cheap) at `dpi`; RenderBudgetError if the
    region at that resolution exceeds ``max_pixels``.
    """
    doc, own = _open(pdf)
    try:
        page = doc[page_index]
        w_pt, h_pt = page.get_size()
        x0, y0, x1, y1 = (
            max(0.0, bbox[0]),
            max(0.0, bbox[1]),
            min(w_pt, bbox[2]),
            min(h_pt, bbox[3]),
        )
        if x1 <= x0 or y1 <= y0:
            raise ValueError(f"empty crop box {bbox!r}")
        scale = dpi / 72
        _check_budget((x1 - x0) * scale, (y1 - y0) * scale, max_pixels)
        # pdfium crop is (left, bottom, right, top) margins to cut away, in points.
        crop = (x0, h_pt - y1, w_pt - x1, y0)
        bitmap = page.render(scale=scale, crop=crop, rev_byteorder=True)
        img = bitmap.to_pil().convert("RGB")
        page.close()
        return encode(img, fmt, quality)
    finally:
        if own:
            doc.close()


def crop_image(
    img: Image.Image, page_size: tuple[float, float], bbox: list[float], fmt: str = "jpeg"
) -> RenderedImage:
    """Crop a region (points) out of an already rendered page image."""
    sx = img.width / page_size[0]
    sy = img.height / page_size[1]
    box = (round(bbox[0] * sx), round(bbox[1] * sy), round(bbox[2] * sx), round(bbox[3] * sy))
    return encode(img.crop(box), fmt, 85)
