"""The demo paper is data: the files parse into the shapes the loader builds from, and a
malformed file is refused with its name."""

import re

import pytest

from baoshe_demo.newsroom import content
from baoshe_demo.newsroom.content import DemoDataError, parse_body, split_front_matter


def test_every_article_file_parses_with_its_fields():
    articles = content.ARTICLES
    assert len(articles) == 69
    keys = [a["key"] for a in articles]
    assert len(set(keys)) == len(keys)
    columns = {c["slug"] for c in content.COLUMNS}
    for article in articles:
        assert article["column"] in columns, article["key"]
        assert article["title"] and article["body"], article["key"]
        assert all(block[0] in {"p", "h", "quote"} for block in article["body"])


def test_reprint_titles_carry_no_label_of_their_own():
    """The page prints “原标题：《…》”; the data holds the title alone (no doubled label)."""
    reprints = [a["reprint"] for a in content.ARTICLES if a["reprint"]]
    assert reprints
    assert all(not r["title"].startswith("原标题") for r in reprints)


def test_body_markdown_subset():
    body = "第一段。\n\n## 小标题\n\n> 引文内容。\n> —— 示例市市长 某某\n\n第二段\n接续。"
    assert parse_body(body) == [
        ("p", "第一段。"),
        ("h", "小标题"),
        ("quote", "引文内容。", "示例市市长 某某"),
        ("p", "第二段接续。"),
    ]


def test_quote_without_attribution_is_refused():
    with pytest.raises(DemoDataError, match="x.md"):
        parse_body("> 只有引文", "x.md")


@pytest.mark.parametrize(
    "text, message",
    [
        ("title = 1\n", "+++ 开头"),
        ("+++\ntitle = 1\n", "没有以 +++ 结束"),
        ("+++\ntitle = \n+++\n", "TOML 头信息有误"),
    ],
)
def test_malformed_front_matter_names_the_file(tmp_path, text, message):
    path = tmp_path / "bad.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DemoDataError, match=re.escape(message)) as caught:
        split_front_matter(path)
    assert "bad.md" in str(caught.value)
