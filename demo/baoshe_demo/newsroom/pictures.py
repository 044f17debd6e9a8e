"""Pictures for the demo paper, drawn by the project itself: no stock photos, no downloads.

Each motif is a simple flat illustration (sky, horizon, a few shapes) coloured from a seed,
so the demo looks like a newspaper with photos without shipping anyone's photographs.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFont

from baoshe_demo.fonts import font_path

SIZE = (1200, 675)
MOTIFS = (
    "bridge", "river", "city", "school", "hospital", "market", "stadium",
    "field", "museum", "train", "park", "factory", "mountain", "library",
)  # fmt: skip


BUILDING_COLOURS = {
    "hospital": (240, 240, 245),
    "library": (190, 150, 110),
    "museum": (220, 210, 190),
    "school": (230, 200, 150),
    "market": (210, 90, 70),
}


def cjk_font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path()), size)


def _gradient(draw, box, top, bottom):
    x0, y0, x1, y1 = box
    height = max(1, y1 - y0)
    for i in range(height):
        t = i / height
        colour = tuple(int(top[c] + (bottom[c] - top[c]) * t) for c in range(3))
        draw.line([(x0, y0 + i), (x1, y0 + i)], fill=colour)


def _buildings(draw, rng, base_y, count, max_h, palette):
    x = -20
    width, _ = SIZE
    while x < width and count > 0:
        w = rng.randint(60, 140)
        h = rng.randint(max_h // 3, max_h)
        colour = rng.choice(palette)
        draw.rectangle([x, base_y - h, x + w, base_y], fill=colour)
        for wy in range(base_y - h + 14, base_y - 16, 26):
            for wx in range(x + 10, x + w - 14, 22):
                if rng.random() < 0.6:
                    draw.rectangle([wx, wy, wx + 10, wy + 14], fill=(250, 226, 150))
        x += w + rng.randint(4, 20)
        count -= 1


def draw_picture(motif: str, seed: int = 0) -> bytes:
    """A 1200×675 JPEG for ``motif``; the same seed always gives the same picture."""
    rng = random.Random(f"{motif}:{seed}")
    width, height = SIZE
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    horizon = int(height * rng.uniform(0.55, 0.7))
    dusk = rng.random() < 0.3
    sky = ((40, 60, 120), (240, 150, 110)) if dusk else ((110, 170, 230), (215, 235, 250))
    _gradient(draw, (0, 0, width, horizon), *sky)
    ground = (90, 140, 80) if motif in {"field", "park", "mountain", "school"} else (120, 120, 125)
    _gradient(draw, (0, horizon, width, height), ground, tuple(max(0, c - 40) for c in ground))
    sun_x = rng.randint(100, width - 100)
    draw.ellipse([sun_x - 40, 60, sun_x + 40, 140], fill=(255, 236, 170))

    if motif in {"river", "bridge"}:
        _gradient(draw, (0, horizon, width, height), (70, 120, 170), (30, 70, 120))
        for y in range(horizon + 20, height, 28):
            for x in range(rng.randint(0, 60), width, 120):
                draw.arc([x, y, x + 60, y + 14], 200, 340, fill=(200, 225, 245), width=3)
        _buildings(draw, rng, horizon, 14, 160, [(80, 90, 110), (100, 105, 125), (70, 80, 95)])
    if motif == "bridge":
        deck = horizon + 40
        draw.rectangle([0, deck, width, deck + 18], fill=(200, 60, 50))
        for x in range(80, width, 260):
            draw.arc([x, deck - 10, x + 260, deck + 180], 180, 360, fill=(200, 60, 50), width=10)
            draw.rectangle([x - 6, deck - 120, x + 6, deck + 200], fill=(180, 50, 45))
    if motif in {"city", "hospital", "library", "museum", "school", "market"}:
        _buildings(
            draw, rng, horizon + 10, 16, 300, [(150, 160, 175), (120, 130, 150), (170, 165, 160)]
        )
        cx = width // 2
        body = BUILDING_COLOURS.get(motif, (90, 110, 140))
        draw.rectangle([cx - 260, horizon - 200, cx + 260, horizon + 40], fill=body)
        if motif == "museum":
            draw.polygon(
                [(cx - 290, horizon - 200), (cx + 290, horizon - 200), (cx, horizon - 300)],
                fill=body,
            )
            for x in range(cx - 230, cx + 240, 70):
                draw.rectangle([x, horizon - 190, x + 26, horizon + 40], fill=(245, 240, 230))
        if motif == "hospital":
            draw.rectangle([cx - 20, horizon - 180, cx + 20, horizon - 80], fill=(210, 40, 40))
            draw.rectangle([cx - 50, horizon - 150, cx + 50, horizon - 110], fill=(210, 40, 40))
        if motif == "market":
            for x in range(cx - 260, cx + 260, 52):
                draw.polygon([(x, horizon - 200), (x + 52, horizon - 200), (x + 26, horizon - 150)],
                             fill=(250, 240, 220))  # fmt: skip
        if motif in {"school", "library"}:
            for x in range(cx - 220, cx + 220, 60):
                draw.rectangle([x, horizon - 160, x + 34, horizon - 110], fill=(90, 130, 180))
    if motif == "stadium":
        draw.ellipse([150, horizon - 160, width - 150, horizon + 160], fill=(200, 200, 210))
        draw.ellipse([260, horizon - 90, width - 260, horizon + 90], fill=(70, 160, 80))
    if motif in {"field", "park"}:
        for y in range(horizon + 20, height, 22):
            draw.line([(0, y), (width, y + rng.randint(-10, 10))], fill=(120, 170, 90), width=3)
        for _ in range(14 if motif == "park" else 5):
            x = rng.randint(0, width)
            y = rng.randint(horizon - 20, height - 40)
            draw.rectangle([x - 5, y, x + 5, y + 50], fill=(100, 70, 40))
            draw.ellipse([x - 40, y - 70, x + 40, y + 10], fill=(60, rng.randint(120, 170), 60))
    if motif == "mountain":
        for i in range(4):
            peak = rng.randint(0, width)
            top = horizon - rng.randint(150, 320)
            shade = 80 + i * 25
            draw.polygon([(peak - 400, horizon), (peak, top), (peak + 400, horizon)],
                         fill=(shade - 20, shade + 30, shade))  # fmt: skip
    if motif == "factory":
        _buildings(draw, rng, horizon + 20, 8, 200, [(140, 140, 150), (120, 125, 135)])
        for x in range(300, 900, 180):
            draw.rectangle([x, horizon - 320, x + 40, horizon], fill=(170, 90, 80))
            draw.ellipse([x - 20, horizon - 380, x + 80, horizon - 320], fill=(235, 235, 240))
    if motif == "train":
        track = horizon + 60
        draw.rectangle([0, track + 70, width, track + 80], fill=(80, 80, 80))
        draw.rounded_rectangle([120, track - 40, 1080, track + 70], radius=40, fill=(235, 238, 242))
        draw.rectangle([120, track + 20, 1080, track + 34], fill=(30, 100, 190))
        for x in range(200, 1040, 90):
            draw.rectangle([x, track - 20, x + 60, track + 10], fill=(60, 80, 110))

    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def draw_badge(text: str = "事业单位") -> bytes:
    """The red public-institution badge some papers show in their footer."""
    image = Image.new("RGBA", (240, 80), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([0, 0, 239, 79], radius=10, fill=(190, 20, 30))
    draw.ellipse([12, 12, 68, 68], outline=(255, 215, 0), width=4)
    draw.text((40, 40), "★", font=cjk_font(30), fill=(255, 215, 0), anchor="mm")
    draw.text((154, 40), text, font=cjk_font(28), fill=(255, 255, 255), anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
