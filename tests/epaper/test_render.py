"""Page images have the promised sizes and stay inside the byte budget."""

import io

import pytest
from PIL import Image

from baoshe.epaper.render import (
    SCREEN_MAX_BYTES,
    crop_image,
    crop_region,
    render_page,
    render_page_image,
)
from baoshe_demo.pdfgen import generate_issue


@pytest.fixture(scope="module")
def page():
    return generate_issue(seed=2, n_pages=1).pages[0]


def test_render_sizes_and_budget(page):
    r = render_page(page.pdf_bytes, 0)
    assert r.large.width == 1800 and r.screen.width == 1000 and r.thumb.width == 200
    assert abs(r.width_pt - page.truth.width) < 0.1 and abs(r.height_pt - page.truth.height) < 0.1
    ratio = page.truth.height / page.truth.width
    assert abs(r.screen.height - round(1000 * ratio)) <= 1
    assert len(r.screen.data) < SCREEN_MAX_BYTES
    assert len(r.thumb.data) < 40 * 1024
    for img in (r.large, r.screen, r.thumb):
        decoded = Image.open(io.BytesIO(img.data))
        assert decoded.size == (img.width, img.height)
        assert decoded.format.lower() == img.format


def test_budget_forces_smaller_screen_image(page):
    r = render_page(page.pdf_bytes, 0, screen_max_bytes=60 * 1024)
    assert len(r.screen.data) <= 60 * 1024


def test_crop_region_of_article_photo():
    pages = generate_issue(seed=0, n_pages=8, scanned_pages=[]).pages
    page, art = next((p, a) for p in pages for a in p.truth.articles if a.images)
    box = art.images[0].bbox
    img = crop_region(page.pdf_bytes, 0, box, dpi=144)
    assert abs(img.width - (box[2] - box[0]) * 2) <= 2
    assert abs(img.height - (box[3] - box[1]) * 2) <= 2
    full, w, h = render_page_image(page.pdf_bytes, 0, 1000)
    cut = crop_image(full, (w, h), box)
    assert cut.width == pytest.approx((box[2] - box[0]) * 1000 / w, abs=2)
    with pytest.raises(ValueError):
        crop_region(page.pdf_bytes, 0, [10, 10, 10, 20])
