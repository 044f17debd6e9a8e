"""The page generator makes valid newspaper PDFs with consistent ground truth."""

import json

import pypdfium2 as pdfium
import pytest

from baoshe_demo.pdfgen import ArticleSpec, ImageSpec, generate_issue, write_issue
from baoshe_demo.pdfgen.content import BANK


@pytest.fixture(scope="module")
def issue():
    return generate_issue(seed=3, n_pages=8)


def _chars(pdf_bytes):
    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        tp = doc[0].get_textpage()
        return tp.get_text_range()
    finally:
        doc.close()


def test_bank_has_forty_distinct_invented_stories():
    titles = {t for _, _, t, _, _ in BANK}
    assert len(titles) >= 40
    assert all(len(lead) > 20 for *_, lead in BANK)


def test_pages_are_valid_pdfs_with_text_layer(issue):
    assert [p.number for p in issue.pages] == [f"A0{i}" for i in range(1, 9)]
    for page in issue.pages[:-1]:
        text = _chars(page.pdf_bytes)
        assert page.truth.has_text_layer
        assert len(text) > 1000
        assert page.truth.articles, page.number
        for art in page.truth.articles:
            assert art.title in text.replace("\r\n", "").replace("\n", "")
            x0, y0, x1, y1 = art.bbox
            assert 0 <= x0 < x1 <= page.truth.width and 0 <= y0 < y1 <= page.truth.height


def test_scanned_page_has_no_text_layer(issue):
    scanned = issue.pages[-1]
    assert not scanned.truth.has_text_layer
    assert _chars(scanned.pdf_bytes).strip() == ""
    assert scanned.truth.articles == []


def test_layout_features_present():
    pages = generate_issue(seed=0, n_pages=8, scanned_pages=[]).pages
    kinds = {ex["kind"] for p in pages for ex in p.truth.excluded}
    assert {"header", "footer", "ad"} <= kinds
    arts = [a for p in pages for a in p.truth.articles]
    assert any(a.boxed for a in arts)
    assert any(a.images and a.images[0].caption for a in arts)
    dirs = {c["direction"] for a in arts for c in a.continuations}
    assert dirs == {"to", "from"}
    assert len({p.truth.layout["columns"] for p in pages}) >= 2


def test_continuation_points_to_existing_page():
    pages = generate_issue(seed=0, n_pages=8, scanned_pages=[]).pages
    numbers = {p.number for p in pages}
    for p in pages:
        for a in p.truth.articles:
            for c in a.continuations:
                assert c["page"] in numbers and c["page"] != p.number


def test_custom_specs_are_printed_first():
    spec = ArticleSpec(
        title="示例市图书馆新馆开放",
        kicker="文化惠民",
        subtitle="藏书一百万册",
        byline="本报记者 张明",
        paragraphs=["示例市图书馆新馆今天开放。市民可免费入馆。", "新馆共有阅览座位两千个。"],
        image=ImageSpec(caption="图为新馆外景。", seed=7),
        key="web-42",
    )
    page = generate_issue(seed=5, n_pages=1, articles=[spec], continuations=False).pages[0]
    lead = page.truth.articles[0]
    assert lead.key == "web-42"
    assert lead.title == spec.title
    assert lead.body == "\n".join(spec.paragraphs)
    assert lead.byline == "本报记者 张明"


def test_write_issue(tmp_path):
    write_issue(tmp_path, seed=1, n_pages=2)
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    truth = json.loads((tmp_path / "truth.json").read_text("utf-8"))
    assert [p["file"] for p in manifest["pages"]] == ["A01-要闻.pdf", "A02-要闻.pdf"]
    assert (tmp_path / "A01-要闻.pdf").read_bytes().startswith(b"%PDF-")
    assert truth["A01"]["articles"][0]["bbox"]


def test_deterministic():
    a = generate_issue(seed=9, n_pages=2)
    b = generate_issue(seed=9, n_pages=2)
    assert [p.truth.to_dict() for p in a.pages] == [p.truth.to_dict() for p in b.pages]
