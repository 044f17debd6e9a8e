"""Printed stories linked to their web articles, and the links shown on both pages."""

import datetime as dt

import pytest
from django.utils import timezone

from baoshe.epaper import linking
from baoshe.epaper.importer import import_issue
from baoshe.epaper.models import PrintArticle, Publication
from baoshe.epaper.templatetags.epaper_tags import print_edition
from baoshe_demo.pdfgen import ArticleSpec, generate_issue, write_issue
from tests.factories import make_article

TITLE = "江北新区图书馆周末开放夜读"
PARAGRAPHS = [
    "记者从江北新区文化旅游局获悉，新区图书馆自本周起在每周五、周六延长开放至晚上十点，"
    "为上班族和学生提供夜间阅读空间，首周夜读时段共接待读者两千三百余人次。",
    "图书馆负责人介绍，夜读时段开放二楼阅览区和自习区，新增座位一百二十个，"
    "并安排志愿者值守，读者可凭身份证或读者证入馆，自助借还设备全天可用。",
    "不少市民表示，夜读开放让下班后的时间有了好去处。图书馆还将根据读者反馈，"
    "适时推出夜间讲座和亲子阅读活动，让书香更好地融入城市生活。",
]


def test_score_separates_same_story_from_unrelated():
    web = linking.Text.of(TITLE, "\n".join(PARAGRAPHS))
    same = linking.Text.of(TITLE, PARAGRAPHS[0] + PARAGRAPHS[1][:40])
    retitled = linking.Text.of("新区图书馆夜读时段延长", PARAGRAPHS[0])
    other = linking.Text.of(
        "滨江绿道全线贯通", "示例市滨江绿道全线贯通，市民可沿江骑行散步，沿线新增驿站十二处。"
    )
    assert linking.score(same, web) > 0.9
    assert linking.score(retitled, web) > 0.55
    assert linking.score(other, web) < 0.3


@pytest.fixture
def web_article(column):
    return make_article(column, title=TITLE, paragraphs=PARAGRAPHS)


@pytest.fixture
def printed(web_article, tmp_path):
    """Today's one-page issue printing the web article first, imported and published."""
    spec = ArticleSpec(title=TITLE, paragraphs=PARAGRAPHS, byline="本报记者 测试", key="web")
    day = timezone.localdate()
    write_issue(tmp_path, issue=generate_issue(seed=2, n_pages=1, articles=[spec], date=day))
    paper = Publication.objects.create(slug="shili", name="示例日报")
    result = import_issue(tmp_path, paper, day, publish=True)
    return result


def test_import_links_print_and_web_both_ways(printed, web_article, client):
    assert printed.linked == 1
    linked = PrintArticle.objects.get(web_article=web_article)
    assert linked.title == TITLE and linked.link_score > 0.9
    assert PrintArticle.objects.filter(web_article__isnull=True).count() == printed.articles - 1

    web_html = client.get(web_article.url).content.decode()
    assert f'<a href="{linked.get_absolute_url()}">见数字报第A01版</a>' in web_html
    print_html = client.get(linked.get_absolute_url()).content.decode()
    assert f'<a href="{web_article.url}">阅读网络版：{TITLE}</a>' in print_html


def test_print_edition_tag_is_one_query_then_none(printed, web_article, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = print_edition(web_article)
    assert found["number"] == "A01" and found["url"].startswith("/epaper/shili/")
    with django_assert_num_queries(0):
        assert print_edition(web_article) == found
    printed.issue.published = False
    printed.issue.save()  # any change to the 数字报 moves its version token
    assert print_edition(web_article) is None


def test_the_link_appears_at_the_release_time_and_the_page_is_told(printed, web_article, rf):
    from baoshe.core.public import UNTIL_ATTRIBUTE

    release = timezone.now() + dt.timedelta(minutes=5)
    type(printed.issue).objects.filter(pk=printed.issue.pk).update(release_at=release)
    printed.issue.refresh_from_db()
    printed.issue.save()  # moves the token, as an edit of the release time in the admin does
    request = rf.get(web_article.url)
    assert print_edition(web_article, request) is None
    assert getattr(request, UNTIL_ATTRIBUTE) == release
    type(printed.issue).objects.filter(pk=printed.issue.pk).update(
        release_at=timezone.now() - dt.timedelta(seconds=1)
    )
    # No change saved (time passed): the cached answer knows it expired.
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=release + dt.timedelta(seconds=1)):
        assert print_edition(web_article, rf.get(web_article.url))["number"] == "A01"


def test_unpublished_issue_not_announced_on_web_page(printed, web_article, client):
    printed.issue.published = False
    printed.issue.save()
    assert "见数字报" not in client.get(web_article.url).content.decode()


def test_articles_outside_the_window_are_not_candidates(web_article):
    later = timezone.localdate() + dt.timedelta(days=3)
    assert linking.web_candidates(later) == []
    assert [pk for pk, _ in linking.web_candidates(timezone.localdate())] == [web_article.pk]
