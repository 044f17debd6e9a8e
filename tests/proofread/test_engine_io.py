"""Input handling, word-list import, reports and the CLI."""

import io
import json

import pytest

from baoshe.proofread.engine import (
    Proofreader,
    ProofreadInputError,
    UnknownPackError,
    html_to_text,
    load_text,
    parse_word_list,
)
from baoshe.proofread.engine.cli import run_cli

TEXT = "工人们正在为新教学楼按装空调。"


def test_load_text_encodings():
    assert load_text(TEXT.encode("utf-8")) == TEXT
    assert load_text(b"\xef\xbb\xbf" + TEXT.encode("utf-8")) == TEXT
    assert load_text(TEXT.encode("gbk")) == TEXT
    assert load_text(TEXT.encode("gb18030")) == TEXT
    assert load_text(TEXT.encode("utf-16")) == TEXT  # with BOM
    assert load_text(b"") == ""


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(1, 30)) * 20])
def test_load_text_rejects_binary(data):
    with pytest.raises(ProofreadInputError, match="二进制|控制字符"):
        load_text(data)


def test_empty_and_whitespace_give_empty_report():
    for text in ("", "   \n  "):
        report = Proofreader().check(text)
        assert report.findings == [] and not report.has_blocking
        assert report.counts == {"block": 0, "warn": 0, "info": 0}


def test_html_to_text_drops_scripts_and_maps_back():
    html = (
        "<p>第一段<b>按装</b>空调。</p><script>var 按装=1;</script><style>p{}</style><p>第二段</p>"
    )
    extracted = html_to_text(html)
    assert extracted.text == "第一段按装空调。\n第二段"
    report = Proofreader(["typo"]).check_html(html)
    [f] = report.findings
    assert extracted.text[f.start : f.end] == "按装"
    assert report.source.locate(f.start) == {"xpath": "/div/p[1]/b", "node": "text", "offset": 0}
    assert report.to_dict()["html_locations"][0]["xpath"] == "/div/p[1]/b"


def test_large_input_is_processed():
    para = "市长李明华说，我们要认真的学习,按装新设备。他跑的很快！测试违禁词。\n"
    text = para * (2_000_000 // len(para.encode()))
    report = Proofreader(max_findings=100_000).check(text)
    per_para = len(Proofreader().check(para).findings)
    assert per_para >= 5
    assert len(report.findings) == per_para * text.count("\n")


def test_findings_are_capped():
    report = Proofreader(["punctuation"], max_findings=10).check("好，，" * 100)
    assert report.truncated and len(report.findings) == 10


def test_unknown_pack():
    with pytest.raises(UnknownPackError):
        Proofreader(["typo", "nope"])


def test_report_to_dict():
    d = Proofreader().check(TEXT).to_dict()
    assert d["counts"]["warn"] == 1 and not d["has_blocking"]
    f = d["findings"][0]
    assert (f["start"], f["end"], f["pack"], f["rule"], f["suggestion"]) == (
        10,
        12,
        "typo",
        "fixed",
        "安装",
    )
    json.dumps(d, ensure_ascii=False)


def test_allowlist_suppresses():
    assert Proofreader(["typo"], allowlist=["按装宝"]).check("买了按装宝").findings == []


def test_word_list_import_reports_malformed_lines():
    source = "\n".join(
        [
            "# comment",
            "违禁甲",
            "违禁乙\t赌博\tblock\t备注",
            "违禁丙\t\t警告",
            "坏级别\t类\tcritical",
            "a\tb\tc\td\te",
            "\t类别",
            "***",
            "违禁甲",
            "!违禁甲乙",
        ]
    )
    wl, issues = parse_word_list(source, name="测试表")
    assert [e.term for e in wl.entries] == ["违禁甲", "违禁乙", "违禁丙"]
    assert [(e.category, e.severity.value) for e in wl.entries] == [
        ("敏感词", "warn"),
        ("赌博", "block"),
        ("敏感词", "warn"),
    ]
    assert wl.exceptions == ["违禁甲乙"]
    assert [i.line_no for i in issues] == [5, 6, 7, 8, 9]
    assert "critical" in issues[0].reason and "第 5 行" in str(issues[0])
    reader = Proofreader(["sensitive"], word_lists=[wl], include_demo_lists=False)
    assert [f.excerpt for f in reader.check("违禁甲，违禁甲乙，违禁乙").findings] == [
        "违禁甲",
        "违禁乙",
    ]


def cli(argv, stdin_bytes=b""):
    out, err = io.StringIO(), io.StringIO()
    stdin = io.TextIOWrapper(io.BytesIO(stdin_bytes), encoding="utf-8")
    code = run_cli(argv, stdin, out, err)
    return code, out.getvalue(), err.getvalue()


def test_cli_stdin_human_and_exit_codes():
    code, out, _ = cli(["-"], TEXT.encode())
    assert code == 0 and "1:11" in out and "按装" in out and "安装" in out
    code, out, _ = cli(["-"], "号称稳赚不赔".encode())
    assert code == 1 and "必须修改" in out
    code, out, _ = cli(["-"], "今天天气很好。".encode())
    assert code == 0 and "未发现问题" in out


def test_cli_json_file_and_options(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("本报讯（记者 张三）11月24日（星期一），按装。".encode("gbk"))
    wl = tmp_path / "w.txt"
    wl.write_text("张三\t人名\tinfo\n坏\t行\tbad\n", encoding="utf-8")
    code, out, err = cli(
        [
            str(path),
            "--json",
            "--packs",
            "typo,consistency,sensitive",
            "--publish-date",
            "2026-11-24",
            "--wordlist",
            str(wl),
        ]
    )
    data = json.loads(out)
    assert code == 1
    assert {f["rule"] for f in data["findings"]} == {"weekday", "fixed", "wordlist:人名"}
    assert "第 2 行" in err


def test_cli_html_autodetect():
    code, out, _ = cli(["-", "--json"], "<p>按装</p><script>按装</script>".encode())
    data = json.loads(out)
    assert code == 0 and len(data["findings"]) == 1 and data["html_locations"][0]["xpath"]


@pytest.mark.parametrize(
    "argv",
    [
        ["--packs", "nope", "-"],
        ["--publish-date", "2026-13-01", "-"],
        [],
        ["/nonexistent/file.txt"],
    ],
)
def test_cli_usage_errors(argv):
    code, _, err = cli(argv, b"x")
    assert code == 2 and "错误" in err


def test_cli_binary_input():
    code, _, err = cli(["-"], b"\x00\x01binary")
    assert code == 2 and "二进制" in err
