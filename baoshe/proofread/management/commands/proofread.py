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

from baoshe.proofread.engine import ALL_PACKS, Proofreader
from baoshe.proofread.engine.cli import run_cli


class Command(BaseCommand):
    help = "中文新闻稿机审：按后台配置检查错别字、敏感词、广告法、标点、数字、人名职务等。"
    # ``call_command("proofread", "-", stdin=...)`` in tests.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument(
            "file", metavar="FILE", help="要校对的文本或 HTML 文件；“-” 表示标准输入"
        )
        parser.add_argument("--json", action="store_true", help="输出 JSON（含字符偏移）")
        parser.add_argument("--html", action="store_true", help="按 HTML 处理（默认自动识别）")
        parser.add_argument(
            "--packs", help=f"启用的规则包，逗号分隔（默认按后台设置；可用：{','.join(ALL_PACKS)}）"
        )
        parser.add_argument("--publish-date", help="发布日期 YYYY-MM-DD，用于电头与星期核对")
        parser.add_argument("--summary", help="核心提示文本，与正文核对数字和日期")
        parser.add_argument(
            "--wordlist",
            action="append",
            default=[],
            metavar="FILE",
            help="附加敏感词表（每行：词<TAB>类别<TAB>级别），可重复",
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
                err.write(f"提示：未读取到后台机审配置（{first_line}），使用引擎默认规则。\n")
                return Proofreader(packs, word_lists=word_lists)

        return build
