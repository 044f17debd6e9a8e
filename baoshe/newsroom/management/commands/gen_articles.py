from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from tqdm import tqdm

from baoshe.newsroom.models import ColumnPage
from baoshe.newsroom.synthetic import generate


class Command(BaseCommand):
    help = "Fill the database with N synthetic published articles, for scale work."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="how many articles to write")
        parser.add_argument(
            "--column",
            action="append",
            metavar="SLUG",
            help="column slug to write into (repeatable); default: every column",
        )
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, count, column, batch_size, seed, **options):
        if count < 1:
            raise CommandError(_("N must be a positive integer."))
        if batch_size < 1:
            raise CommandError(_("--batch-size must be a positive integer."))
        columns = list(ColumnPage.objects.live().order_by("path"))
        if column:
            columns = [c for c in columns if c.slug in set(column)]
            missing = set(column) - {c.slug for c in columns}
            if missing:
                raise CommandError(
                    _("Unknown columns: %(slugs)s")
                    % {"slugs": pgettext("list separator", ", ").join(sorted(missing))}
                )
        if not columns:
            raise CommandError(
                _(
                    "No column to write into: run baoshe load-demo first, or create columns "
                    "in the admin."
                )
            )
        unit = pgettext("progress bar unit", "articles")
        with tqdm(total=count, unit=unit, desc=_("Generating articles"), disable=None) as progress:
            written = generate(count, columns, batch_size=batch_size, seed=seed, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "Wrote %(articles)s article (columns: %(columns)s).",
                    "Wrote %(articles)s articles (columns: %(columns)s).",
                    written,
                )
                % {"articles": written, "columns": len(columns)}
            )
        )
