"""``baoshe proofread FILE|-``: the admin's configuration from the shell, engine exit codes."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import OperationalError

from baoshe.proofread import service
from baoshe.proofread.models import ProofreadSettings, WordList


def run(*args, stdin=b""):
    """``(exit code, stdout, stderr)``; the command raises SystemExit only for codes 1 and 2."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("proofread", *args, stdin=io.BytesIO(stdin), stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_file_json_uses_the_admin_word_lists(db, tmp_path):
    WordList.objects.create(name="本社", terms="新禁词甲\t本社\tblock")
    path = tmp_path / "copy.txt"
    path.write_text("今天新禁词甲出现了。", encoding="utf-8")
    code, out, _ = run(str(path), "--json")
    data = json.loads(out)
    assert code == 1
    assert [(f["excerpt"], f["rule"]) for f in data["findings"]] == [("新禁词甲", "wordlist:本社")]

    settings = ProofreadSettings.load()
    settings.pack_sensitive = False
    settings.save()
    code, out, _ = run(str(path), "--json")
    assert code == 0 and json.loads(out)["findings"] == []


def test_stdin_human_report_and_flags(db, tmp_path):
    code, out, _ = run("-", stdin="市民按装了新设施。".encode())
    assert code == 0 and "1:3" in out and "按装" in out and "安装" in out

    extra = tmp_path / "extra.txt"
    extra.write_text("附加词\n坏行\tx\tbad\n", encoding="utf-8")
    code, out, err = run(
        "-",
        "--packs",
        "sensitive,consistency",
        "--publish-date",
        "2026-11-24",
        "--summary",
        "共有120人参加",
        "--wordlist",
        str(extra),
        stdin="新华社北京11月30日电 附加词，共有100人参加。".encode(),
    )
    assert code == 1
    assert "附加词" in out and "dateline" in out and "summary-number" in out
    assert "第 2 行" in err  # the malformed word-list line is reported, not dropped


@pytest.mark.parametrize(
    ("payload", "args", "code", "expected"),
    [
        (b"", [], 0, "未发现问题"),
        (b"\x00\x01\x02\x03binary", [], 2, "二进制"),
        ("市民按装了设备。".encode("gbk"), [], 0, "按装"),
        ("\ufeff市民按装了设备。".encode(), [], 0, "1:3"),
        (b"<p>\xe6\x8c\x89\xe8\xa3\x85</p><script>alert(1)</script>", ["--json"], 0, '"xpath"'),
        (b"x", ["--packs", "nope"], 2, "未知规则包"),
        (b"x", ["--publish-date", "2026-13-01"], 2, "YYYY-MM-DD"),
    ],
)
def test_bad_and_unusual_input(db, payload, args, code, expected):
    got, out, err = run("-", *args, stdin=payload)
    assert got == code
    assert expected in out + err
    if "--json" in args:
        data = json.loads(out)
        assert [f["excerpt"] for f in data["findings"]] == ["按装"]  # the script is not read


def test_missing_file_is_a_usage_error(db, tmp_path):
    code, _, err = run(str(tmp_path / "nope.txt"))
    assert code == 2 and "无法读取文件" in err


def test_falls_back_to_engine_defaults_without_database(db, monkeypatch):
    def no_tables(**kwargs):
        raise OperationalError("no such table: proofread_proofreadsettings")

    monkeypatch.setattr(service, "build_proofreader", no_tables)
    code, out, err = run("-", stdin="号称稳赚不赔".encode())
    assert code == 1 and "稳赚不赔" in out
    assert "使用引擎默认规则" in err and "no such table" in err
