"""Synthetic press photos and scanned pages drawn with Pillow (no external images)."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from .typeset import font_path


def photo_jpeg(width_pt: float, height_pt: float, seed: int, px_per_pt: float = 1.4) -> bytes:
    """A landscape-like picture: sky gradient, sun, hills and a skyline."""
    rng = random.Random(seed)
    w = max(40, min(1000, int(width_pt * px_per_pt)))
    h = max(30, min(1000, int(height_pt * px_per_pt)))
    img = Image.new("RGB", (w, h))
    draw = ImageDraw.Draw(img)
    top = (rng.randint(60, 140), rng.randint(120, 190), rng.randint(200, 255))
    bottom = (rng.randint(200, 255), rng.randint(180, 230), rng.randint(150, 210))
    for y in range(h):
        t = y / max(h - 1, 1)
        color = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=False))
        draw.line(
            [(0, y), (w, y)],
            fill=color,
        )
    r = rng.randint(h // 12 + 2, h // 6 + 3)
    cx, cy = rng.randint(r, w - r), rng.randint(r, h // 3 + r)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(255, rng.randint(200, 240), 120))
    for layer in range(3):
        base = int(h * (0.55 + 0.12 * layer))
        green = (40 + 30 * layer, 110 + 25 * layer + rng.randint(-20, 20), 60 + 10 * layer)
        pts = [(0, h)]
        for x in range(0, w + 40, 40):
            pts.append((x, base - rng.randint(0, h // 6)))
        pts.append((w, h))
        draw.polygon(pts, fill=green)
    x = rng.randint(0, w // 4)
    while x < w:
        bw, bh = rng.randint(w // 30 + 4, w // 10 + 6), rng.randint(h // 6, h // 2)
        shade = rng.randint(70, 160)
        draw.rectangle([x, h - bh, x + bw, h], fill=(shade, shade, shade + 15))
        for wy in range(h - bh + 6, h - 4, 10):
            for wx in range(x + 3, x + bw - 4, 8):
                if rng.random() < 0.6:
                    draw.rectangle([wx, wy, wx + 3, wy + 4], fill=(240, 230, 170))
        x += bw + rng.randint(2, w // 8 + 3)
    img = img.filter(ImageFilter.SMOOTH)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=78)
    return out.getvalue()


def scanned_page_jpeg(
    width_pt: float, height_pt: float, seed: int, title: str, dpi: float = 110
) -> bytes:
    """A page that arrived as a scan: text only as pixels, slightly grey and tilted."""
    rng = random.Random(seed)
    scale = dpi / 72
    w, h = int(width_pt * scale), int(height_pt * scale)
    img = Image.new("L", (w, h), 238)
    draw = ImageDraw.Draw(img)
    big = ImageFont.truetype(font_path("NotoSerifCJKsc-Regular.otf"), int(40 * scale))
    small = ImageFont.truetype(font_path("NotoSansCJKsc-Regular.otf"), int(9 * scale))
    m = int(42 * scale)
    draw.text((m, m), title, font=big, fill=20)
    draw.line([(m, int(110 * scale)), (w - m, int(110 * scale))], fill=30, width=3)
    cols = 5
    cw = (w - 2 * m) // cols
    body = "示例市新闻摘要，本版为扫描件，仅供存档浏览。" * 3
    for c in range(cols):
        x = m + c * cw
        y = int(130 * scale)
        while y < h - m:
            n = rng.randint(10, 15)
            s = rng.randint(0, len(body) - 16)
            draw.text((x, y), body[s : s + n], font=small, fill=40)
            y += int(14 * scale)
    img = img.rotate(0.4, fillcolor=238)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=70)
    return out.getvalue()
