"""Upload validation: clear bilingual errors for unusable files."""

import io

import pytest
from django.utils import translation
from reportlab.lib import pdfencrypt
from reportlab.pdfgen.canvas import Canvas

from baoshe.epaper.pdfcheck import (
    PdfImportError,
    check_folder,
    check_page_files,
    check_pdf,
    parse_page_filename,
)
from baoshe_demo.pdfgen import generate_issue


@pytest.fixture(scope="module")
def pdf_bytes():
    return generate_issue(seed=1, n_pages=1).pages[0].pdf_bytes


def _zero_page_pdf() -> bytes:
    objs = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>"]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size 3/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % xref
    return out


def test_valid_pdf(pdf_bytes, tmp_path):
    path = tmp_path / "A01-要闻.pdf"
    path.write_bytes(pdf_bytes)
    info = check_pdf(path)
    assert info.page_count == 1 and info.filename == "A01-要闻.pdf"
    assert info.page_sizes[0] == (992.13, 1417.32)
    assert info.has_text_layer == [True]


@pytest.mark.parametrize(
    "data, zh, en",
    [
        (b"", "文件为空", "empty"),
        (b"GIF89a not a pdf", "不是 PDF", "Not a PDF"),
        (b"%PDF-1.4\n garbage garbage\n%%EOF\n", "损坏", "corrupt"),
    ],
)
def test_bad_files(data, zh, en):
    """The message names the file and the problem in the active language (简体中文 by default)."""
    with pytest.raises(PdfImportError) as exc:
        check_pdf(data, "A03.pdf")
    msg = str(exc.value)
    assert msg.startswith("A03.pdf：") and zh in msg
    with translation.override("en"), pytest.raises(PdfImportError) as exc:
        check_pdf(data, "A03.pdf")
    msg = str(exc.value)
    assert msg.startswith("A03.pdf: ") and en in msg


def test_truncated(pdf_bytes):
    with pytest.raises(PdfImportError, match="不完整"):
        check_pdf(pdf_bytes[: len(pdf_bytes) // 2], "A01.pdf")


def test_encrypted():
    buf = io.BytesIO()
    c = Canvas(buf, encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    c.drawString(72, 72, "locked")
    c.showPage()
    c.save()
    with pytest.raises(PdfImportError, match="加密"):
        check_pdf(buf.getvalue(), "A02.pdf")


def test_zero_pages():
    with pytest.raises(PdfImportError, match="没有任何页面"):
        check_pdf(_zero_page_pdf(), "A04.pdf")


def test_scanned_page_is_not_an_error():
    scanned = generate_issue(seed=1, n_pages=1, scanned_pages=[0]).pages[0]
    info = check_pdf(scanned.pdf_bytes, "A08.pdf")
    assert info.page_count == 1 and info.has_text_layer == [False]


@pytest.mark.parametrize(
    "name, want",
    [
        ("A01.pdf", ("A01", "")),
        ("01.pdf", ("01", "")),
        ("A01-要闻.pdf", ("A01", "要闻")),
        ("b3_都市.PDF", ("B03", "都市")),
        ("第A05版-体育.pdf", ("A05", "体育")),
    ],
)
def test_parse_page_filename(name, want):
    assert parse_page_filename(name) == want


def test_unparseable_filename():
    with pytest.raises(PdfImportError, match="版次"):
        parse_page_filename("要闻.pdf")


def test_duplicate_page_numbers(tmp_path):
    for name in ("A01.pdf", "A02-要闻.pdf", "A01-要闻.pdf", "notes.txt"):
        (tmp_path / name).write_bytes(b"%PDF-")
    with pytest.raises(PdfImportError, match="A01 重复"):
        check_folder(tmp_path)


def test_folder_sorted():
    got = check_page_files(["B01.pdf", "A10.pdf", "A02-要闻.pdf", "readme.md"])
    assert [n for n, _, _ in got] == ["A02", "A10", "B01"]
