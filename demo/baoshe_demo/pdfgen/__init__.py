"""Generator of realistic Chinese newspaper page PDFs with ground truth.

Used for the `make run` demo issue, the tests and the accuracy/speed benchmarks.
All content is invented (示例市); see `content.py`. Truth coordinates are PDF
points, top-left origin, y down (same as `baoshe.epaper.segment`).
"""

from .content import BANK
from .issue import bank_article, generate_issue, page_numbers, write_issue
from .page import PAGE_H, PAGE_W, compose_page, compose_scanned_page
from .specs import (
    ArticleSpec,
    GeneratedIssue,
    GeneratedPage,
    ImageSpec,
    PageTruth,
    TruthArticle,
    TruthImage,
)

__all__ = [
    "BANK",
    "PAGE_H",
    "PAGE_W",
    "ArticleSpec",
    "GeneratedIssue",
    "GeneratedPage",
    "ImageSpec",
    "PageTruth",
    "TruthArticle",
    "TruthImage",
    "bank_article",
    "compose_page",
    "compose_scanned_page",
    "generate_issue",
    "page_numbers",
    "write_issue",
]
