"""One definition of an article's copy: everything the reader page prints of the article.

机审, the workflow's copy-changed check, 三校 diffs and the save-conflict message all read
``baoshe.newsroom.copy``. These tests render the real reader page with a marker in every text
field and block and check that whatever the page prints is in the copy, and that a new text
field or block cannot be added without deciding whether it is copy.
"""

import datetime as dt
import re
from html import unescape

import pytest
from django.db import models
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from baoshe.newsroom.blocks import ArticleBodyBlock
from baoshe.newsroom.copy import (
    FIELDS,
    article_copy,
    copy_diff,
    copy_hash,
    copy_lines,
)
from baoshe.newsroom.models import Article
from tests import factories

#: Text-typed model fields that are deliberately not copy: a choice and a link target.
NOT_COPY_FIELDS = {"origin", "reprint_url"}
#: Body block types without text of the paper's own (the provider's player HTML).
NOT_COPY_BLOCKS = {"embed"}


def text_field_names():
    return {
        f.name
        for f in Article._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
    }


def test_every_text_field_of_the_article_is_copy_or_deliberately_not():
    assert text_field_names() - NOT_COPY_FIELDS == set(FIELDS) - {"body", "tags"}


@pytest.fixture
def image(db):
    return Image.objects.create(title="图库里的文件名", file=get_test_image_file())


def marked_body(image):
    """One block of every type, every text child holding a unique marker."""
    body, markers, n = [], [], 0
    for name, block in ArticleBodyBlock().child_blocks.items():
        if name in NOT_COPY_BLOCKS:
            continue
        n += 1
        if isinstance(block, blocks.RichTextBlock):
            marker = f"正文标记{n}号"
            body.append((name, RichText(f"<p>{marker}，含&amp;号。</p>")))
            markers.append(f"{marker}，含&号。")
        elif isinstance(block, blocks.StructBlock):
            value = {}
            for child_name, child in block.child_blocks.items():
                if isinstance(child, ImageChooserBlock):
                    value[child_name] = image
                elif isinstance(child, blocks.URLBlock):
                    value[child_name] = "https://example.com/v.mp4"
                elif isinstance(child, blocks.CharBlock | blocks.TextBlock):
                    marker = f"{child.label}标记{n}号"
                    value[child_name] = marker
                    markers.append(marker)
                else:
                    pytest.fail(f"{name}.{child_name}: decide whether it is copy")
            body.append((name, value))
        elif isinstance(block, blocks.CharBlock | blocks.TextBlock):
            marker = f"{block.label}标记{n}号"
            body.append((name, marker))
            markers.append(marker)
        else:
            pytest.fail(f"block {name}: decide whether it is copy")
    return body, markers


FIELD_MARKERS = {
    "kicker": "引题标记",
    "title": "标题标记",
    "subtitle": "副题标记",
    "source": "来源标记",
    "authors": "作者标记",
    "editor": "编辑标记",
    "summary": "核心提示标记",
    "wire_headline": "通稿标题标记",
    "wire_dateline": "电头标记",
    "wire_agency": "通讯社标记",
    "wire_body": "通稿正文标记一\n通稿正文标记二",
    "reprint_source": "转载来源标记",
    "reprint_author": "原作者标记",
    "reprint_title": "原标题标记",
}


def story_text(client, article) -> str:
    page = client.get(article.url).content.decode()
    story = page[page.index('<article class="story"') : page.index("</article>")]
    return unescape(re.sub(r"<[^>]+>", "\n", story))


def test_everything_the_page_prints_is_in_the_copy(client, column, image):
    body, body_markers = marked_body(image)
    article = factories.make_article(
        column,
        origin="reprint",
        reprint_url="https://example.com/original",
        **FIELD_MARKERS,
    )
    article.body = body
    article.save()
    article.tags.add("标签标记")
    article.save_revision().publish()
    article.refresh_from_db()

    printed = story_text(client, article)
    lines = copy_lines(article)
    joined = "\n".join(lines)
    by_field = {item.field: item.text for item in article_copy(article)}
    assert list(by_field) == list(FIELDS)

    expected = [*FIELD_MARKERS.values(), *body_markers, "标签标记"]
    for marker in expected:
        for line in marker.split("\n"):
            # What the page prints is copy. (The agency is kept as copy although the page
            # only prints it inside the dateline.)
            assert line in printed or line == "通讯社标记", f"page does not print {line}"
            assert line in joined, f"{line} printed but not in the copy"
    # Image library titles, URLs and the column's own texts are not copy.
    assert "图库里的文件名" not in joined and "example.com" not in joined
    # Body parts are labelled in the lines; paragraphs stay bare with entities decoded.
    assert "正文标记1号，含&号。" in lines
    assert "出处：出处标记4号" in lines and "图片说明：图片说明标记3号" in lines
    assert "摄影：摄影标记3号" in lines and "视频说明：说明标记5号" in lines
    assert "标题：标题标记" in lines and "标签：标签标记" in lines


def test_a_referenced_wire_article_is_copy_as_printed(client, column):
    wire = factories.make_article(
        column, title="通稿原标题", paragraphs=["通稿第一段。", "通稿第二段。"]
    )
    Article.objects.filter(pk=wire.pk).update(wire_dateline="新华社北京11月1日电")
    article = factories.make_article(column, title="本报稿件", wire_article=wire)
    copy = {item.field: item.text for item in article_copy(article)}
    assert copy["wire_headline"] == "通稿原标题"
    assert copy["wire_dateline"] == "新华社北京11月1日电"
    assert copy["wire_body"] == "通稿第一段。\n通稿第二段。"
    printed = story_text(client, article)
    for text in ("通稿原标题", "新华社北京11月1日电", "通稿第一段。", "通稿第二段。"):
        assert text in printed


def test_the_hash_follows_the_copy_and_nothing_else(column, image):
    article = factories.make_article(column, title="原标题", publish=False)
    base = copy_hash(article)
    assert re.fullmatch(r"[0-9a-f]{64}", base)
    assert copy_hash(Article.objects.get(pk=article.pk)) == base
    assert copy_hash(article.get_latest_revision().as_object()) == base

    # Not copy: go-live time, headline flag, cover image, column prefix, reprint link.
    article.go_live_at = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    article.featured = True
    article.cover_image = image
    article.reprint_url = "https://example.com/x"
    assert copy_hash(article) == base

    # Copy: every field, and every part of a block.
    for name in set(FIELDS) - {"body", "tags"}:
        changed = Article.objects.get(pk=article.pk)
        setattr(changed, name, (getattr(changed, name) or "") + "改")
        assert copy_hash(changed) != base, name
    for block in [
        ("quote", {"text": "引文", "attribution": "甲"}),
        ("image", {"image": image, "caption": "说明", "credit": "摄影"}),
        ("video", {"url": "https://example.com/v.mp4", "caption": "视频"}),
        ("heading", "小标题"),
    ]:
        one = Article.objects.get(pk=article.pk)
        one.body = [block]
        two = Article.objects.get(pk=article.pk)
        kind, value = block
        if isinstance(value, dict):
            text_key = next(k for k in ("attribution", "credit", "caption") if k in value)
            value = {**value, text_key: value[text_key] + "改"}
        else:
            value += "改"
        two.body = [(kind, value)]
        assert copy_hash(one) != copy_hash(two), kind
    # The same text as a heading instead of a paragraph is a different copy.
    one = Article.objects.get(pk=article.pk)
    one.body = [("heading", "同一句话")]
    two = Article.objects.get(pk=article.pk)
    two.body = [("paragraph", RichText("<p>同一句话</p>"))]
    assert copy_hash(one) != copy_hash(two)


def test_copy_diff_lists_changed_lines(column):
    article = factories.make_article(column, title="旧标题", paragraphs=["第一段。", "第二段。"])
    old = copy_lines(article)
    article.title = "新标题"
    article.body = [("paragraph", RichText("<p>第一段。</p>")), ("quote", {"text": "引文"})]
    diff = copy_diff(old, copy_lines(article))
    assert ["-", "标题：旧标题"] in diff and ["+", "标题：新标题"] in diff
    assert ["-", "第二段。"] in diff and ["+", "引文"] in diff
    assert ["+", "第一段。"] not in diff and copy_diff(old, old) == []


def test_malformed_rich_text_still_yields_its_text(column):
    article = Article(title="标题", column=column)
    article.body = [("paragraph", RichText("<p>未闭合<b>的标签&lt;正文"))]
    body = next(item for item in article_copy(article) if item.field == "body")
    assert "未闭合" in body.text and "正文" in body.text
