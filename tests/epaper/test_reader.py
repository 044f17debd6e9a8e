"""The 数字报 reader: index, issue, page, article, calendar, and bad URLs answering 404."""

import datetime as dt

import pytest
from django.test import Client

from baoshe.epaper.models import Issue, PrintArticle, PrintPage, Publication

DAY = dt.date(2026, 3, 2)


def make_issue(publication, date, published=True, pages=("A01", "A02"), number=100):
    issue = Issue.objects.create(
        publication=publication, date=date, published=published, number=number
    )
    for i, page_number in enumerate(pages):
        page = PrintPage.objects.create(
            issue=issue,
            number=page_number,
            name=["要闻", "城事", "经济"][i % 3],
            sort_order=i,
            pdf=f"epaper/t/{date}/{page_number}.pdf",
            image_large=f"epaper/t/{date}/{page_number}.jpg",
            image_screen=f"epaper/t/{date}/{page_number}.webp",
            thumbnail=f"epaper/t/{date}/{page_number}-thumb.webp",
            screen_width=1000,
            screen_height=1429,
            large_width=1800,
            width_pt=992.13,
            height_pt=1417.32,
        )
        for k in range(3):
            y = 200 + k * 300
            PrintArticle.objects.create(
                page=page,
                order=k,
                kicker="引题" if k == 0 else "",
                title=f"{date:%m%d}第{page_number}版稿件{k + 1}",
                subtitle="副题文字" if k == 0 else "",
                byline="本报记者 测试",
                body="第一段正文。\n第二段正文。",
                hotspots=[[[40, y], [950, y], [950, y + 280], [40, y + 280]]],
                continuations=[{"direction": "to", "page": "A02"}]
                if (page_number, k) == ("A01", 2)
                else [{"direction": "from", "page": "A01"}]
                if (page_number, k) == ("A02", 0)
                else [],
            )
    return issue


@pytest.fixture
def paper(db):
    return Publication.objects.create(slug="shili", name="示例日报")


@pytest.fixture
def issues(paper):
    return [
        make_issue(paper, DAY - dt.timedelta(days=1), number=99),
        make_issue(paper, DAY, number=100),
        make_issue(paper, DAY + dt.timedelta(days=1), published=False, number=101),
    ]


def test_no_issue_shows_friendly_page(db, client):
    response = client.get("/epaper/")
    assert response.status_code == 200
    assert "暂无数字报" in response.content.decode()


def test_index_shows_latest_published_issue_first_page(issues, client):
    html = client.get("/epaper/").content.decode()
    assert "2026年3月2日" in html and "第100期" in html
    assert "第A01版" in html and "0302第A01版稿件1" in html
    assert client.get("/epaper/shili/").content.decode().count("0302第A01版稿件1") >= 2


def test_page_view_has_image_hotspots_navigation_and_stays_light(issues, client):
    response = client.get("/epaper/shili/2026-03-02/A01/")
    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) < 60 * 1024
    media = "/epaper/media/epaper/t/2026-03-02/A01"  # the permission-checked media view
    assert f'srcset="{media}.webp 1000w, {media}.jpg 1800w"' in html
    assert 'viewBox="0 0 992.13 1417.32"' in html
    assert html.count("<polygon") == 3
    assert 'aria-label="0302第A01版稿件2"' in html
    assert 'href="/epaper/shili/2026-03-02/A01/2/"' in html
    assert html.count("-thumb.webp") == 2
    assert 'rel="next" href="/epaper/shili/2026-03-02/A02/"' in html  # next page
    assert 'href="/epaper/shili/2026-03-01/"' in html  # previous issue
    assert "下一期" in html and "/epaper/shili/2026-03-03/" not in html  # unpublished
    assert 'href="/epaper/media/epaper/t/2026-03-02/A01.pdf" download' in html
    assert 'aria-current="date"' in html  # today in the calendar


def test_issue_url_shows_first_page(issues, client):
    html = client.get("/epaper/shili/2026-03-01/").content.decode()
    assert "0301第A01版稿件1" in html and 'rel="next" href="/epaper/shili/2026-03-02/"' in html


def test_page_numbers_are_case_insensitive(issues, client):
    assert client.get("/epaper/shili/2026-03-02/a02/").status_code == 200


def test_article_view(issues, client):
    html = client.get("/epaper/shili/2026-03-02/A01/1/").content.decode()
    assert '<p class="kicker">引题</p>' in html
    assert '<h1 class="story__title">0302第A01版稿件1</h1>' in html
    assert "——副题文字" in html and "本报记者 测试" in html
    assert "<p>第二段正文。</p>" in html
    assert "ep-minimap" in html and "<polygon" in html
    assert 'rel="next" href="/epaper/shili/2026-03-02/A01/2/"' in html
    assert "阅读网络版" not in html


def test_continuations_link_both_ways(issues, client):
    html = client.get("/epaper/shili/2026-03-02/A01/3/").content.decode()
    assert 'href="/epaper/shili/2026-03-02/A02/1/">（下转第A02版）' in html
    html = client.get("/epaper/shili/2026-03-02/A02/1/").content.decode()
    assert 'href="/epaper/shili/2026-03-02/A01/3/">（上接第A01版）' in html


def test_unpublished_issue_only_for_staff(issues, admin_client):
    assert Client().get("/epaper/shili/2026-03-03/A01/").status_code == 404
    response = admin_client.get("/epaper/shili/2026-03-03/A01/")
    assert response.status_code == 200 and "未发布（预览）" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/epaper/nosuch/",
        "/epaper/nosuch/2026-03-02/",
        "/epaper/shili/2026-13-45/",
        "/epaper/shili/2026-02-30/A01/",
        "/epaper/shili/20260302/",
        "/epaper/shili/yesterday/A01/",
        "/epaper/shili/2026-03-05/",
        "/epaper/shili/2026-03-02/A09/",
        "/epaper/shili/2026-03-02/版面/",
        "/epaper/shili/2026-03-02/A0000001/",
        "/epaper/shili/2026-03-02/A01/0/",
        "/epaper/shili/2026-03-02/A01/4/",
        "/epaper/shili/2026-03-02/A01/-1/",
        "/epaper/shili/2026-03-02/A01/" + "9" * 400 + "/",
        "/epaper/shili/" + "9" * 300 + "-01-01/",
        "/epaper/shili/2026-03-02/A01/1/extra/",
    ],
)
def test_bad_urls_answer_styled_404(issues, client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "页面未找到" in response.content.decode()


def test_model_helpers(issues):
    article = PrintArticle.objects.get(page__issue__date=DAY, page__number="A01", order=1)
    assert article.get_absolute_url() == "/epaper/shili/2026-03-02/A01/2/"
    assert article.bbox() == [40, 500, 950, 780]
    assert article.paragraphs == ["第一段正文。", "第二段正文。"]
    assert str(article.page) == "第A01版 要闻"
    assert str(issues[1]) == "示例日报 2026-03-02" and issues[1].page_count == 2
    assert str(PrintArticle(order=4)) == "第5篇（无标题）"
