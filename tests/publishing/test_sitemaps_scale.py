"""Sitemaps for a million articles: one per month, stable once the month is over, and the
Google News sitemap of the last 48 hours; every one of them at a bounded query count."""

import datetime as dt

import pytest
from django.utils import timezone
from lxml import etree

from baoshe.newsroom.models import Article
from tests.factories import hours_ago, make_article, make_column, paper_settings

SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"sm": SM, "news": NEWS}


def local(year, month, day, hour=12, minute=0):
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def bulk(column, times, title="稿件"):
    return Article.objects.bulk_create(
        Article(
            title=f"{title}{index}",
            column=column,
            live=True,
            first_published_at=when,
            last_published_at=when,
        )
        for index, when in enumerate(times)
    )


def locs(client, path, xpath="//sm:url/sm:loc/text()"):
    response = client.get(path)
    assert response.status_code == 200, path
    return etree.fromstring(response.content).xpath(xpath, namespaces=NS)


def test_index_lists_pages_news_and_every_month_newest_first(client, column):
    bulk(column, [local(2024, 11, 30, 23, 59), local(2025, 2, 1, 0, 1), hours_ago(1)])
    sections = [
        loc.replace("http://testserver", "")
        for loc in locs(client, "/sitemap.xml", "//sm:sitemap/sm:loc/text()")
    ]
    now = timezone.localtime()
    months, year, month = [], now.year, now.month
    while (year, month) >= (2024, 11):
        months.append(f"/sitemap-{year:04d}-{month:02d}.xml")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    assert sections == ["/sitemap-pages.xml", "/sitemap-news.xml", *months]
    for path in sections:
        locs(client, path)  # each answers valid XML
    assert locs(client, "/sitemap-2025-01.xml") == []  # a month without articles is empty


def test_month_boundaries_follow_the_papers_time_zone(client, column):
    late, early = bulk(column, [local(2024, 11, 30, 23, 59), local(2024, 12, 1, 0, 1)])
    november = locs(client, "/sitemap-2024-11.xml")
    december = locs(client, "/sitemap-2024-12.xml")
    assert [u.rsplit("/", 1)[1] for u in november] == [f"{late.pk}.html"]
    assert [u.rsplit("/", 1)[1] for u in december] == [f"{early.pk}.html"]


def test_month_is_in_publish_order_not_id_order_and_stable(client, home, column):
    other = make_column(home, "体育", "tiyu")
    # Written in reverse: ids run against publish time.
    articles = bulk(column, [local(2024, 3, day) for day in (28, 20, 9, 2)])
    articles += bulk(other, [local(2024, 3, 15, 8)])
    expected = [
        f"{a.column.url}{a.pk}.html" for a in sorted(articles, key=lambda a: a.first_published_at)
    ]
    got = [u.replace("http://localhost", "") for u in locs(client, "/sitemap-2024-03.xml")]
    assert got == expected
    before = client.get("/sitemap-2024-03.xml").content
    # Later publishing, in this month and after it, leaves the closed month as it was.
    bulk(column, [local(2024, 4, 1), hours_ago(2)])
    make_article(column, title="新发布的稿件")
    assert client.get("/sitemap-2024-03.xml").content == before
    lastmods = etree.fromstring(before).xpath("//sm:url/sm:lastmod/text()", namespaces=NS)
    assert lastmods[0] == "2024-03-02T04:00:00Z"  # 12:00 in Beijing


def test_month_sitemap_leaves_out_hidden_and_expired_articles(client, home, column):
    shown, expired = bulk(column, [local(2024, 5, 3), local(2024, 5, 4)])
    Article.objects.filter(pk=expired.pk).update(expire_at=hours_ago(1))
    hidden_column = make_column(home, "内参", "neican")
    hidden_column.unpublish()
    bulk(hidden_column, [local(2024, 5, 5)])
    bulk(column, [local(2024, 5, 6)], title="草稿")
    Article.objects.filter(title="草稿0").update(live=False)
    assert locs(client, "/sitemap-2024-05.xml") == [f"http://localhost{shown.url}"]


def test_news_sitemap_lists_the_last_48_hours(client, prefixed_column):
    fresh = make_article(prefixed_column, title="昨夜新闻", published_at=hours_ago(47))
    make_article(prefixed_column, title="前天新闻", published_at=hours_ago(49))
    newest = make_article(prefixed_column, title="刚刚发布")
    expired = make_article(prefixed_column, title="已过期", expire_at=hours_ago(-1))
    Article.objects.filter(pk=expired.pk).update(expire_at=hours_ago(1))
    make_article(prefixed_column, title="草稿", publish=False)
    response = client.get("/sitemap-news.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    tree = etree.fromstring(response.content)
    urls = tree.xpath("//sm:url", namespaces=NS)
    assert [u.findtext(f"{{{SM}}}loc") for u in urls] == [
        f"http://localhost{newest.url}",
        f"http://localhost{fresh.url}",
    ]
    news = urls[1].find(f"{{{NEWS}}}news")
    assert news.findtext(f"{{{NEWS}}}publication/{{{NEWS}}}name") == "示例日报"
    assert news.findtext(f"{{{NEWS}}}publication/{{{NEWS}}}language") == "zh-cn"
    assert news.findtext(f"{{{NEWS}}}title") == "第一报道|昨夜新闻"
    published = dt.datetime.fromisoformat(news.findtext(f"{{{NEWS}}}publication_date"))
    assert abs(published - fresh.first_published_at) < dt.timedelta(seconds=1)
    assert published.utcoffset() == dt.timedelta(hours=8)


BUDGETS = [
    ("sitemap index", "/sitemap.xml", 10),
    ("month sitemap", None, 10),
    ("news sitemap", "/sitemap-news.xml", 10),
    ("site feed", "/rss.xml", 8),
    ("parent column feed", "/shehui/rss.xml", 10),
]


@pytest.mark.parametrize("name, url, budget", BUDGETS, ids=[b[0] for b in BUDGETS])
def test_sitemaps_and_feeds_query_budgets_do_not_grow_with_rows(
    client, home, django_assert_max_num_queries, name, url, budget
):
    paper_settings()  # made on first use, which would move the site token between rounds
    parent = make_column(home, "社会", "shehui")
    subs = [make_column(parent, "民生", "minsheng"), make_column(parent, "法治", "fazhi")]
    counts = []
    for _ in range(2):
        for column in (parent, *subs):
            start = timezone.now() - dt.timedelta(hours=1)
            bulk(column, [start - dt.timedelta(hours=3 * i) for i in range(40)])
        path = url or f"/sitemap-{timezone.localtime():%Y-%m}.xml"
        assert client.get(path).status_code == 200
        with django_assert_max_num_queries(budget) as captured:
            assert client.get(path).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
