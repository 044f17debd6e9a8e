"""Automatic article segmentation of newspaper page PDFs (数字报 hotspots).

Pipeline per page (details in docs/epaper-pipeline.md):

1. extract characters (size, loose box), rules, boxes and pictures with pypdfium2;
2. group characters into lines; the page's body size is the most common size;
3. mask ad blocks (a box carrying the legally required "广告" label);
4. recursive XY-cut on rules/boxes, then on whitespace guided by headlines;
5. classify leaves: 报头/版头 and folio by position, ads, articles;
6. read each article: 引题/标题/副题 by size around the largest line, captions
   under pictures, byline, body columns left to right, paragraphs from the
   first-line indent, 转版 markers parsed and removed from the body.

Coordinates: PDF points, top-left origin, y down (a page is `width` x `height`).
Multiply by `image_width / width` to place hotspots on a rendered image.
No Django here: the import command stores `PageLayout.to_dict()` or maps fields.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import asdict, dataclass, field

import pypdfium2 as pdfium
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .layout.article import read_article
from .layout.extract import Block, Line, PagePrimitives, extract_page
from .layout.stories import split_stories, story_outline
from .layout.xycut import XYCutter
from .lexicon import AD_CUES, AD_LABELS

HEADER_ZONE = 0.18  # top fraction of the page where 报头/版头 live
FOOTER_ZONE = 0.93
MIN_TEXT_CHARS = 10


@dataclass
class ImageRegion:
    bbox: list[float]  # [x0, y0, x1, y1] points
    caption: str = ""


@dataclass
class Continuation:
    direction: str  # "to" (下转第X版) or "from" (上接第X版)
    page: str  # 版次 as printed, e.g. "A03"


@dataclass
class Article:
    order: int  # reading order on the page, from 0
    title: str
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""
    paragraphs: list[str] = field(default_factory=list)
    images: list[ImageRegion] = field(default_factory=list)
    bbox: list[float] = field(default_factory=list)
    polygons: list[list[list[float]]] = field(default_factory=list)  # hotspots
    continuations: list[Continuation] = field(default_factory=list)
    boxed: bool = False  # printed inside a frame (框)
    confidence: float = 1.0
    # why the confidence is below 1, in words for the editor (lazy: translated when read)
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class Region:
    kind: str  # "header" | "footer" | "ad" | "other"
    bbox: list[float]


@dataclass
class HeaderLine:
    text: str
    bbox: list[float]
    size: float


@dataclass
class TextBlock:
    """A column of text lines (or a picture) of one region: what an editor clicks to move it
    from one story to another in the hotspot editor."""

    bbox: list[float]
    text: str
    kind: str = "text"  # "text" | "picture"
    article: int | None = None  # order of the article it was given to, None when excluded


@dataclass
class PageLayout:
    page_index: int
    width: float
    height: float
    has_text_layer: bool
    articles: list[Article] = field(default_factory=list)
    excluded: list[Region] = field(default_factory=list)
    needs_review: bool = False
    # for editors, translated when read: lazy strings, since this runs in the render process,
    # which has no Django settings (renderproc.py); they survive the pickle to the importer
    review_reasons: list[str] = field(default_factory=list)
    body_size: float = 0.0
    # the text lines of the 报头/版头 ("A01 要闻"), in reading order: the importer reads
    # 版次 and 版名 from them when a merged PDF comes without a manifest
    header_lines: list[HeaderLine] = field(default_factory=list)
    blocks: list[TextBlock] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["review_reasons"] = [str(reason) for reason in self.review_reasons]
        for a, art in zip(d["articles"], self.articles, strict=False):
            a["body"] = art.body
            a["reasons"] = [str(reason) for reason in art.reasons]
        return d


def _low_confidence_reason(count: int) -> str:
    return ngettext(
        "%(count)s article was recognised with low confidence (a missing title?), please check",
        "%(count)s articles were recognised with low confidence (a missing title?), please check",
        count,
    ) % {"count": count}


# lazy, and picklable: the function is found by its name when the importer unpickles it
low_confidence_reason = lazy(_low_confidence_reason, str)

# Why a story or a page is doubtful, in the editor's words (lazy: this runs in the render
# process, which has no settings; translated when the importer stores them).
REASON_NO_TITLE = _("No headline found")
REASON_NO_BODY = _("No body text")
REASON_STRAY_LINES = _("Some lines fit no role (headline, byline, body, caption)")
REASON_WHOLE_PAGE = _("Only one article was recognised on the whole page")
REASON_NO_HEADLINE_SIZE = _("Headline sizes cannot be told from the body size")
REASON_PICTURE_CLIPPED = _(
    "A picture runs beyond its frame or the page; only its visible part is used"
)
REASON_HUGE_ARTICLE = _("One article covers most of the page")

#: An article covering more than this fraction of the type area is doubtful.
HUGE_ARTICLE = 0.6


def _bbox(elems) -> list[float]:
    return [
        round(min(e.x0 for e in elems), 2),
        round(min(e.y0 for e in elems), 2),
        round(max(e.x1 for e in elems), 2),
        round(max(e.y1 for e in elems), 2),
    ]


def _rect_polygon(b: list[float]) -> list[list[float]]:
    return [[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]]]


def _body_size(prim: PagePrimitives) -> float:
    sizes = Counter(round(c.size * 2) / 2 for c in prim.chars)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _mask_ads(prim: PagePrimitives, elems: list) -> list:
    """Replace everything inside a box labelled 广告 by one opaque `ad` block."""
    labels = [ln for ln in prim.lines if ln.text.strip() in AD_LABELS]
    for lab in labels:
        cx, cy = (lab.x0 + lab.x1) / 2, (lab.y0 + lab.y1) / 2
        inside = [b for b in prim.boxes if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]]
        if not inside:
            continue
        b = min(inside, key=lambda r: (r[2] - r[0]) * (r[3] - r[1]))
        elems = [
            e
            for e in elems
            if not (
                b[0] - 1 <= (e.x0 + e.x1) / 2 <= b[2] + 1
                and b[1] - 1 <= (e.y0 + e.y1) / 2 <= b[3] + 1
            )
        ]
        elems.append(Block(*b, kind="ad"))
    return elems


def _mask_barcodes(layout: PageLayout, elems: list, body: float) -> list:
    """Barcodes and the digits printed with them are furniture: out before the cut."""
    codes = [e for e in elems if isinstance(e, Block) and e.kind == "barcode"]
    for code in codes:
        near = [
            e
            for e in elems
            if isinstance(e, Line)
            and e.size < 1.2 * body
            and e.x0 >= code.x0 - 2 * body
            and e.x1 <= code.x1 + 2 * body
            and (0 <= e.y0 - code.y1 < 1.5 * body or 0 <= code.y0 - e.y1 < 1.5 * body)
            and not any(0x4E00 <= ord(ch) <= 0x9FFF for ch in e.text)
        ]
        layout.excluded.append(Region("other", _bbox([code, *near])))
        elems = [e for e in elems if e is not code and not any(e is n for n in near)]
    return elems


def _strip_header_footer(prim: PagePrimitives, elems: list, layout: PageLayout) -> list:
    """Cut off 报头/版头 above the first page-wide rule and the folio below the last one.

    Layout templates always close the header and open the folio with a rule across
    the type area; doing this before the XY-cut keeps "A07" and "文化" in the header
    from being mistaken for headlines of two stories.
    """
    wide = [r for r in prim.rules if r.orient == "h" and r.x1 - r.x0 >= 0.8 * prim.width - 2 * 50]
    top = sorted(r.y0 for r in wide if r.y0 <= HEADER_ZONE * prim.height)
    if top:
        cut = top[0]
        cut = max([y for y in top if y - cut <= 10] or [cut])
        head = [e for e in elems if (e.y0 + e.y1) / 2 < cut]
        if head:
            layout.excluded.append(Region("header", _bbox(head)))
            _keep_header_lines(layout, head)
            elems = [e for e in elems if (e.y0 + e.y1) / 2 >= cut]
    bottom = [r.y0 for r in wide if r.y0 >= FOOTER_ZONE * prim.height]
    if bottom:
        cut = max(bottom)
        foot = [e for e in elems if (e.y0 + e.y1) / 2 > cut]
        if foot and all(getattr(e, "size", 0) <= 1.1 * layout.body_size for e in foot):
            layout.excluded.append(Region("footer", _bbox(foot)))
            elems = [e for e in elems if (e.y0 + e.y1) / 2 <= cut]
    return elems


def _keep_header_lines(layout: PageLayout, elems: list) -> None:
    lines = sorted((e for e in elems if isinstance(e, Line)), key=lambda ln: (ln.y0, ln.x0))
    layout.header_lines += [
        HeaderLine(ln.text, [round(v, 2) for v in ln.bbox], round(ln.size, 2)) for ln in lines
    ]


def _frame_of(prim: PagePrimitives, bbox: list[float]) -> tuple | None:
    """The box (框) enclosing a region tightly, if any."""
    area = (bbox[2] - bbox[0]) * (bbox[3] - bbox[1])
    best = None
    for b in prim.boxes:
        if (
            b[0] <= bbox[0] + 1
            and b[1] <= bbox[1] + 1
            and b[2] >= bbox[2] - 1
            and b[3] >= bbox[3] - 1
        ):
            barea = (b[2] - b[0]) * (b[3] - b[1])
            if barea <= 1.6 * area and (best is None or barea < best[0]):
                best = (barea, b)
    return best[1] if best else None


def analyse_page(page: pdfium.PdfPage, page_index: int = 0) -> PageLayout:
    """Segment an already opened pdfium page (lets callers share the document)."""
    prim = extract_page(page)
    layout = PageLayout(
        page_index, round(prim.width, 2), round(prim.height, 2), len(prim.chars) >= MIN_TEXT_CHARS
    )
    if not layout.has_text_layer:
        layout.needs_review = True
        covered = sum((p.x1 - p.x0) * (p.y1 - p.y0) for p in prim.pictures) / (
            prim.width * prim.height
        )
        reason = (
            _("No text layer: a page image or a scan, draw the hotspots by hand")
            if covered > 0.5
            else _("No text layer, draw the hotspots by hand")
        )
        layout.review_reasons.append(reason)
        return layout
    body = _body_size(prim)
    layout.body_size = body
    for ln in prim.lines:
        ln.kind = "line"
    elems: list = list(prim.lines) + list(prim.pictures)
    elems = _mask_barcodes(layout, elems, body)
    elems = _mask_ads(prim, elems)
    elems = _strip_header_footer(prim, elems, layout)
    leaves = XYCutter(prim.rules, body).split(elems) if elems else []
    type_area = _area(_bbox(elems)) if elems else 1.0
    order = 0
    leaves = _join_lead_photos(leaves, body)
    # regions with several headlines: L-shaped and nested stories (layout/stories.py)
    split_leaves: list[tuple[list, bool]] = []
    for leaf in leaves:
        parts = split_stories(leaf, body, prim.boxes)
        split_leaves += [(part, len(parts) > 1) for part in parts]
    for leaf, shaped in split_leaves:
        bb = _bbox(leaf)
        lines = [e for e in leaf if isinstance(e, Line)]
        if any(isinstance(e, Block) and e.kind == "ad" for e in leaf):
            ads = [e for e in leaf if isinstance(e, Block) and e.kind == "ad"]
            layout.excluded += [Region("ad", [round(v, 2) for v in a.bbox]) for a in ads]
            rest = [e for e in leaf if e not in ads]
            if not rest:
                continue
            leaf, bb, lines = rest, _bbox(rest), [e for e in rest if isinstance(e, Line)]
        if bb[3] <= HEADER_ZONE * prim.height and bb[2] - bb[0] >= 0.5 * prim.width:
            layout.excluded.append(Region("header", bb))
            _keep_header_lines(layout, leaf)
            continue
        if bb[1] >= FOOTER_ZONE * prim.height and all(ln.size <= 1.1 * body for ln in lines):
            layout.excluded.append(Region("footer", bb))
            continue
        n_chars = sum(len(ln.chars) for ln in lines)
        read = read_article(leaf, body)
        if bb[3] <= HEADER_ZONE * prim.height and not read.paragraphs and not read.images:
            # page furniture in the header band: a folio ("2", "A01"), a masthead cell
            layout.excluded.append(Region("header", bb))
            _keep_header_lines(layout, leaf)
            continue
        text = "".join(ln.text for ln in lines)
        # no body and no picture (a slogan band, a price box), or no headline and the words of
        # an ad (a 分类广告 cell): a story always has text and a headline of its own
        furniture = (not read.paragraphs and not read.images) or (
            not read.title and AD_CUES.search(text) is not None
        )
        if (not read.title and n_chars < 30) or furniture:
            # no body and no picture: a slogan band, a price box, an unlabelled ad, a
            # barcode's digits; a story always has text of its own
            kind = "ad" if furniture and AD_CUES.search(text) else "other"
            layout.excluded.append(Region(kind, bb))
            layout.blocks += _text_blocks(leaf, None)  # the editor may give it to a story
            continue
        frame = _frame_of(prim, bb)
        polygon = _rect_polygon(bb)
        if frame:
            bb = [round(v, 2) for v in frame]
            polygon = _rect_polygon(bb)
        elif shaped:
            polygon = story_outline(leaf, body)
        confidence = 1.0
        reasons = []
        for penalty, reason, doubtful in (
            (0.5, REASON_NO_TITLE, not read.title),
            (0.3, REASON_NO_BODY, not read.paragraphs),
            (0.2, REASON_STRAY_LINES, any("unclassified" in w for w in read.warnings)),
            (0.4, REASON_HUGE_ARTICLE, _area(bb) > HUGE_ARTICLE * type_area),
        ):
            if doubtful:
                confidence -= penalty
                reasons.append(reason)
        art = Article(
            order=order,
            title=read.title,
            kicker=read.kicker,
            subtitle=read.subtitle,
            byline=read.byline,
            paragraphs=read.paragraphs,
            images=[ImageRegion([round(v, 2) for v in im.bbox], im.caption) for im in read.images],
            bbox=bb,
            polygons=[polygon],
            continuations=[Continuation(d, p) for d, p in read.continuations],
            boxed=frame is not None,
            confidence=round(max(confidence, 0.0), 2),
            reasons=reasons,
            warnings=read.warnings,
        )
        layout.articles.append(art)
        layout.blocks += _text_blocks(leaf, order)
        order += 1
    if not layout.articles:
        layout.needs_review = True
        layout.review_reasons.append(_("No articles recognised, draw the hotspots by hand"))
    elif len(layout.articles) == 1 and _area(layout.articles[0].bbox) > HUGE_ARTICLE * type_area:
        layout.needs_review = True
        layout.review_reasons.append(REASON_WHOLE_PAGE)
    if layout.articles and not any(
        ln.size >= 1.4 * body for ln in prim.lines if ln.y0 > 0.1 * prim.height
    ):
        layout.needs_review = True
        layout.review_reasons.append(REASON_NO_HEADLINE_SIZE)
    if prim.clipped_pictures:
        layout.review_reasons.append(REASON_PICTURE_CLIPPED)
    low = [a for a in layout.articles if a.confidence < 0.7]
    if low:
        layout.needs_review = True
        layout.review_reasons.append(low_confidence_reason(len(low)))
    return layout


def _join_lead_photos(leaves: list[list], body: float) -> list[list]:
    """A region that is only a photo (and its caption) standing right over a story's region
    leads that story: papers put the lead photo over the headline."""
    out = [list(leaf) for leaf in leaves]
    for leaf in out:
        pics = [e for e in leaf if isinstance(e, Block) and e.kind == "picture"]
        words = sum(len(e.text) for e in leaf if isinstance(e, Line))
        if (
            not pics
            or words > 80
            or any(isinstance(e, Line) and e.size >= 1.08 * body for e in leaf)
        ):
            continue
        x0, _, x1, y1 = _bbox(leaf)
        for other in out:
            if other is leaf or not other:
                continue
            ox0, oy0, ox1, _ = _bbox(other)
            overlap = min(x1, ox1) - max(x0, ox0)
            if 0 <= oy0 - y1 <= 3 * body and overlap > 0.5 * (x1 - x0):
                other.extend(leaf)
                leaf.clear()
                break
    return [leaf for leaf in out if leaf]


def _area(b) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def _text_blocks(leaf: list, order: int | None) -> list[TextBlock]:
    """The columns of text (and the pictures) of one region, as blocks an editor can click."""
    out: list[TextBlock] = []
    lines = sorted((e for e in leaf if isinstance(e, Line)), key=lambda ln: (ln.x0, ln.y0))
    columns: list[list[Line]] = []
    for ln in lines:
        for col in columns:
            last = col[-1]
            overlap = min(ln.x1, max(c.x1 for c in col)) - max(ln.x0, min(c.x0 for c in col))
            if overlap > 0.5 * min(ln.x1 - ln.x0, last.x1 - last.x0) and (
                ln.y0 - max(c.y1 for c in col) < 1.5 * max(ln.size, last.size)
            ):
                col.append(ln)
                break
        else:
            columns.append([ln])
    for col in columns:
        col.sort(key=lambda ln: ln.y0)
        out.append(TextBlock(_bbox(col), "".join(ln.text for ln in col)[:200], "text", order))
    for e in leaf:
        if isinstance(e, Block) and e.kind == "picture":
            out.append(TextBlock([round(v, 2) for v in e.bbox], "", "picture", order))
    return out


def _open(pdf) -> tuple[pdfium.PdfDocument, bool]:
    if isinstance(pdf, pdfium.PdfDocument):
        return pdf, False
    if isinstance(pdf, (bytes, bytearray)):
        return pdfium.PdfDocument(bytes(pdf)), True
    return pdfium.PdfDocument(os.fspath(pdf)), True


def segment_page(
    pdf: str | os.PathLike | bytes | pdfium.PdfDocument, page_index: int = 0
) -> PageLayout:
    """Segment one page of a PDF (path, bytes or open document) into articles."""
    doc, own = _open(pdf)
    try:
        page = doc[page_index]
        try:
            return analyse_page(page, page_index)
        finally:
            page.close()
    finally:
        if own:
            doc.close()


def segment_document(pdf: str | os.PathLike | bytes | pdfium.PdfDocument) -> list[PageLayout]:
    """Segment every page of a PDF."""
    doc, own = _open(pdf)
    try:
        return [segment_page(doc, i) for i in range(len(doc))]
    finally:
        if own:
            doc.close()
