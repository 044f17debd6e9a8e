"""``baoshe epaper import PATH --publication SLUG --date YYYY-MM-DD``: import a day's pages.

PATH is a folder of one PDF per page (``A01.pdf``, ``01.pdf``, ``A01-要闻.pdf``) or one
multi-page PDF; a ``manifest.json``/``.csv`` next to it names the pages. Every problem is a
CommandError naming the file, and nothing is written to the database or the media storage.
"""

from __future__ import annotations

import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from tqdm import tqdm

from baoshe.epaper.importer import enumeration, import_issue
from baoshe.epaper.models import ISSUE_DATE_ERROR, Publication, issue_date_in_range
from baoshe.epaper.pdfcheck import PdfImportError


def parse_date(value: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise CommandError(
            _("Invalid date “%(value)s”, expected YYYY-MM-DD") % {"value": value}
        ) from exc
    if not issue_date_in_range(day):
        raise CommandError(
            _("Invalid date “%(value)s”: %(error)s") % {"value": value, "error": ISSUE_DATE_ERROR}
        )
    return day


def find_publication(slug: str) -> Publication:
    publication = Publication.objects.filter(slug=slug).first()
    if publication is None:
        known = enumeration(Publication.objects.values_list("slug", flat=True))
        raise CommandError(
            _("There is no newspaper “%(slug)s”; there are: %(known)s")
            % {"slug": slug, "known": known}
        )
    return publication


class Command(BaseCommand):
    @property
    def help(self):  # argparse needs a str, not a lazy one
        return _("E-paper: import a day's print PDFs as an issue")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        imp = actions.add_parser(
            "import", help=_("import an issue (replacing the one of the same day, if any)")
        )
        imp.add_argument("path", help=_("a multi-page PDF, or a folder of one PDF per page"))
        imp.add_argument(
            "--publication", required=True, help=_("the newspaper's identifier, e.g. shili")
        )
        imp.add_argument("--date", required=True, help=_("the issue date, YYYY-MM-DD"))
        imp.add_argument(
            "--manifest",
            help=_("the page names, manifest.json or .csv (default: the one next to PATH)"),
        )
        imp.add_argument(
            "--number", type=int, help=_("the issue number (default: kept or the next one)")
        )
        imp.add_argument("--publish", action="store_true", help=_("publish once imported"))

    def handle(self, *args, action=None, **options):
        if action == "import":
            self.import_issue(**options)

    def import_issue(
        self, path, publication, date, manifest=None, number=None, publish=False, **_options
    ):
        day = parse_date(date)
        paper = find_publication(publication)
        bar = None

        def progress(done, total, page_number):
            nonlocal bar
            if bar is None:
                bar = tqdm(
                    total=total,
                    unit=pgettext("progress bar unit", "page"),
                    desc=_("Rendering and recognising"),
                    file=sys.stderr,
                )
            bar.set_postfix_str(page_number)
            bar.update(1)

        try:
            result = import_issue(
                path,
                paper,
                day,
                manifest=manifest,
                publish=True if publish else None,
                number=number,
                progress=progress,
            )
        except PdfImportError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            if bar is not None:
                bar.close()
        if result.replaced and result.issue.published:
            done = _(
                "%(paper)s %(date)s, issue %(number)s (replaced the old one): "
                "%(summary)s, published"
            )
        elif result.replaced:
            done = _(
                "%(paper)s %(date)s, issue %(number)s (replaced the old one): "
                "%(summary)s, not published"
            )
        elif result.issue.published:
            done = _("%(paper)s %(date)s, issue %(number)s: %(summary)s, published")
        else:
            done = _("%(paper)s %(date)s, issue %(number)s: %(summary)s, not published")
        values = {
            "paper": paper.name,
            "date": f"{day:%Y-%m-%d}",
            "number": result.issue.number,
            "summary": result.summary(),
        }
        self.stdout.write(self.style.SUCCESS(done % values))
