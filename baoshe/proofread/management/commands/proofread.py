"""``baoshe proofread FILE|-``: proofread a file or standard input from the shell.

Uses the admin's configuration (packs, word lists, names, corrections, allowlist) when the
database is migrated, and the engine's defaults when it is not (a fresh checkout, a CI
job without a database), so the command is useful before ``migrate``.

Exit codes are the engine's: 0 no blocking findings, 1 blocking findings, 2 bad input or
usage. A non-zero code is raised as ``SystemExit(code)`` (and nothing is raised for 0), so
the shell sees the code and ``call_command`` in tests returns normally on success.
"""

from __future__ import annotations

import io
import sys

from django.core.management.base import BaseCommand
from django.db import DatabaseError
from django.utils.translation import gettext as _

from baoshe.proofread.engine import ALL_PACKS, Proofreader
from baoshe.proofread.engine.cli import run_cli


class Command(BaseCommand):
    # ``call_command("proofread", "-", stdin=...)`` in tests.
    stealth_options = ("stdin",)

    @property
    def help(self):
        # A property, so it is translated when the parser is built (argparse cannot wrap
        # a lazy string).
        return _(
            "Machine review of Chinese news copy: checks typos, sensitive words, advertising "
            "law, punctuation, numbers, names and titles and more, as configured in the admin."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            metavar="FILE",
            help=_("text or HTML file to proofread; “-” reads standard input"),
        )
        parser.add_argument(
            "--json", action="store_true", help=_("output JSON (with character offsets)")
        )
        parser.add_argument(
            "--html", action="store_true", help=_("treat the input as HTML (detected by default)")
        )
        parser.add_argument(
            "--packs",
            help=_(
                "rule packs to run, comma-separated (default: the admin settings; "
                "available: %(packs)s)"
            )
            % {"packs": ",".join(ALL_PACKS)},
        )
        parser.add_argument(
            "--publish-date",
            help=_("publish date YYYY-MM-DD, for the dateline and weekday checks"),
        )
        parser.add_argument(
            "--summary",
            help=_("key points text, whose numbers and dates are checked against the body"),
        )
        parser.add_argument(
            "--wordlist",
            action="append",
            default=[],
            metavar="FILE",
            help=_(
                "extra sensitive word list (each line: term<TAB>category<TAB>severity); "
                "may be repeated"
            ),
        )

    def handle(self, *args, **options):
        argv = [options["file"]]
        if options["json"]:
            argv.append("--json")
        if options["html"]:
            argv.append("--html")
        for flag in ("packs", "publish_date", "summary"):
            if options[flag] is not None:
                argv += [f"--{flag.replace('_', '-')}", options[flag]]
        for path in options["wordlist"]:
            argv += ["--wordlist", path]

        out, err = io.StringIO(), io.StringIO()
        stdin = options.get("stdin") or sys.stdin
        code = run_cli(argv, stdin, out, err, reader_factory=self._reader_factory(err))
        self.stderr.write(err.getvalue(), ending="")
        self.stdout.write(out.getvalue(), ending="")
        if code:
            raise SystemExit(code)

    @staticmethod
    def _reader_factory(err):
        def build(packs, word_lists):
            from baoshe.proofread.service import build_proofreader

            try:
                return build_proofreader(extra_word_lists=word_lists, packs=packs)
            except DatabaseError as exc:
                first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                message = _(
                    "Note: the admin's machine review settings could not be read "
                    "(%(error)s); using the engine's default rules."
                )
                err.write(message % {"error": first_line} + "\n")
                return Proofreader(packs, word_lists=word_lists)

        return build
