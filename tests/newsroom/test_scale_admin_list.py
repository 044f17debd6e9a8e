"""The admin's 稿件 list at scale: a query count independent of the rows shown, statuses
without per-row queries, and a search that does not scan four text columns of a million rows
(title only, among the newest articles, or an article number; full-text search is issue 13)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from baoshe.newsroom import wagtail_hooks
from baoshe.newsroom.models import Article
from tests.factories import make_article


def list_url():
    return reverse(Article.snippet_viewset.get_url_name("list"))


def bulk(column, count, **fields):
    now = timezone.now()
    return Article.objects.bulk_create(
        Article(
            title=f"批量稿件{index}",
            column=column,
            live=True,
            first_published_at=now - dt.timedelta(minutes=index),
            last_published_at=now - dt.timedelta(minutes=index),
            **fields,
        )
        for index in range(count)
    )


def test_list_query_count_does_not_depend_on_rows(
    admin_client, home, column, django_assert_max_num_queries
):
    from tests.factories import make_column

    make_article(column, title="有修订的稿件")
    bulk(column, 2)
    assert admin_client.get(list_url()).status_code == 200
    with django_assert_max_num_queries(14) as few:
        assert admin_client.get(list_url()).status_code == 200
    other = make_column(home, "体育", "tiyu")
    bulk(column, 30)
    bulk(other, 30, authors="本报记者 王五")
    with django_assert_max_num_queries(14) as many:
        response = admin_client.get(list_url())
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 50
    assert len(many) == len(few)


def test_status_column_reads_schedule_and_review_from_the_listing_query(admin_client, column):
    live = make_article(column, title="在线稿件")
    draft = make_article(column, title="草稿稿件", publish=False)
    scheduled = make_article(column, title="定时稿件", publish=False)
    revision = scheduled.save_revision()
    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=timezone.now() + dt.timedelta(days=1)
    )
    response = admin_client.get(list_url())
    rows = {a.pk: wagtail_hooks.article_status(a) for a in response.context["object_list"]}
    assert rows[live.pk] == "在用"
    assert rows[draft.pk] == "草稿"
    assert rows[scheduled.pk] == "已计划"


def test_search_matches_titles_and_article_numbers_only(admin_client, column):
    wanted = make_article(column, title="江北新区图书馆夜读", authors="本报记者 李四")
    make_article(column, title="其他稿件", authors="本报记者 江北")
    found = admin_client.get(list_url(), {"q": "图书馆"}).context["object_list"]
    assert [a.pk for a in found] == [wanted.pk]
    by_author = admin_client.get(list_url(), {"q": "李四"}).context["object_list"]
    assert list(by_author) == []  # authors are not searched (full-text search: issue 13)
    by_number = admin_client.get(list_url(), {"q": str(wanted.pk)}).context["object_list"]
    assert [a.pk for a in by_number] == [wanted.pk]


def test_search_reads_only_the_newest_articles(admin_client, column, monkeypatch):
    old = make_article(column, title="很早以前的图书馆稿件")
    bulk(column, 5)
    monkeypatch.setattr(wagtail_hooks, "SEARCH_WINDOW", 3)
    found = admin_client.get(list_url(), {"q": "图书馆"}).context["object_list"]
    assert list(found) == []
    by_number = admin_client.get(list_url(), {"q": str(old.pk)}).context["object_list"]
    assert [a.pk for a in by_number] == [old.pk]


@pytest.mark.parametrize("query", ["图书馆", "12", "%", "_", "a" * 300])
def test_search_query_budget(admin_client, column, django_assert_max_num_queries, query):
    bulk(column, 60)
    assert admin_client.get(list_url(), {"q": query}).status_code == 200
    with django_assert_max_num_queries(15):
        assert admin_client.get(list_url(), {"q": query}).status_code == 200
