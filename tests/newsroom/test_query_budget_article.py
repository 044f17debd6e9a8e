"""The article page's query budget: the chrome and the article's own parts come from memos.

A reader's request for an article costs the article's row, the 数字报 print-edition lookup and
the approved corrections, whatever the number of columns, footer links, tags, corrections or
body blocks. The first reader of a newly published revision also pays for rendering the
article's parts (its tags), once.
"""

import pytest
from django.test import Client
from wagtail.models import Site

from baoshe.core import versions
from tests.factories import make_article, make_column, paper_settings

WARM_BUDGET = 3  # article, print edition, corrections
FIRST_READER_BUDGET = WARM_BUDGET + 2  # + the tags, rendered once per published revision


def _grow_site(home, columns=12, links=10):
    for number in range(columns):
        make_column(home, f"栏目{number}", f"lanmu{number}")
    paper = paper_settings()
    for number in range(links):
        paper.friend_links.create(name=f"友情链接{number}", url=f"https://example{number}.cn/")
    paper.about_page = make_column(home, "关于我们", "guanyu")
    paper.save()


def _tagged_article(column, tags=6):
    article = make_article(column, paragraphs=[f"第{n}段。" for n in range(30)])
    article.tags.add(*[f"标签{n}" for n in range(tags)])
    article.save_revision().publish()
    article.refresh_from_db()
    return article


@pytest.mark.parametrize("grown", [False, True], ids=["small site", "grown site"])
def test_article_page_query_budget(home, column, django_assert_max_num_queries, grown):
    if grown:
        _grow_site(home)
    article = _tagged_article(column, tags=8 if grown else 1)
    other = make_article(column)
    url, other_url = article.url, other.url
    reader = Client()
    for _ in range(2):  # the first request also creates the site's settings row
        assert reader.get(other_url).status_code == 200  # the chrome is now memoised
    with django_assert_max_num_queries(FIRST_READER_BUDGET):
        first = reader.get(url)
    with django_assert_max_num_queries(WARM_BUDGET):
        again = reader.get(url)
    assert first.content == again.content
    page = again.content.decode()
    assert "标签0" in page and "第29段。" in page
    if grown:
        assert "栏目11" in page and "友情链接9" in page and "关于我们" in page


def test_corrections_do_not_grow_the_budget(column, editor, django_assert_max_num_queries):
    from baoshe.workflow.models import Correction

    article = make_article(column)
    url = article.url
    reader = Client()
    for _ in range(2):  # the first request also creates the site's settings row
        reader.get(url)
    for number in range(5):
        Correction.objects.create(
            article=article,
            text=f"更正{number}",
            state=Correction.State.APPROVED,
            requested_by=editor,
        )
    with django_assert_max_num_queries(WARM_BUDGET):
        page = reader.get(url).content.decode()
    assert "更正4" in page


def test_a_republished_article_shows_its_new_text_at_once(column):
    article = make_article(column, title="初版标题", paragraphs=["初版正文。"])
    reader = Client()
    assert "初版正文。" in reader.get(article.url).content.decode()
    from wagtail.rich_text import RichText

    article.body = [("paragraph", RichText("<p>改版正文。</p>"))]
    article.save_revision().publish()
    page = reader.get(article.url).content.decode()
    assert "改版正文。" in page and "初版正文。" not in page


def test_the_preview_never_uses_the_live_pages_cached_parts(admin_client, column):
    from baoshe.newsroom.models import Article, article_page_context

    article = make_article(column, paragraphs=["已发布的正文。"])
    Client().get(article.url)  # the live parts are now cached
    draft = Article.objects.get(pk=article.pk)
    from wagtail.rich_text import RichText

    draft.body = [("paragraph", RichText("<p>尚未发布的改动。</p>"))]
    request = admin_client.get("/admin/").wsgi_request
    request._wagtail_site = Site.objects.get(is_default_site=True)
    context = article_page_context(draft, request)
    assert "尚未发布的改动。" in context["body"] and "已发布的正文。" not in context["body"]
    assert versions.current(versions.SITE)  # the token exists, file or not
