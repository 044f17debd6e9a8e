"""Import one day's print PDFs as an Issue: check, render, segment, link, then swap.

The order is what makes a re-import safe:

1. the date and every file are checked before anything is written (``pdfcheck``, with the
   page-count, page-size and pixel budgets of ``conf.pdf_limits()``), so a bad upload
   changes nothing;
2. every page is rendered and segmented (in a memory-limited child process,
   ``renderproc.py``) and its files are written under a *new* folder of the storage
   (``epaper/<pub>/<date>/<token>/``): readers still see the old issue;
3. the old Issue is deleted and the new rows are created in one transaction;
4. the old issue's files are deleted only after that transaction commits. If anything fails
   before the commit, the new files are deleted and the old issue stays as it was.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import queue
import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import conf, linking
from .lexicon import HEADER_PAGE_NUMBER, MANIFEST_NUMBER_HEADERS, PAGE_FILE_NAME
from .models import (
    ISSUE_DATE_ERROR,
    Issue,
    PrintArticle,
    PrintImage,
    PrintPage,
    Publication,
    issue_date_in_range,
)
from .pdfcheck import PdfImportError, PdfLimits, check_folder, check_pdf, parse_page_filename
from .renderproc import PageJob, RenderProcess
from .segment import PageLayout

Progress = Callable[[int, int, str], None]


@dataclass
class SourcePage:
    """One page to import: which PDF file, which page of it, and its 版次/版名."""

    number: str
    name: str
    path: str
    index: int = 0
    whole_file: bool = True  # the file is this page alone (no need to split it out)
    # numbered 01, 02 … by position (a merged PDF without manifest): the page's own header
    # ("A01 要闻") decides once it has been read (``resolve_headings``)
    by_position: bool = False
    heading: tuple[str, str] | None = None  # (版次, 版名) read from the header, if any


@dataclass
class PreparedPage:
    """A page rendered, segmented and written to storage, not yet in the database."""

    source: SourcePage
    layout: PageLayout
    files: dict[str, str]  # role → storage name
    sizes: dict[str, int]
    width_pt: float
    height_pt: float
    article_images: list[list[tuple[str, str, list[float]]]] = field(default_factory=list)


@dataclass
class ImportResult:
    issue: Issue
    pages: int
    articles: int
    review_pages: list[str]
    linked: int
    replaced: bool

    def summary(self) -> str:
        """What was imported, for the job's messages and the command's output."""
        return _(
            "pages: %(pages)s, articles recognised: %(articles)s, linked to web articles: "
            "%(linked)s, pages to review: %(review)s (%(review_pages)s)"
        ) % {
            "pages": self.pages,
            "articles": self.articles,
            "linked": self.linked,
            "review": len(self.review_pages),
            "review_pages": enumeration(self.review_pages),
        }


def enumeration(items) -> str:
    """``items`` as a list in a sentence ("A01、A03" in Chinese), or "none"."""
    return pgettext("list separator", ", ").join(items) or pgettext("empty list", "none")


# --- 1. sources -------------------------------------------------------------------------


def collect_sources(
    path: str | os.PathLike, manifest: str | None = None, limits: PdfLimits | None = None
) -> list[SourcePage]:
    """The pages under ``path`` (a folder of page PDFs or one multi-page PDF), all checked
    against ``limits`` (default: the settings, ``conf.pdf_limits()``).

    Raises PdfImportError naming the file for anything that cannot be imported.
    """
    limits = limits or conf.pdf_limits()
    path = os.fspath(path)
    if not os.path.exists(path):
        raise PdfImportError(os.path.basename(path) or path, _("No such file"))
    if os.path.isdir(path):
        return _folder_sources(path, manifest or _find_manifest(path), limits)
    return _file_sources(path, manifest or _find_manifest(os.path.dirname(path) or "."), limits)


def _find_manifest(directory: str) -> str | None:
    for name in ("manifest.json", "manifest.csv"):
        candidate = os.path.join(directory, name)
        if os.path.isfile(candidate):
            return candidate
    return None


def _folder_sources(directory: str, manifest: str | None, limits: PdfLimits) -> list[SourcePage]:
    files = check_folder(directory)
    folder_name = os.path.basename(directory.rstrip("/"))
    if not files:
        raise PdfImportError(folder_name, _("The folder holds no PDF files"))
    if len(files) > limits.max_pages:
        raise PdfImportError(
            folder_name,
            _("%(count)s pages, over the limit of %(limit)s per issue")
            % {"count": len(files), "limit": limits.max_pages},
        )
    names = dict(read_manifest(manifest)) if manifest else {}
    sources = []
    for number, name, file_path in files:
        info = check_pdf(file_path, limits=limits)
        if info.page_count != 1:
            raise PdfImportError(
                os.path.basename(file_path),
                _("A folder of pages needs one page per file, this file has %(count)s pages")
                % {"count": info.page_count},
            )
        sources.append(SourcePage(number, names.get(number) or name, file_path))
    return sources


def _file_sources(file_path: str, manifest: str | None, limits: PdfLimits) -> list[SourcePage]:
    info = check_pdf(file_path, limits=limits)
    entries = read_manifest(manifest) if manifest else []
    if info.page_count == 1 and not entries:
        try:
            number, name = parse_page_filename(file_path)
            return [SourcePage(number, name, file_path)]
        except PdfImportError:
            pass
    if entries and len(entries) != info.page_count:
        raise PdfImportError(
            os.path.basename(manifest),
            _("Pages listed in the manifest: %(listed)s, pages in the PDF: %(pages)s")
            % {"listed": len(entries), "pages": info.page_count},
        )
    by_position = not entries
    entries = entries or [(f"{i + 1:02d}", "") for i in range(info.page_count)]
    numbers = [number for number, _name in entries]
    if len(set(numbers)) != len(numbers):
        raise PdfImportError(
            os.path.basename(manifest), _("A page number appears twice in the manifest")
        )
    return [
        SourcePage(
            number,
            name,
            file_path,
            index=i,
            whole_file=info.page_count == 1,
            by_position=by_position,
        )
        for i, (number, name) in enumerate(entries)
    ]


# --- 版次/版名 from the page's own header ---------------------------------------------------

MAX_HEADER_NAME = 10


def _header_name(text: str) -> str | None:
    """A 版名 as printed next to the 版次 ("要闻", "城事·民生"): short, no digits."""
    text = text.strip()
    if not text or len(text) > MAX_HEADER_NAME or any(c.isdigit() for c in text):
        return None
    return text


def _header_number(text: str, prominent: bool = False) -> str | None:
    """A 版次 printed alone ("A02", "第5版", "08"), normalised like file names ("A02").
    ``prominent``: the number is the header's biggest type (a county paper's folio "2" set
    at 30 pt), so it is the page number even without a letter or 版."""
    m = HEADER_PAGE_NUMBER.match(text.strip())
    if not m:
        return None
    num = m.group("num").replace(" ", "")
    marked = any(c.isalpha() for c in num) or m.group("ban") or m.group("di") or prominent
    if not marked and len(num) < 2:  # a lone "3" in a header is more likely part of a date
        return None
    return parse_page_filename(f"{num}.pdf")[0]


def page_heading(header_lines) -> tuple[str, str] | None:
    """(版次, 版名) from the text of a page's 报头/版头 (``PageLayout.header_lines``): one line
    "A01 要闻" / "第A01版 要闻", or a 版次 line ("A02") with its 版名 beside it on the right;
    None when the header names no page."""
    sizes = sorted(line.size for line in header_lines)
    biggest = sizes[-1] if sizes else 0
    median = sizes[len(sizes) // 2] if sizes else 0
    for line in header_lines:
        text = line.text.strip()
        m = PAGE_FILE_NAME.match(text)
        if m and m.group("name") and _header_name(m.group("name")):
            number = _header_number(m.group("num"))
            if number:
                return number, _header_name(m.group("name"))
        number = _header_number(text, line.size >= max(0.95 * biggest, 1.5 * median))
        if not number:
            continue
        x0, y0, x1, y1 = line.bbox
        beside = [
            other
            for other in header_lines
            if other is not line
            and other.bbox[0] >= x1 - 1
            and other.bbox[0] - x1 <= 6 * max(line.size, 1)
            and min(y1, other.bbox[3]) - max(y0, other.bbox[1]) > 0.3 * (y1 - y0)
        ]
        beside.sort(key=lambda other: other.bbox[0])
        name = _header_name(beside[0].text) if beside else None
        return number, name or ""
    return None


def _shifted(number: str, step: int) -> str | None:
    letters = "".join(c for c in number if c.isalpha())
    digits = int(number[len(letters) :]) + step
    return f"{letters}{digits:02d}" if 0 < digits < 1000 else None


def resolve_headings(sources: list[SourcePage]) -> None:
    """Number pages of a merged PDF without manifest by their headers, in place.

    Pages whose header names no page (a scanned page) take the number after the previous
    page's (or before the next one's); if the headers name a page twice, or nothing can be
    read, the pages keep today's 01, 02 … numbering.
    """
    pages = [s for s in sources if s.by_position]
    if not pages or not any(s.heading for s in pages):
        return
    numbers: list[str | None] = [s.heading[0] if s.heading else None for s in pages]
    found = [n for n in numbers if n]
    if len(set(found)) != len(found):
        return
    for step, order in ((1, range(len(pages))), (-1, range(len(pages) - 1, -1, -1))):
        for i in order:
            j = i - step
            if numbers[i] is None and 0 <= j < len(pages) and numbers[j]:
                guess = _shifted(numbers[j], step)
                if guess and guess not in numbers:
                    numbers[i] = guess
    if None in numbers:
        return
    for source, number in zip(pages, numbers, strict=True):
        source.number = number
        source.name = source.heading[1] if source.heading else ""


def read_manifest(manifest: str) -> list[tuple[str, str]]:
    """(版次, 版名) pairs, in page order, from ``manifest.json`` or ``manifest.csv``.

    JSON: ``{"pages": [{"number": "A01", "name": "要闻"}, …]}`` (what pdfgen writes) or a
    plain ``{"A01": "要闻", …}``; CSV: rows of ``版次,版名`` (a header row is skipped).
    """
    filename = os.path.basename(manifest)
    try:
        with open(manifest, encoding="utf-8-sig") as fh:
            text = fh.read()
        if manifest.lower().endswith(".csv"):
            rows = [row for row in csv.reader(io.StringIO(text)) if row and row[0].strip()]
            pairs = [(row[0], row[1] if len(row) > 1 else "") for row in rows]
            pairs = [p for p in pairs if p[0].strip() not in MANIFEST_NUMBER_HEADERS]
        else:
            data = json.loads(text)
            if isinstance(data, dict) and "pages" in data:
                pairs = [(str(p["number"]), str(p.get("name", ""))) for p in data["pages"]]
            elif isinstance(data, dict):
                pairs = [(str(k), str(v)) for k, v in data.items()]
            else:
                raise ValueError("unexpected JSON shape")
        return [(_normalise_number(number, filename), name.strip()) for number, name in pairs]
    except PdfImportError:
        raise
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise PdfImportError(
            filename,
            _("The manifest cannot be read or is malformed (%(error)s)") % {"error": exc},
        ) from exc


def _normalise_number(number: str, filename: str) -> str:
    try:
        parsed, _name = parse_page_filename(f"{number.strip()}.pdf")
    except PdfImportError as exc:
        raise PdfImportError(
            filename, _("Unknown page number “%(number)s” in the manifest") % {"number": number}
        ) from exc
    return parsed


# --- 2. render and segment into new files ------------------------------------------------


def render_process() -> RenderProcess:
    """The child process (memory-limited, temp files under the data dir) pages render in."""
    return RenderProcess(conf.render_memory_mb(), conf.render_timeout(), conf.epaper_tmp_dir())


def prepare_page(
    source: SourcePage,
    folder: str,
    written: list[str],
    renderer: RenderProcess | None = None,
    limits: PdfLimits | None = None,
) -> PreparedPage:
    """Render, segment and store one page under ``folder``; every stored name goes to
    ``written`` at once so a failure later can remove it.

    The pdfium work runs in ``renderer`` (a new one for this page if not given); whatever
    goes wrong there arrives here as a PdfImportError naming the file and the page.
    """
    limits = limits or conf.pdf_limits()
    job = PageJob(source.path, source.index, source.whole_file, limits.max_render_pixels)
    label = _("Page %(index)s (%(number)s)") % {"index": source.index + 1, "number": source.number}
    filename = os.path.basename(source.path)
    if renderer is None:
        with render_process() as own:
            output = own.render(job, filename, label)
    else:
        output = renderer.render(job, filename, label)
    rendered = output.rendered
    if source.by_position:
        source.heading = page_heading(output.layout.header_lines)
    stem = f"{folder}/{source.heading[0] if source.heading else source.number}"

    def store(suffix: str, data: bytes) -> str:
        name = default_storage.save(f"{stem}{suffix}", ContentFile(data))
        written.append(name)
        return name

    files = {
        "pdf": store(".pdf", output.pdf),
        "large": store(f".{rendered.large.extension}", rendered.large.data),
        "screen": store(f".{rendered.screen.extension}", rendered.screen.data),
        "thumb": store(f"-thumb.{rendered.thumb.extension}", rendered.thumb.data),
    }
    prepared = PreparedPage(
        source=source,
        layout=output.layout,
        files=files,
        sizes={
            "screen_width": rendered.screen.width,
            "screen_height": rendered.screen.height,
            "large_width": rendered.large.width,
        },
        width_pt=rendered.width_pt,
        height_pt=rendered.height_pt,
    )
    prepared.article_images = [
        [
            (
                store(f"-{article.order + 1}-{k}.{image.extension}", image.data),
                caption,
                _rounded(bbox),
            )
            for k, image, caption, bbox in photos
        ]
        for article, photos in zip(output.layout.articles, output.photos, strict=True)
    ]
    return prepared


def _rounded(values):
    if isinstance(values, (list, tuple)):
        return [_rounded(v) for v in values]
    return round(float(values), 1)


# --- 3. swap in one transaction ----------------------------------------------------------


def import_issue(
    path: str | os.PathLike,
    publication: Publication,
    date: dt.date,
    *,
    manifest: str | None = None,
    publish: bool | None = None,
    number: int | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import ``path`` as ``publication``'s issue of ``date``, replacing an existing one.

    ``publish=None`` keeps the published state of the issue being replaced (a new issue
    starts unpublished). ``progress(done, total, 版次)`` is called after each page.

    Raises PdfImportError (and changes nothing) for a date outside 1900–2100, any file or
    page outside the budgets of ``conf.pdf_limits()``, and any page whose rendering fails
    or exceeds the render process's memory limit or timeout.
    """
    if not issue_date_in_range(date):
        raise PdfImportError(str(date), str(ISSUE_DATE_ERROR))
    limits = conf.pdf_limits()
    sources = collect_sources(path, manifest, limits)
    folder = f"{conf.media_prefix()}/{publication.slug}/{date.isoformat()}/{secrets.token_hex(4)}"
    written: list[str] = []
    try:
        prepared = prepare_pages(sources, folder, written, limits, progress)
        resolve_headings(sources)
        links = linking.link_prepared(prepared, date)
        return _swap(publication, date, prepared, links, publish, number)
    except BaseException:
        delete_files(written)
        raise


def prepare_pages(
    sources: list[SourcePage],
    folder: str,
    written: list[str],
    limits: PdfLimits,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[PreparedPage]:
    """Render, segment and store every page, ``conf.render_workers()`` render processes side
    by side (a 48-page issue uses both cores). Pages come back in order and ``progress`` is
    called in order, from this thread; the first failure cancels the pages not yet started,
    waits for the running ones and is raised (the caller deletes ``written``)."""
    workers = min(conf.render_workers(), len(sources)) or 1
    language = translation.get_language()
    with contextlib.ExitStack() as stack:
        idle: queue.SimpleQueue = queue.SimpleQueue()
        for _n in range(workers):
            idle.put(stack.enter_context(render_process()))

        def run(source: SourcePage) -> PreparedPage:
            renderer = idle.get()
            try:
                # messages for the editor in the importing user's language, not the thread's
                with translation.override(language):
                    return prepare_page(source, folder, written, renderer, limits)
            finally:
                idle.put(renderer)

        pool = stack.enter_context(ThreadPoolExecutor(workers, thread_name_prefix="epaper"))
        futures = [pool.submit(run, source) for source in sources]
        prepared = []
        try:
            for i, (source, future) in enumerate(zip(sources, futures, strict=True)):
                prepared.append(future.result())
                if progress:
                    progress(i + 1, len(sources), source.number)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return prepared


def _swap(publication, date, prepared, links, publish, number) -> ImportResult:
    with transaction.atomic():
        old = Issue.objects.select_for_update().filter(publication=publication, date=date).first()
        old_files = issue_files(old) if old else []
        if number is None:
            number = old.number if old else _next_number(publication)
        if publish is None:
            publish = old.published if old else False
        # Same day, same release time: an edited release time survives a re-import.
        release_at = old.release_at if old else None
        if old:
            old.delete()
        issue = Issue.objects.create(
            publication=publication,
            date=date,
            number=number,
            published=publish,
            release_at=release_at,
        )
        counts = [create_page(issue, i, page, links) for i, page in enumerate(prepared)]
        transaction.on_commit(lambda: delete_files(old_files))
    return ImportResult(
        issue=issue,
        pages=len(prepared),
        articles=sum(articles for articles, _linked in counts),
        review_pages=[p.source.number for p in prepared if p.layout.needs_review],
        linked=sum(linked for _articles, linked in counts),
        replaced=old is not None,
    )


def _next_number(publication: Publication) -> int:
    latest = Issue.objects.filter(publication=publication).aggregate(n=Max("number"))["n"]
    return (latest or 0) + 1


def create_page(issue: Issue, index: int, prepared: PreparedPage, links: dict) -> tuple[int, int]:
    """The rows of one prepared page; returns (articles, linked articles)."""
    layout = prepared.layout
    page = PrintPage.objects.create(
        issue=issue,
        number=prepared.source.number,
        name=prepared.source.name,
        sort_order=index,
        pdf=prepared.files["pdf"],
        image_large=prepared.files["large"],
        image_screen=prepared.files["screen"],
        thumbnail=prepared.files["thumb"],
        width_pt=round(prepared.width_pt, 2),
        height_pt=round(prepared.height_pt, 2),
        has_text_layer=layout.has_text_layer,
        needs_review=layout.needs_review,
        review_reasons=[str(reason) for reason in layout.review_reasons],  # lazy: translate
        text_blocks=[
            {
                "bbox": [round(v, 1) for v in block.bbox],
                "text": block.text,
                "kind": block.kind,
                "article": block.article,
            }
            for block in layout.blocks
        ],
        **prepared.sizes,
    )
    linked = 0
    for position, found in enumerate(layout.articles):
        web_id, score = links.get((prepared.source.number, position), (None, None))
        linked += web_id is not None
        article = PrintArticle.objects.create(
            page=page,
            order=position,
            kicker=found.kicker,
            title=found.title,
            subtitle=found.subtitle,
            byline=found.byline,
            body="\n".join(found.paragraphs),
            hotspots=_rounded(found.polygons or [_rect(found.bbox)]),
            continuations=[{"direction": c.direction, "page": c.page} for c in found.continuations],
            boxed=found.boxed,
            confidence=found.confidence,
            confidence_reasons=[str(reason) for reason in found.reasons],
            web_article_id=web_id,
            link_score=score,
        )
        PrintImage.objects.bulk_create(
            PrintImage(article=article, image=name, caption=caption, bbox=bbox, order=k)
            for k, (name, caption, bbox) in enumerate(prepared.article_images[position])
        )
    return len(layout.articles), linked


def _rect(bbox):
    x0, y0, x1, y1 = bbox
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]


def issue_files(issue: Issue) -> list[str]:
    names = []
    for page in issue.pages.prefetch_related("articles__images"):
        names += page.file_names()
    return names


def delete_files(names: list[str]) -> None:
    for name in names:
        with contextlib.suppress(OSError):
            default_storage.delete(name)
