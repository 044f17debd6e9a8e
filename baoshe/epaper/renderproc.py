"""Render and segment pages in a child process with a memory limit.

pdfium is C++: a hostile or broken PDF can make it allocate gigabytes, raise, or abort the
process. ``pdfcheck`` refuses page sizes and pixel counts outside the budget before we get
here; this module is the second wall. Every page is rendered, segmented and cut into photos
by a child Python process (``python -m baoshe.epaper.renderproc LIMIT``) whose address space
is capped with ``setrlimit(RLIMIT_AS)``, so whatever a page does, the importing process (the
task worker or the CLI) only sees a `PdfImportError` naming the file and page: a
`MemoryError` or pdfium error inside the child, the child dying (abort, OOM kill) or a page
taking longer than the timeout all end the same way, and the child is gone afterwards. The
child also dies with its parent (Linux ``PR_SET_PDEATHSIG``): ``kill -9`` of the worker does
not leave a renderer running.

One child serves a whole import (pages one after the other over its stdin/stdout), which
costs one interpreter start (~0.25 s) per import rather than per page. The child needs no
Django: it imports the plain-Python pipeline modules only. It never translates a string (there
are no settings there): the parent words every refusal, and a page's review reasons travel
as lazy strings (``segment.py``) that the importer translates. Its ``TMPDIR`` is the e-paper's
temporary folder under the data dir.

Protocol: each message is an 8-byte big-endian length followed by a pickle. Requests are
`PageJob`; replies are ``("ok", PageOutput)`` or ``("error", kind, detail)`` with ``kind``
one of ``memory``, ``budget``, ``pdf``.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import os
import pickle
import resource
import select
import signal
import struct
import subprocess
import sys
import time
from dataclasses import dataclass, field

import pypdfium2 as pdfium
from django.utils.translation import gettext as _
from PIL import Image

from .pdfcheck import PdfImportError
from .render import RenderBudgetError, RenderedImage, RenderedPage, crop_image, render_page
from .segment import PageLayout, segment_page

_HEADER = struct.Struct(">Q")
_PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MIN_PHOTO_PT = 4  # photos smaller than this (either side) are not cut out
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


@dataclass
class PageJob:
    path: str
    index: int
    whole_file: bool  # the file is this page alone: no need to split it out
    max_pixels: int


@dataclass
class PageOutput:
    rendered: RenderedPage
    layout: PageLayout
    pdf: bytes  # the page as a single-page PDF
    # per article (layout order): (photo number k from 1, image, caption, bbox)
    photos: list[list[tuple[int, RenderedImage, str, list[float]]]] = field(default_factory=list)


# --- child side ---------------------------------------------------------------------------


def process_page(job: PageJob) -> PageOutput:
    """All pdfium and Pillow work for one page (runs in the child)."""
    doc = pdfium.PdfDocument(job.path)
    try:
        rendered = render_page(doc, job.index, max_pixels=job.max_pixels)
        layout = segment_page(doc, job.index)
        pdf = _page_pdf(doc, job)
    finally:
        doc.close()
    return PageOutput(rendered, layout, pdf, _cut_photos(rendered, layout))


def _page_pdf(doc: pdfium.PdfDocument, job: PageJob) -> bytes:
    if job.whole_file:
        with open(job.path, "rb") as fh:
            return fh.read()
    single = pdfium.PdfDocument.new()
    try:
        single.import_pages(doc, [job.index])
        buffer = io.BytesIO()
        single.save(buffer)
        return buffer.getvalue()
    finally:
        single.close()


def _cut_photos(rendered: RenderedPage, layout: PageLayout) -> list:
    """Each article's photos cut from the zoom image (no second rasterisation)."""
    if not any(article.images for article in layout.articles):
        return [[] for _ in layout.articles]
    page_image = Image.open(io.BytesIO(rendered.large.data))
    page_size = (rendered.width_pt, rendered.height_pt)
    out = []
    for article in layout.articles:
        photos = []
        for k, region in enumerate(article.images):
            x0, y0, x1, y1 = region.bbox
            if x1 - x0 < MIN_PHOTO_PT or y1 - y0 < MIN_PHOTO_PT:
                continue
            cut = crop_image(page_image, page_size, region.bbox)
            photos.append((k + 1, cut, region.caption, list(region.bbox)))
        out.append(photos)
    return out


def _handle(job: PageJob) -> tuple:
    try:
        return ("ok", process_page(job))
    except MemoryError:
        return ("error", "memory", "")
    except RenderBudgetError as exc:
        return ("error", "budget", str(exc))
    except Exception as exc:  # the process boundary: any failure is this page's refusal
        return ("error", "pdf", repr(exc)[:500])


def _read_message(stream) -> object | None:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (length,) = _HEADER.unpack(header)
    return pickle.loads(stream.read(length))


def _write_message(stream, message) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def set_memory_limit(limit: int) -> None:
    """Cap this process's memory at ``limit`` bytes: RLIMIT_AS on Linux; where the kernel
    refuses that (macOS), RLIMIT_DATA; with neither, only pdfcheck's budgets protect."""
    for which in ("RLIMIT_AS", "RLIMIT_DATA"):
        try:
            resource.setrlimit(getattr(resource, which), (limit, limit))
            return
        except (AttributeError, ValueError, OSError):
            continue
    print("baoshe.epaper.renderproc: cannot set a memory limit", file=sys.stderr)


def die_with_parent(parent_pid: int) -> None:
    """Linux: get SIGKILL when the importing process dies (``kill -9`` of the worker), so a
    page that is still rendering does not outlive it; elsewhere the closed stdin ends us."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if parent_pid and os.getppid() != parent_pid:  # it died before prctl took effect
        sys.exit(1)


def main(argv: list[str]) -> int:
    die_with_parent(int(argv[2]) if len(argv) > 2 else 0)
    limit = int(argv[1]) if len(argv) > 1 else 0
    if limit > 0:
        set_memory_limit(limit)
    # Replies go to the original stdout; anything a library prints goes to stderr.
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    requests = sys.stdin.buffer
    while True:
        job = _read_message(requests)
        if job is None:
            return 0
        try:
            reply = _handle(job)
            _write_message(replies, reply)
        except MemoryError:  # pickling a large reply can fail too
            _write_message(replies, ("error", "memory", ""))


# --- parent side --------------------------------------------------------------------------


class RenderProcess:
    """A child process rendering pages under a memory limit; use as a context manager.

    ``memory_mb=0`` means no limit. ``render(job, filename, label)`` returns a `PageOutput` or
    raises `PdfImportError` naming ``filename`` and the page; after an error the child is
    stopped and a later call starts a fresh one.
    """

    def __init__(self, memory_mb: int, timeout: float, tmp_dir: str | os.PathLike | None = None):
        self.memory_mb = int(memory_mb)
        self.timeout = float(timeout)
        self.tmp_dir = os.fspath(tmp_dir) if tmp_dir else None
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> RenderProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> subprocess.Popen:
        env = dict(os.environ)
        if self.tmp_dir:
            env["TMPDIR"] = self.tmp_dir
        # the child must import this package however the parent found it
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH", "")) if p
        )
        limit = self.memory_mb * 1024 * 1024 if self.memory_mb > 0 else 0
        return subprocess.Popen(
            [sys.executable, "-m", "baoshe.epaper.renderproc", str(limit), str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )

    def close(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        try:
            proc.stdin.close()
            proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()
        finally:
            proc.stdout.close()

    def kill(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            proc.kill()
            proc.wait()
            proc.stdout.close()
            with contextlib.suppress(OSError):
                proc.stdin.close()

    def render(self, job: PageJob, filename: str, label: str) -> PageOutput:
        """Process one page; ``label`` names it in messages, e.g. 'Page 2 (A02)' (translated)."""
        if self.proc is None:
            self.proc = self._start()
        proc = self.proc
        try:
            _write_message(proc.stdin, job)
            reply = self._receive(proc)
        except TimeoutError:
            self.kill()
            raise PdfImportError(
                filename,
                _("%(page)s: rendering took longer than %(seconds)s s and was stopped")
                % {"page": label, "seconds": f"{self.timeout:g}"},
            ) from None
        except Exception:  # broken pipe, EOF, a truncated reply: the child died
            self.kill()
            if self.memory_mb > 0:
                problem = _(
                    "%(page)s: the render process died (over the %(limit)s MB memory limit, "
                    "or a corrupt file?)"
                ) % {"page": label, "limit": self.memory_mb}
            else:
                problem = _("%(page)s: the render process died (a corrupt file?)") % {"page": label}
            raise PdfImportError(filename, problem) from None
        if reply[0] == "ok":
            return reply[1]
        self.kill()
        _status, kind, detail = reply
        if kind == "memory":
            raise PdfImportError(
                filename,
                _("%(page)s: rendering needs more than the %(limit)s MB memory limit")
                % {"page": label, "limit": self.memory_mb},
            )
        if kind == "budget":
            raise PdfImportError(
                filename,
                _("%(page)s: too many pixels to render (%(detail)s)")
                % {"page": label, "detail": detail},
            )
        raise PdfImportError(
            filename,
            _("%(page)s cannot be rendered, the file may be corrupt (%(detail)s)")
            % {"page": label, "detail": detail},
        )

    def _receive(self, proc: subprocess.Popen):
        deadline = time.monotonic() + self.timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            ready, _writable, _errors = select.select([proc.stdout], [], [], min(remaining, 1.0))
            if ready:
                break
        message = _read_message(proc.stdout)
        if message is None:
            raise EOFError
        return message


if __name__ == "__main__":
    # Run the imported module's main, so that pickled replies name its classes
    # (baoshe.epaper.renderproc.PageOutput), not __main__'s copies.
    from baoshe.epaper import renderproc

    sys.exit(renderproc.main(sys.argv))
