"""The segmenter finds the generated articles from the PDF alone."""

import re

import pytest

from baoshe.epaper.segment import segment_document, segment_page
from baoshe_demo.pdfgen import generate_issue


def iou(a, b):
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union


@pytest.fixture(scope="module")
def pages():
    # held-out seed, never used while tuning; includes the scanned last page
    return generate_issue(seed=42, n_pages=8).pages


@pytest.fixture(scope="module")
def layouts(pages):
    return [segment_page(p.pdf_bytes, 0) for p in pages]


def _match(layout, truth_article):
    best = max(layout.articles, key=lambda a: iou(a.bbox, truth_article.bbox))
    return best, iou(best.bbox, truth_article.bbox)


def test_articles_titles_and_polygons(pages, layouts):
    for page, layout in zip(pages[:-1], layouts[:-1], strict=False):
        assert layout.has_text_layer and not layout.needs_review
        assert len(layout.articles) == len(page.truth.articles), page.number
        for t in page.truth.articles:
            got, score = _match(layout, t)
            assert score >= 0.8, (page.number, t.title)
            assert got.title == t.title
            assert got.kicker == t.kicker and got.subtitle == t.subtitle
            x0, y0, x1, y1 = got.bbox
            assert got.polygons[0] == [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]


def test_body_text_reading_order_and_paragraphs(pages, layouts):
    exact = total = 0
    for page, layout in zip(pages[:-1], layouts[:-1], strict=False):
        for t in page.truth.articles:
            got, _ = _match(layout, t)
            total += 1
            exact += got.body == t.body
            assert got.byline == t.byline
    assert exact / total >= 0.95


def test_no_spaces_between_cjk(layouts):
    cjk_space = re.compile(r"[\u4e00-\u9fff，。、] +[\u4e00-\u9fff，。、]")
    for layout in layouts:
        for a in layout.articles:
            assert not cjk_space.search(a.title)
            assert not cjk_space.search(a.body)
            assert "\r" not in a.body and "\n\n" not in a.body


def test_continuations_parsed(pages, layouts):
    want = {
        (p.number, t.title, c["direction"], c["page"])
        for p in pages
        for t in p.truth.articles
        for c in t.continuations
    }
    got = {
        (p.number, a.title, c.direction, c.page)
        for p, layout in zip(pages, layouts, strict=False)
        for a in layout.articles
        for c in a.continuations
    }
    assert want and want == got
    for layout in layouts:
        for a in layout.articles:
            assert "下转" not in a.body and "上接" not in a.body


def test_headers_and_ads_excluded(pages, layouts):
    for page, layout in zip(pages[:-1], layouts[:-1], strict=False):
        for ex in page.truth.excluded:
            for a in layout.articles:
                assert iou(a.bbox, ex["bbox"]) < 0.1, (page.number, ex["kind"], a.title)
        assert "header" in {r.kind for r in layout.excluded}
        titles = " ".join(a.title for a in layout.articles)
        assert "示例日报" not in titles and "广告" not in titles


def test_ad_page_region_reported():
    page = generate_issue(seed=0, n_pages=8, scanned_pages=[]).pages[6]
    assert any(ex["kind"] == "ad" for ex in page.truth.excluded)
    layout = segment_page(page.pdf_bytes)
    assert "ad" in {r.kind for r in layout.excluded}


def test_scanned_page_needs_review(pages, layouts):
    layout = layouts[-1]
    assert not pages[-1].truth.has_text_layer
    assert not layout.has_text_layer
    assert layout.needs_review and layout.articles == []
    assert "无文字层" in layout.review_reasons[0]


def test_document_api_and_dict(pages):
    layouts = segment_document(pages[0].pdf_bytes)
    assert len(layouts) == 1
    d = layouts[0].to_dict()
    assert d["articles"][0]["body"] and d["width"] > 900
