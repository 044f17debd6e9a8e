"""Command-line core of ``baoshe proofread FILE|-`` (the Django command wraps ``run_cli``).

Exit codes: 0 = no blocking findings, 1 = blocking findings present, 2 = bad input or usage.
"""

from __future__ import annotations

import argparse
import bisect
import json
from collections.abc import Callable
from datetime import date
from typing import IO

from .findings import Report, Severity
from .inputs import ProofreadInputError, html_to_text, load_text, looks_like_html
from .proofreader import ALL_PACKS, Proofreader, UnknownPackError
from .wordlists import WordList, load_word_list_file

EXIT_OK = 0
EXIT_BLOCKING = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of calling ``sys.exit`` (the caller owns the process)."""

    def error(self, message: str):  # type: ignore[override]
        raise _UsageError(message)

    def exit(self, status: int = 0, message: str | None = None):  # type: ignore[override]
        raise _Exit(status, message)


class _UsageError(Exception):
    pass


class _Exit(Exception):
    def __init__(self, status: int, message: str | None):
        super().__init__(message)
        self.status = status
        self.message = message


def build_parser(prog: str = "baoshe proofread") -> argparse.ArgumentParser:
    p = _Parser(prog=prog, description="中文新闻稿机审：错别字、敏感词、广告法、标点、数字等。")
    p.add_argument("file", metavar="FILE", help="要校对的文本或 HTML 文件；“-” 表示标准输入")
    p.add_argument("--json", action="store_true", help="输出 JSON（含字符偏移）")
    p.add_argument("--html", action="store_true", help="按 HTML 处理（默认自动识别）")
    p.add_argument("--packs", help=f"启用的规则包，逗号分隔（默认全部：{','.join(ALL_PACKS)}）")
    p.add_argument("--publish-date", help="发布日期 YYYY-MM-DD，用于电头与星期核对")
    p.add_argument("--summary", help="核心提示文本，与正文核对数字和日期")
    p.add_argument(
        "--wordlist",
        action="append",
        default=[],
        metavar="FILE",
        help="附加敏感词表（每行：词<TAB>类别<TAB>级别），可重复",
    )
    return p


def run_cli(
    argv: list[str],
    stdin: IO,
    stdout: IO,
    stderr: IO,
    *,
    reader_factory: Callable[[list[str] | None, list[WordList]], Proofreader] | None = None,
) -> int:
    """Run the CLI. ``stdin`` may be a text or binary stream; returns the exit code.

    ``reader_factory(packs, word_lists)`` builds the ``Proofreader`` (default: the engine's
    defaults plus ``--wordlist`` files); the Django command passes one that adds the admin's
    configuration. It may raise ``UnknownPackError``.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _Exit as exc:  # --help
        if exc.message:
            stderr.write(exc.message)
        else:
            stdout.write(parser.format_help())
        return EXIT_OK if exc.status == 0 else EXIT_USAGE
    except _UsageError as exc:
        stderr.write(parser.format_usage())
        stderr.write(f"错误：{exc}\n")
        return EXIT_USAGE

    try:
        publish = date.fromisoformat(args.publish_date) if args.publish_date else None
    except ValueError:
        stderr.write(f"错误：发布日期“{args.publish_date}”不是 YYYY-MM-DD 格式。\n")
        return EXIT_USAGE
    packs = args.packs.split(",") if args.packs else None

    try:
        word_lists = []
        for path in args.wordlist:
            wl, issues = load_word_list_file(path)
            for issue in issues:
                stderr.write(f"词表 {path} {issue}\n")
            word_lists.append(wl)
        raw = _read_input(args.file, stdin)
        text = load_text(raw)
        reader = (reader_factory or _default_reader)(packs, word_lists)
        is_html = args.html or looks_like_html(text)
        if is_html:
            extracted = html_to_text(text)
            report = reader.check(extracted.text, publish_date=publish, summary=args.summary)
            report.source = extracted
            shown_text = extracted.text
        else:
            report = reader.check(text, publish_date=publish, summary=args.summary)
            shown_text = text
    except (ProofreadInputError, UnknownPackError) as exc:
        stderr.write(f"错误：{exc}\n")
        return EXIT_USAGE
    except OSError as exc:
        stderr.write(f"错误：无法读取文件：{exc.strerror or exc}（{exc.filename}）\n")
        return EXIT_USAGE

    if args.json:
        json.dump(report.to_dict(), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    else:
        stdout.write(format_report(report, shown_text, args.summary))
    return EXIT_BLOCKING if report.has_blocking else EXIT_OK


def _default_reader(packs: list[str] | None, word_lists: list[WordList]) -> Proofreader:
    return Proofreader(packs, word_lists=word_lists)


def _read_input(name: str, stdin: IO) -> bytes:
    if name == "-":
        buffer = getattr(stdin, "buffer", None)
        data = (buffer or stdin).read()
        return data.encode("utf-8") if isinstance(data, str) else data
    with open(name, "rb") as fh:
        return fh.read()


def format_report(report: Report, text: str, summary: str | None = None) -> str:
    """Human-readable report: one line per finding with line:column, then totals."""
    lines = []
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    for f in report.findings:
        if f.field == "body":
            ln = bisect.bisect_right(line_starts, f.start)
            col = f.start - line_starts[ln - 1] + 1
            where = f"{ln}:{col}"
        else:
            where = f"核心提示:{f.start + 1}"
        fix = f" → {f.suggestion}" if f.suggestion is not None else ""
        lines.append(
            f"{where} [{f.severity.label}] {f.pack}/{f.rule} “{f.excerpt}”{fix}：{f.message}"
        )
    counts = report.counts
    lines.append(
        f"共 {len(report.findings)} 处："
        f"{Severity.BLOCK.label} {counts['block']}，"
        f"{Severity.WARN.label} {counts['warn']}，"
        f"{Severity.INFO.label} {counts['info']}"
        + ("（结果过多，已截断）" if report.truncated else "")
    )
    if not report.findings:
        lines[-1] = "未发现问题。"
    return "\n".join(lines) + "\n"
