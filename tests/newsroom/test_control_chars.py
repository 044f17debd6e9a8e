"""Control characters pasted from Word/WPS are stripped from an article's text on save.

A vertical tab or a unit separator in a title used to pass 机审 and all three reviews and
then take down the RSS feed (XML 1.0 cannot hold it); a NUL is refused by PostgreSQL. They
are dropped from every text field and every string in the body, whether the article is saved
through the admin form, as a revision, or in code.
"""

import pytest
from wagtail.rich_text import RichText

from baoshe.newsroom.models import Article
from tests import factories

ADD_URL = "/admin/snippets/newsroom/article/add/"
PASTED = "市民\x0b热议\x00新规\x1f出台\x7f\x85"
CLEAN = "市民热议新规出台"


def assert_clean(article):
    for name in ("title", "kicker", "subtitle", "summary", "authors", "wire_body"):
        value = getattr(article, name)
        assert not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in value), (name, value)
        assert "\x7f" not in value and "\x85" not in value


def test_pasted_control_characters_are_stripped_by_the_admin_form(admin_client, column):
    data = factories.article_form(
        column,
        paragraphs=[f"正文{PASTED}。"],
        title=PASTED,
        kicker=f"引题\x0c{PASTED}",
        summary="第一行\n第二行\x1b",
        authors="本报记者\x00 王小明",
        wire_body="新华社电\x0b 第一段\n第二段",
        wire_dateline="新华社北京8月25日电\x1f",
    )
    response = admin_client.post(ADD_URL, {**data, "action-publish": "publish"})
    assert response.status_code == 302, response.context["form"].errors
    article = Article.objects.get()
    assert article.title == CLEAN
    assert article.kicker == f"引题{CLEAN}"
    assert article.summary == "第一行\n第二行"  # line breaks are kept
    assert article.authors == "本报记者 王小明"
    assert article.wire_body == "新华社电 第一段\n第二段"
    assert article.wire_dateline == "新华社北京8月25日电"
    assert article.plain_paragraphs() == [f"正文{CLEAN}。"]
    assert_clean(article)
    # The revision (what reviewers and 机审 read) is clean as well.
    revision = article.get_latest_revision().as_object()
    assert revision.title == CLEAN and revision.plain_paragraphs() == [f"正文{CLEAN}。"]
    # And the feed that used to answer 500 lists it.
    feed = admin_client.get("/rss.xml")
    assert feed.status_code == 200 and CLEAN in feed.content.decode()


def test_editing_in_the_admin_strips_them_too(admin_client, column):
    article = factories.make_article(column, title="原标题", publish=False)
    response = admin_client.post(
        f"/admin/snippets/newsroom/article/edit/{article.pk}/",
        factories.article_form(column, title=f"新{PASTED}", subtitle="副\x00题"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert (article.title, article.subtitle) == (f"新{CLEAN}", "副题")


@pytest.mark.parametrize("via", ["save", "full_clean", "save_revision"])
def test_saves_in_code_strip_them_from_fields_and_blocks(column, via):
    article = Article(
        title=PASTED,
        column=column,
        subtitle="副题\x1f",
        body=[
            ("paragraph", RichText(f"<p>段落{PASTED}</p>")),
            ("heading", "小标题\x0b"),
            ("quote", {"text": "引文\x00内容", "attribution": "某\x1f人"}),
            ("video", {"url": "https://example.com/a.mp4", "caption": "视频\x0c说明"}),
        ],
    )
    if via == "full_clean":
        article.full_clean()
    elif via == "save":
        article.save()
    else:
        article.save()
        article.title = PASTED  # typed again, then only a revision is saved
        article.save_revision(clean=False)  # as drafts are saved: no full_clean
        article = article.get_latest_revision().as_object()
    assert article.title == CLEAN and article.subtitle == "副题"
    blocks = list(article.body)
    assert blocks[0].value.source == f"<p>段落{CLEAN}</p>"
    assert blocks[1].value == "小标题"
    assert (blocks[2].value["text"], blocks[2].value["attribution"]) == ("引文内容", "某人")
    assert blocks[3].value["caption"] == "视频说明"
    if via == "save":
        stored = Article.objects.get(pk=article.pk)
        assert stored.title == CLEAN
        assert list(stored.body)[2].value["attribution"] == "某人"


def test_tabs_and_line_breaks_are_kept(column):
    article = factories.make_article(column, title="标题", summary="第一行\r\n第二行\t完")
    assert Article.objects.get(pk=article.pk).summary == "第一行\r\n第二行\t完"
