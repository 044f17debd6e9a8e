"""What an article is, independent of HTTP: titles, sources, wire copy, validation."""

import pytest
from django.core.exceptions import ValidationError

from baoshe.newsroom.models import Article
from tests.factories import make_article


def test_prefixed_column_shows_prefix_bar_title(prefixed_column):
    article = make_article(prefixed_column, title="两市签署合作协议")
    assert article.display_title == "第一报道|两市签署合作协议"


def test_plain_column_shows_title_alone(article):
    assert article.display_title == "江北新区图书馆周末开放夜读"


def test_article_url_lives_under_its_column(article, column):
    assert article.url == f"{column.url}{article.pk}.html"


def test_reprint_requires_its_source(column):
    article = Article(title="转载稿", column=column, origin=Article.Origin.REPRINT)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "转载来源" in str(error.value.message_dict["reprint_source"])


def test_missing_title_and_column_are_named(db):
    with pytest.raises(ValidationError) as error:
        Article().full_clean()
    assert set(error.value.message_dict) >= {"title", "column"}


def test_pasted_wire_copy_needs_a_dateline(column):
    article = Article(title="稿件", column=column, wire_body="通稿第一段。")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "电头" in error.value.message_dict["wire_dateline"][0]


def test_wire_reference_and_pasted_text_are_exclusive(column):
    wire = make_article(column, title="示例通讯社通稿")
    article = Article(
        title="稿件", column=column, wire_article=wire, wire_body="正文", wire_dateline="电头"
    )
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "二选一" in error.value.message_dict["wire_body"][0]


def test_pasted_wire_copy_becomes_paragraphs(column):
    article = make_article(
        column,
        wire_headline="两市结为友好城市",
        wire_agency="示例通讯社",
        wire_dateline="示例通讯社示例市11月23日电",
        wire_body="第一段。\n\n第二段。\n",
    )
    wire = article.wire
    assert wire.headline == "两市结为友好城市"
    assert wire.dateline == "示例通讯社示例市11月23日电"
    assert wire.paragraphs == ["第一段。", "第二段。"]


def test_referenced_wire_article_is_embedded(column):
    wire_story = make_article(
        column,
        title="通讯社原稿",
        paragraphs=["原稿第一段。", "原稿第二段。"],
        wire_dateline="示例通讯社电",
    )
    article = make_article(column, wire_article=wire_story)
    assert article.wire.headline == "通讯社原稿"
    assert article.wire.paragraphs == ["原稿第一段。", "原稿第二段。"]
    assert article.wire.article == wire_story


def test_source_label_names_the_paper_for_originals_and_the_source_for_reprints(column):
    original = make_article(column)
    reprint = make_article(
        column, origin=Article.Origin.REPRINT, reprint_source="示例晚报", reprint_title="原题"
    )
    assert original.source_label("示例日报") == "示例日报"
    assert reprint.source_label("示例日报") == "示例晚报"
