"""A reader opens the home page, a column, an article: what each must show."""

import json
import re
from urllib.parse import quote

from lxml import html as lxml_html

from baoshe.core.models import FriendLink
from baoshe.newsroom.models import Article
from tests.factories import hours_ago, make_article, make_column, paper_settings


def parse(response):
    return lxml_html.fromstring(response.content.decode())


def texts(tree, xpath):
    return [" ".join(node.text_content().split()) for node in tree.xpath(xpath)]


def test_home_shows_masthead_columns_headline_and_epaper_link(client, column, prefixed_column):
    lead = make_article(prefixed_column, title="头条稿件", featured=True)
    make_article(column, title="本地新闻一则")
    response = client.get("/")
    assert response.status_code == 200
    tree = parse(response)
    assert "示例日报" in texts(tree, "//header[@class='masthead']")[0]
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日 星期[一二三四五六日]", response.content.decode())
    assert texts(tree, "//nav[@class='colnav']//a")[1:] == ["本地", "要闻"]
    assert texts(tree, "//h2[@class='lead-story__title']") == [lead.display_title]
    assert tree.xpath("//a[contains(@class,'epaper-link') and @href='/epaper/']")
    assert "本地新闻一则" in texts(tree, "//section[@class='column-box']//li")


def test_column_lists_own_and_sub_column_articles_newest_first(client, column):
    sub = make_column(column, "江北", "jiangbei")
    older = make_article(column, title="较早的稿件", published_at=hours_ago(5))
    newer = make_article(sub, title="子栏目新稿", published_at=hours_ago(1))
    draft = make_article(column, title="未发布草稿", publish=False)
    response = client.get(column.url)
    titles = texts(parse(response), "//ol[contains(@class,'article-list--full')]//a")
    assert titles == [newer.title, older.title]
    assert draft.title not in response.content.decode()


def test_column_pages_paginate(client, column):
    for hour in range(25):
        make_article(column, title=f"分页稿件{hour:02d}", published_at=hours_ago(hour + 1))
    first = parse(client.get(column.url))
    second = parse(client.get(column.url + "?page=2"))
    assert len(first.xpath("//ol[contains(@class,'article-list--full')]/li")) == 20
    assert texts(second, "//ol[contains(@class,'article-list--full')]//a") == [
        f"分页稿件{hour:02d}" for hour in range(20, 25)
    ]
    nav = texts(second, "//nav[@class='pagination']")[0]
    assert "较新" in nav and "较早" not in nav


def reference_article(column):
    return make_article(
        column,
        title="两市签署友好合作协议",
        kicker="视频连线 共商合作",
        subtitle="三项合作同步启动",
        summary="11月23日，两市市长视频连线，签署友好合作协议。",
        authors="本报记者 王小明",
        editor="陈静",
        wire_headline="示例市与友城签署合作协议",
        wire_agency="示例通讯社",
        wire_dateline="示例通讯社示例市11月23日电",
        wire_body="示例市市长23日与友城市长视频连线。\n双方同意在三个领域合作。",
        tags=None,
    )


def test_article_page_shows_every_element_in_reference_order(client, prefixed_column):
    paper = paper_settings()
    paper.icp_number = "示ICP备00000000号"
    paper.licences = [("licence", {"name": "网络出版服务许可证", "number": "000", "url": ""})]
    paper.save()
    FriendLink.objects.create(settings=paper, name="示例市政府", url="https://example.gov.cn/")
    article = reference_article(prefixed_column)
    response = client.get(article.url)
    assert response.status_code == 200
    page = response.content.decode()
    page = page[page.index("<main") :]
    canonical = f"http://localhost{article.url}"
    markers = [
        'class="epaper-link" href="/epaper/"',
        "视频连线 共商合作",
        "第一报道|两市签署友好合作协议",
        "——三项合作同步启动",
        "来源：示例日报",
        "作者：本报记者 王小明",
        "编辑：陈静",
        "分享到",
        "微信",
        f"service.weibo.com/share/share.php?url={quote(canonical, safe='')}",
        f"x.com/intent/tweet?url={quote(canonical, safe='')}",
        'class="share-count"></span>',
        "核心提示：",
        "第一段",
        "更多内容，请读通稿：",
        "示例市与友城签署合作协议",
        "示例通讯社示例市11月23日电",
        "双方同意在三个领域合作。",
        "原创稿件",
        "版权与免责声明",
        "关于我们" if paper.about_page else "友情链接",
        "示ICP备00000000号",
        "网络出版服务许可证",
        "Powered by",
    ]
    positions = [page.find(marker) for marker in markers]
    missing = [m for m, p in zip(markers, positions, strict=True) if p < 0]
    assert not missing, f"missing on the article page: {missing}"
    assert positions == sorted(positions), "elements are out of the reference page's order"


def test_article_page_metadata(client, prefixed_column):
    article = reference_article(prefixed_column)
    tree = parse(client.get(article.url))
    canonical = tree.xpath("//link[@rel='canonical']/@href")[0]
    assert canonical == f"http://localhost{article.url}"
    assert tree.xpath("//title")[0].text_content().startswith("第一报道|两市签署友好合作协议")
    assert tree.xpath("//meta[@name='description']/@content") == [article.summary]
    assert tree.xpath("//meta[@property='og:url']/@content") == [canonical]
    assert tree.xpath("//meta[@property='og:title']/@content") == [article.display_title]
    data = json.loads(tree.xpath("//script[@type='application/ld+json']")[0].text)
    assert data["@type"] == "NewsArticle"
    assert data["mainEntityOfPage"] == canonical
    assert data["headline"] == article.display_title
    assert data["datePublished"].startswith(str(article.first_published_at.year))


def test_reprint_says_so_with_source_title_author_and_link(client, column):
    article = make_article(
        column,
        origin=Article.Origin.REPRINT,
        reprint_source="示例晚报",
        reprint_title="原来的标题",
        reprint_author="李四",
        reprint_url="https://example.com/news/1",
        source="示例晚报",
    )
    tree = parse(client.get(article.url))
    notice = texts(tree, "//aside[@class='reprint-notice']")[0]
    for part in ("转载", "示例晚报", "李四", "《原来的标题》", "原文链接"):
        assert part in notice
    assert tree.xpath("//aside[@class='reprint-notice']//a/@href") == ["https://example.com/news/1"]
    assert "来源：示例晚报" in texts(tree, "//p[@class='byline']")[0]


def test_unpublished_article_is_not_found(client, column):
    article = make_article(column, publish=False)
    assert client.get(f"{column.url}{article.pk}.html").status_code == 404


def test_article_moved_to_another_column_redirects(client, column, prefixed_column, article):
    old_url = article.url
    article.column = prefixed_column
    article.save_revision().publish()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == f"{prefixed_column.url}{article.pk}.html"


def test_footer_links_and_statement_come_from_site_settings(client, article):
    paper = paper_settings()
    paper.copyright_statement = "<ol><li>第一条：本站自定义条款。</li></ol>"
    paper.contact_line = "联系人：测试（电话：0000-1234567）"
    paper.save()
    page = client.get(article.url).content.decode()
    assert "第一条：本站自定义条款。" in page
    assert "联系人：测试" in page


def test_styled_404_for_unknown_page(client, home):
    response = client.get("/no-such-column/")
    assert response.status_code == 404
    assert "页面未找到" in response.content.decode()
    assert "示例日报" in response.content.decode()
