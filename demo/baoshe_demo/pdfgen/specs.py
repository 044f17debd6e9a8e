"""Article specs (input) and ground truth (output) of the page generator.

Coordinates in the truth are PDF points with a TOP-LEFT origin and y growing
downwards -- the same convention as `baoshe.epaper.segment` -- so a truth box and
a detected box can be compared without conversion. Boxes are `[x0, y0, x1, y1]`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class ImageSpec:
    """A photo to draw inside an article (synthesised; no external images)."""

    caption: str = ""
    aspect: float = 0.62  # height / width
    seed: int = 0


@dataclass
class ArticleSpec:
    """One story as the layout desk would place it.

    `extend=True` lets the generator append invented paragraphs on the story's
    topic until its slot is full (used for demo/bench pages); with `extend=False`
    the given paragraphs are printed as they are, cut at a sentence boundary if the
    slot is too small. `key` is an opaque id echoed in the truth (e.g. a web slug).
    """

    title: str
    paragraphs: list[str] = field(default_factory=list)
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""
    image: ImageSpec | None = None
    topic: str = ""
    key: str = ""
    extend: bool = False


@dataclass
class TruthImage:
    bbox: list[float]
    caption: str = ""


@dataclass
class TruthArticle:
    key: str
    order: int
    bbox: list[float]
    kicker: str
    title: str
    subtitle: str
    byline: str
    body: str  # paragraphs joined by "\n"; continuation markers excluded
    images: list[TruthImage] = field(default_factory=list)
    continuations: list[dict] = field(
        default_factory=list
    )  # {"direction": "to"|"from", "page": "A03"}
    boxed: bool = False

    @property
    def polygons(self) -> list[list[list[float]]]:
        x0, y0, x1, y1 = self.bbox
        return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]]


@dataclass
class PageTruth:
    number: str
    name: str
    width: float
    height: float
    has_text_layer: bool
    articles: list[TruthArticle] = field(default_factory=list)
    excluded: list[dict] = field(
        default_factory=list
    )  # {"kind": "header"|"footer"|"ad", "bbox": [...]}
    layout: dict = field(default_factory=dict)  # generator knobs (columns, style) for reports

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class GeneratedPage:
    pdf_bytes: bytes
    number: str  # 版次, e.g. "A01"
    name: str  # 版名, e.g. "要闻"
    truth: PageTruth

    @property
    def filename(self) -> str:
        return f"{self.number}-{self.name}.pdf"


@dataclass
class GeneratedIssue:
    date: str  # ISO date of the issue
    pages: list[GeneratedPage]
