"""RSS and the sitemap: valid XML that lists what is published and nothing else."""

import re

import feedparser
from lxml import etree

from tests.factories import make_article, make_column

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_site_feed_is_valid_rss_listing_published_articles(client, column):
    published = make_article(column, title="发布的稿件")
    draft = make_article(column, title="草稿稿件", publish=False)
    response = client.get("/rss.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    etree.fromstring(response.content)  # well-formed
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    titles = [entry.title for entry in feed.entries]
    assert published.title in titles
    assert draft.title not in titles
    entry = feed.entries[titles.index(published.title)]
    assert entry.link == f"http://localhost{published.url}"
    assert entry.published_parsed is not None


def test_column_feed_lists_only_that_column_and_its_children(client, home, column):
    sub = make_column(column, "江北", "jiangbei")
    other = make_column(home, "体育", "tiyu")
    in_sub = make_article(sub, title="子栏目稿件")
    in_other = make_article(other, title="体育稿件")
    feed = feedparser.parse(client.get(f"{column.url}rss.xml").content)
    titles = [entry.title for entry in feed.entries]
    assert in_sub.title in titles
    assert in_other.title not in titles
    assert feed.feed.title.startswith("本地")


def test_unknown_column_feed_is_404(client, home):
    assert client.get("/nothing-here/rss.xml").status_code == 404


def test_sitemap_index_and_sections_list_every_published_article(client, column):
    articles = [make_article(column) for _ in range(3)]
    hidden = make_article(column, publish=False)
    index = etree.fromstring(client.get("/sitemap.xml").content)
    sections = index.xpath("//sm:sitemap/sm:loc/text()", namespaces=SITEMAP_NS)
    assert any(loc.endswith("/sitemap-news.xml") for loc in sections)
    assert any(re.search(r"/sitemap-\d{4}-\d{2}\.xml$", loc) for loc in sections)
    urls = []
    for loc in sections:
        path = loc.replace("http://testserver", "").replace("http://localhost", "")
        response = client.get(path)
        assert response.status_code == 200
        tree = etree.fromstring(response.content)
        urls += tree.xpath("//sm:url/sm:loc/text()", namespaces=SITEMAP_NS)
    for article in articles:
        assert f"http://localhost{article.url}" in urls
    assert not any(url.endswith(f"/{hidden.pk}.html") for url in urls)
    assert "http://localhost/bendi/" in urls


def test_sitemap_bad_month_is_404_and_the_old_section_redirects(client, column):
    make_article(column)
    assert client.get("/sitemap-2026-13.xml").status_code == 404
    assert client.get("/sitemap-1999-01.xml").status_code == 404
    assert client.get("/sitemap-9999-12.xml").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404
    old = client.get("/sitemap-articles.xml?p=2")
    assert old.status_code == 301 and old["Location"] == "/sitemap.xml"


def control_characters():
    """What Word/WPS pastes carry. PostgreSQL refuses NUL outright (in text and in jsonb), so
    there a NUL can never be stored and only SQLite rows can hold one."""
    from django.db import connection

    chars = ["\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\ufffe"]
    return chars if connection.vendor == "postgresql" else ["\x00", *chars]


def test_feeds_and_sitemap_survive_control_characters_already_stored(client, home, column):
    """Rows written before the save-side cleaning (or by a bulk import) still hold control
    characters; the feeds and sitemap drop them instead of answering 500."""
    from baoshe.newsroom.models import Article, ColumnPage

    bad = "".join(control_characters())
    with_summary = make_article(column, title="带摘要的稿件")
    body_only = make_article(column, title="只有正文的稿件", summary="")
    Article.objects.filter(pk=with_summary.pk).update(
        title=f"标题{bad}来自WPS", summary=f"核心{bad}提示", authors=f"本报记者{bad}王五"
    )
    Article.objects.filter(pk=body_only.pk).update(
        title=f"正文{bad}稿件",
        body=[{"type": "paragraph", "value": f"<p>正文{bad}第一段</p>", "id": "p1"}],
    )
    ColumnPage.objects.filter(pk=column.pk).update(
        title_prefix=f"前缀{bad}", description=f"栏目{bad}简介"
    )
    stored = Article.objects.values_list("body", flat=True).get(pk=body_only.pk)
    assert bad in stored.raw_data[0]["value"]  # the row really holds them

    for url in ("/rss.xml", f"{column.url}rss.xml"):
        response = client.get(url)
        assert response.status_code == 200, url
        etree.fromstring(response.content)  # well-formed XML 1.0
        text = response.content.decode()
        assert not any(char in text for char in control_characters())
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.get("bozo_exception")
        entries = {entry.link: entry for entry in feed.entries}
        first = entries[f"http://localhost{with_summary.url}"]
        assert first.title == "前缀|标题来自WPS"
        assert first.description == "核心提示"
        assert first.author == "本报记者王五"
        assert entries[f"http://localhost{body_only.url}"].title == "前缀|正文稿件"
        assert entries[f"http://localhost{body_only.url}"].description.startswith("正文")
    assert "栏目简介" in client.get(f"{column.url}rss.xml").content.decode()

    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    for loc in etree.fromstring(index.content).xpath(
        "//sm:sitemap/sm:loc/text()", namespaces=SITEMAP_NS
    ):
        response = client.get(loc.replace("http://localhost", "").replace("http://testserver", ""))
        assert response.status_code == 200
        etree.fromstring(response.content)
