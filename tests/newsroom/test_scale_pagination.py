"""Column and home listings that neither count nor offset the whole column.

A column is walked by key: 较早 (older) and 较新 (newer) links carry a cursor
(``?before=``/``?after=``, publish time in microseconds and id). These tests walk whole columns
both ways and check that every article appears exactly once, in site order, including articles
published at the same instant and a parent column's sub-columns; that old ``?page=N`` links
still answer; and that a cursor this site never wrote is a 404, not a 500.
"""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from lxml import html as lxml_html

from baoshe.newsroom.models import (
    ARTICLES_PER_PAGE,
    LEGACY_PAGE_LIMIT,
    Article,
    ListingCursor,
)
from tests.factories import hours_ago, make_column, paper_settings

LIST = "//ol[contains(@class,'article-list--full')]/li/a[@class='article-list__title']"


def bulk_articles(column, count, start=None, step=dt.timedelta(minutes=7), same_instant=0):
    """``count`` live articles in ``column``, newest at ``start``; the last ``same_instant`` of
    them share one publish time (ties are broken by id)."""
    start = start or timezone.now() - dt.timedelta(minutes=1)
    rows = []
    for index in range(count):
        when = (
            start - step * min(index, count - same_instant)
            if same_instant
            else start - step * index
        )
        rows.append(
            Article(
                title=f"{column.slug}-{index:04d}",
                column=column,
                live=True,
                first_published_at=when,
                last_published_at=when,
            )
        )
    return Article.objects.bulk_create(rows)


def site_order(articles):
    return [
        a.title for a in sorted(articles, key=lambda a: (a.first_published_at, a.pk), reverse=True)
    ]


def get_page(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    tree = lxml_html.fromstring(response.content.decode())
    titles = [" ".join(a.text_content().split()) for a in tree.xpath(LIST)]
    links = {
        rel: tree.xpath(f"//nav[@class='pagination']/a[@rel='{rel}']/@href")
        for rel in ("prev", "next")
    }
    return titles, links.get("prev"), links.get("next"), response


def walk(client, column_url, start_url, rel):
    pages, url = [], start_url
    while url:
        titles, prev, nxt, _ = get_page(client, url)
        pages.append(titles)
        link = nxt if rel == "next" else prev
        url = column_url + link[0] if link else None
        assert len(pages) < 100
    return pages


def test_walking_older_then_newer_lists_each_article_once_in_order(client, column):
    articles = bulk_articles(column, 3 * ARTICLES_PER_PAGE + 7, same_instant=30)
    expected = site_order(articles)
    older = walk(client, column.url, column.url, "next")
    assert [len(p) for p in older] == [20, 20, 20, 7]
    assert [t for page in older for t in page] == expected
    # From the oldest page back up with 较新: the same pages, newest page last.
    _, _, nxt, _ = get_page(client, column.url + "?before=" + cursor_before_oldest(column, 7))
    newer = walk(
        client, column.url, column.url + "?before=" + cursor_before_oldest(column, 7), "prev"
    )
    assert [t for page in reversed(newer) for t in page] == expected
    assert newer[0] == older[-1]
    assert nxt == []  # the oldest page has no 较早 link


def cursor_before_oldest(column, count):
    """The cursor whose 较早 page is the ``count`` oldest articles of ``column``."""
    row = (
        Article.objects.filter(column=column, live=True)
        .order_by("first_published_at", "pk")
        .values_list("first_published_at", "pk")[count : count + 1]
        .get()
    )
    return str(ListingCursor(*row))


def test_first_page_has_only_an_older_link_and_keyset_pages_both(client, column):
    bulk_articles(column, 45)
    titles, prev, nxt, response = get_page(client, column.url)
    assert len(titles) == 20 and prev == [] and len(nxt) == 1
    assert "较早" in response.content.decode()
    query = parse_qs(urlsplit(nxt[0]).query)
    assert set(query) == {"before"}
    _, prev, nxt, response = get_page(client, column.url + nxt[0])
    assert len(prev) == 1 and len(nxt) == 1
    assert "较新" in response.content.decode()
    canonical = lxml_html.fromstring(response.content).xpath("//link[@rel='canonical']/@href")[0]
    assert canonical.endswith(f"/bendi/?before={query['before'][0]}")


def test_newer_link_past_the_newest_shows_the_first_page(client, column):
    articles = bulk_articles(column, 25)
    newest = max(articles, key=lambda a: (a.first_published_at, a.pk))
    far = str(ListingCursor(newest.first_published_at + dt.timedelta(days=1), newest.pk))
    titles, prev, _, _ = get_page(client, f"{column.url}?after={far}")
    assert titles == site_order(articles)[:20]
    assert prev == []


def test_parent_column_merges_its_sub_columns_in_publish_order(client, home):
    parent = make_column(home, "社会", "shehui")
    left = make_column(parent, "民生", "minsheng")
    right = make_column(parent, "法治", "fazhi")
    start = timezone.now() - dt.timedelta(minutes=1)
    articles = (
        bulk_articles(left, 30, start=start, step=dt.timedelta(minutes=5))
        + bulk_articles(
            right, 25, start=start - dt.timedelta(minutes=2), step=dt.timedelta(minutes=3)
        )
        + bulk_articles(parent, 5, start=start, step=dt.timedelta(minutes=40))
    )
    hidden = make_column(parent, "内参", "neican")
    hidden.unpublish()
    bulk_articles(hidden, 3)
    expected = site_order(articles)
    older = walk(client, parent.url, parent.url, "next")
    assert [t for page in older for t in page] == expected
    assert [len(p) for p in older] == [20, 20, 20]


def test_expired_articles_drop_out_without_a_gap(client, column):
    articles = bulk_articles(column, 30)
    expired = site_order(articles)[19]
    Article.objects.filter(title=expired).update(expire_at=hours_ago(1))
    pages = walk(client, column.url, column.url, "next")
    assert [len(p) for p in pages] == [19, 10]
    assert [t for page in pages for t in page] == [t for t in site_order(articles) if t != expired]


def test_old_page_links_are_served_or_redirected(client, column):
    articles = bulk_articles(column, 45)
    titles, prev, nxt, response = get_page(client, column.url + "?page=2")
    assert titles == site_order(articles)[20:40]
    assert len(prev) == 1 and len(nxt) == 1
    assert "第2页" in response.content.decode()
    beyond = client.get(column.url + "?page=5")
    assert beyond.status_code == 302 and beyond["Location"] == column.url
    deep = client.get(f"{column.url}?page={LEGACY_PAGE_LIMIT + 1}")
    assert deep.status_code == 301 and deep["Location"] == column.url
    for value in ("abc", "0", "-3", "1.5", ""):
        titles, *_ = get_page(client, f"{column.url}?page={value}")
        assert titles == site_order(articles)[:20]


BAD_CURSORS = [
    "",
    "abc",
    "123",
    "-5",
    "5-",
    "1700000000000000-0",
    "1700000000000000--1",
    "1700000000000000-1-2",
    "99999999999999999999-1",
    "1700000000000000-99999999999999999999",
    "１７００-１",
    "1700000000000000-1%00",
    "%ff%fe",
    "1" * 60,
]


@pytest.mark.parametrize("param", ["before", "after"])
@pytest.mark.parametrize("value", BAD_CURSORS)
def test_malformed_cursor_is_404(client, column, param, value):
    bulk_articles(column, 3)
    response = client.get(f"{column.url}?{param}={value}")
    assert response.status_code == 404


def test_cursor_round_trips():
    when = dt.datetime(2024, 2, 29, 23, 59, 59, 999_999, tzinfo=dt.UTC)
    cursor = ListingCursor(when, 42)
    assert str(cursor) == "1709251199999999-42"
    assert ListingCursor.parse(str(cursor)) == cursor


def test_home_blocks_show_each_columns_newest_including_sub_columns(client, home):
    parent = make_column(home, "社会", "shehui")
    sub = make_column(parent, "民生", "minsheng")
    other = make_column(home, "体育", "tiyu")
    in_parent = bulk_articles(parent, 4, start=timezone.now() - dt.timedelta(hours=2))
    in_sub = bulk_articles(sub, 4, start=timezone.now() - dt.timedelta(minutes=30))
    in_other = bulk_articles(other, 9)
    tree = lxml_html.fromstring(client.get("/").content.decode())
    blocks = {
        box.xpath("string(.//h2/a[1])").strip(): [
            " ".join(a.text_content().split()) for a in box.xpath(".//ul/li/a")
        ]
        for box in tree.xpath("//section[@class='column-box']")
    }
    assert blocks["社会"] == site_order(in_parent + in_sub)[:6]
    assert blocks["体育"] == site_order(in_other)[:6]


def query_count(client, url, django_assert_max_num_queries, budget):
    assert client.get(url).status_code == 200  # warm per-process caches
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_home_query_count_does_not_grow_with_columns(client, home, django_assert_max_num_queries):
    paper_settings()  # made on first use, which would move the site token between counts
    for index in range(3):
        bulk_articles(make_column(home, f"栏目{index}", f"lanmu{index}"), 8)
    few = query_count(client, "/", django_assert_max_num_queries, 20)
    for index in range(3, 9):
        column = make_column(home, f"栏目{index}", f"lanmu{index}")
        bulk_articles(make_column(column, f"子栏目{index}", f"zi{index}"), 8)
    many = query_count(client, "/", django_assert_max_num_queries, 20)
    assert many == few


@pytest.mark.parametrize("rows", [25, 120])
def test_column_query_budgets_do_not_depend_on_rows(
    client, home, django_assert_max_num_queries, rows
):
    leaf = make_column(home, "本地", "bendi")
    parent = make_column(home, "社会", "shehui")
    subs = [make_column(parent, "民生", "minsheng"), make_column(parent, "法治", "fazhi")]
    bulk_articles(leaf, rows)
    for sub in subs:
        bulk_articles(sub, rows)
    for column in (leaf, parent):
        query_count(client, column.url, django_assert_max_num_queries, 18)
        _, _, nxt, _ = get_page(client, column.url)
        query_count(client, column.url + nxt[0], django_assert_max_num_queries, 18)
        last = cursor_before_oldest(column, 3) if column is leaf else None
        if last:
            query_count(client, f"{column.url}?before={last}", django_assert_max_num_queries, 18)
