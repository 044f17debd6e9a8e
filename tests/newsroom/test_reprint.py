"""The reprint notice prints 原标题：《…》 once, whatever the editor or old data stored."""

import re

import pytest
from django.utils.html import strip_tags

from baoshe.newsroom.models import Article
from baoshe.newsroom.reprint import bare_reprint_title
from baoshe_demo.newsroom import content
from tests.factories import make_article


@pytest.mark.parametrize(
    ("stored", "bare"),
    [
        ("光明电影院，又亮灯了", "光明电影院，又亮灯了"),
        ("原标题：光明电影院，又亮灯了", "光明电影院，又亮灯了"),
        ("原标题:《光明电影院，又亮灯了》", "光明电影院，又亮灯了"),
        ("原标题：《原标题：光明电影院，又亮灯了》", "光明电影院，又亮灯了"),
        ("原标题《光明电影院》", "光明电影院"),
        ("《光明电影院》", "光明电影院"),
        ("  原题：“城市里的温暖站” ", "城市里的温暖站"),
        ("Original title: Lights On Again", "Lights On Again"),
        # Marks inside the title, or not around all of it, are the title's own.
        ("城市里的86个“温暖站”", "城市里的86个“温暖站”"),
        ("《甲》与《乙》", "《甲》与《乙》"),
        ("原标题党的自我修养", "原标题党的自我修养"),
        ("", ""),
    ],
)
def test_bare_reprint_title(stored, bare):
    assert bare_reprint_title(stored) == bare


def test_clean_stores_the_title_alone(column):
    article = make_article(
        column,
        publish=False,
        origin=Article.Origin.REPRINT,
        reprint_source="湖滨商报",
        reprint_title="原标题：《日晒夜露一百年》",
    )
    article.refresh_from_db()
    assert article.reprint_title == "日晒夜露一百年"


def notice(client, article) -> str:
    page = client.get(article.url).content.decode()
    match = re.search(r'<aside class="reprint-notice"[^>]*>(.*?)</aside>', page, re.S)
    assert match, "no reprint notice on the page"
    return " ".join(strip_tags(match.group(1)).split())


def test_notice_prints_the_label_once_even_for_old_rows(client, column):
    article = make_article(
        column, origin=Article.Origin.REPRINT, reprint_source="示南晚报", reprint_title="光明影院"
    )
    # A row saved before the title was cleaned (or through a path that skips clean()).
    Article.objects.filter(pk=article.pk).update(reprint_title="原标题：《光明影院》")
    article.refresh_from_db()
    text = notice(client, article)
    assert text.count("原标题") == 1
    assert "原标题：《光明影院》" in text


def test_demo_reprints_print_a_single_label(client, column):
    spec = next(a["reprint"] for a in content.ARTICLES if a["reprint"])
    article = make_article(
        column,
        origin=Article.Origin.REPRINT,
        reprint_source=spec["source"],
        reprint_title=spec["title"],
        reprint_author=spec.get("author", ""),
    )
    text = notice(client, article)
    assert f"原标题：《{spec['title']}》" in text
    assert "《原标题" not in text and text.count("原标题") == 1
