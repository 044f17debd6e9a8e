"""Nothing that is not public reaches a public surface (issue #8, defect 8).

Every public surface (the article page, home, column listings, RSS, the sitemap, the QR code,
the share counter, embedded 通稿 and the 数字报's links to web articles) is checked against
every kind of non-public article: one under a login-restricted column (教育), under an
unpublished column (经济), under a live column whose parent is unpublished, a draft, one
scheduled for later, one past its expiry time that the scheduler has not taken down yet, and
one withdrawn through 撤稿. Each test also checks the control: a public article of the same
paper is there.
"""

import datetime as dt
from urllib.parse import urlsplit

import feedparser
import pytest
from django.test import Client
from django.utils import timezone
from lxml import etree
from wagtail.models import PageViewRestriction, Site

from baoshe.engage.models import ShareTally
from baoshe.newsroom.models import Article
from tests.factories import make_article, make_column

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0"

KINDS = [
    "restricted_column",
    "unpublished_column",
    "unpublished_parent_column",
    "draft",
    "scheduled",
    "expired",
    "withdrawn",
]
# What the hidden article's own address answers.
ARTICLE_PAGE_STATUS = {
    "restricted_column": 302,  # Wagtail's login page first, as on the column itself
    "unpublished_column": 404,
    "unpublished_parent_column": 404,
    "draft": 404,
    "scheduled": 404,
    "expired": 404,
    "withdrawn": 410,  # 撤稿 notice
}
COLUMN_KINDS = {"restricted_column", "unpublished_column", "unpublished_parent_column"}


class Scene:
    """A paper with a public 新闻 column and, below it, the public 本地 column holding the
    control article, and the hidden article of one kind."""

    def __init__(self, home, kind):
        self.kind = kind
        self.news = make_column(home, "新闻", "xinwen")
        self.local = make_column(self.news, "本地", "bendi")
        self.control = make_article(
            self.local, title="公开稿件标题", paragraphs=["公开稿件正文标记。"]
        )
        self.hidden = getattr(self, f"make_{kind}")()
        self.hidden.refresh_from_db()

    def hidden_article(self, column, publish=True, **fields):
        return make_article(
            column,
            title=f"隐藏稿件标题{self.kind}",
            paragraphs=["隐藏稿件正文标记。"],
            publish=publish,
            **fields,
        )

    def make_restricted_column(self):
        self.hidden_column = make_column(self.news, "教育", "jiaoyu")
        PageViewRestriction.objects.create(
            page=self.hidden_column, restriction_type=PageViewRestriction.LOGIN
        )
        return self.hidden_article(self.hidden_column)

    def make_unpublished_column(self):
        self.hidden_column = make_column(self.news, "经济", "jingji")
        article = self.hidden_article(self.hidden_column)
        self.hidden_column.unpublish()
        return article

    def make_unpublished_parent_column(self):
        parent = make_column(self.news, "财经", "caijing")
        self.hidden_column = make_column(parent, "市场", "shichang")
        article = self.hidden_article(self.hidden_column)
        parent.unpublish()
        self.hidden_column.refresh_from_db()
        assert self.hidden_column.live  # Wagtail would still serve it
        return article

    def make_draft(self):
        return self.hidden_article(self.local, publish=False)

    def make_scheduled(self):
        article = self.hidden_article(self.local, publish=False)
        article.go_live_at = timezone.now() + dt.timedelta(days=1)
        article.save_revision().publish()
        article.refresh_from_db()
        assert not article.live
        return article

    def make_expired(self):
        article = self.hidden_article(self.local)
        # Past its end time; the scheduler (every 30 s) has not unpublished it yet.
        Article.objects.filter(pk=article.pk).update(
            expire_at=timezone.now() - dt.timedelta(minutes=1)
        )
        return article

    def make_withdrawn(self):
        from django.contrib.auth import get_user_model

        from baoshe.workflow.models import Withdrawal

        article = self.hidden_article(self.local)
        user = get_user_model().objects.create_superuser("chief-w", "w@example.com", "pw-w-1")
        withdrawal = Withdrawal.objects.create(
            article=article,
            requested_by=user,
            reason="事实有误",
            state=Withdrawal.State.APPROVED,
            approved_by=user,
            decided_at=timezone.now(),
        )
        withdrawal.apply(user)
        return article


def path_of(article) -> str:
    """The article's address, worked out from its column's path (a hidden column has no URL
    Wagtail would hand out)."""
    root = Site.objects.get(is_default_site=True).root_page.url_path
    return "/" + article.column.url_path[len(root) :] + f"{article.pk}.html"


def column_path(column) -> str:
    root = Site.objects.get(is_default_site=True).root_page.url_path
    return "/" + column.url_path[len(root) :]


def feed_titles(response):
    assert response.status_code == 200
    etree.fromstring(response.content)
    return [entry.title for entry in feedparser.parse(response.content).entries]


def sitemap_urls(client) -> list[str]:
    index = etree.fromstring(client.get("/sitemap.xml").content)
    urls = []
    for loc in index.xpath("//sm:sitemap/sm:loc/text()", namespaces=SITEMAP_NS):
        parts = urlsplit(loc)
        response = client.get(parts.path, dict([parts.query.split("=")]) if parts.query else {})
        assert response.status_code == 200
        urls += etree.fromstring(response.content).xpath(
            "//sm:url/sm:loc/text()", namespaces=SITEMAP_NS
        )
    return [urlsplit(url).path for url in urls]


@pytest.fixture(params=KINDS)
def scene(request, home):
    return Scene(home, request.param)


@pytest.fixture(autouse=True)
def fresh_share_marks():
    """The share throttle remembers clients in the (per-process) cache."""
    from django.core.cache import cache

    cache.clear()


# --- the surfaces ---------------------------------------------------------------------------


def test_article_page(scene, client):
    response = client.get(path_of(scene.hidden))
    assert response.status_code == ARTICLE_PAGE_STATUS[scene.kind]
    assert "隐藏稿件正文标记" not in response.content.decode()
    if scene.kind == "restricted_column":
        assert response["Location"].startswith("/_util/login/?next=")  # Wagtail's login
    control = client.get(path_of(scene.control))
    assert control.status_code == 200
    assert "公开稿件正文标记" in control.content.decode()


def test_home_page(scene, client):
    page = client.get("/").content.decode()
    assert scene.hidden.title not in page
    assert path_of(scene.hidden) not in page
    assert scene.control.title in page


def test_column_listings(scene, client):
    for column in (scene.news, scene.local):
        response = client.get(column_path(column))
        assert response.status_code == 200
        page = response.content.decode()
        assert scene.hidden.title not in page
        assert scene.control.title in page
    if scene.kind in COLUMN_KINDS:
        own = client.get(column_path(scene.hidden_column))
        assert own.status_code == (302 if scene.kind == "restricted_column" else 404)
        assert scene.hidden.title not in own.content.decode()
        # nor is the hidden column offered as a sub-column of 新闻
        assert scene.hidden_column.title not in client.get(column_path(scene.news)).content.decode()


def test_site_feed(scene, client):
    titles = feed_titles(client.get("/rss.xml"))
    assert scene.hidden.title not in titles
    assert scene.control.title in titles


def test_column_feeds(scene, client):
    for column in (scene.news, scene.local):
        titles = feed_titles(client.get(f"{column_path(column)}rss.xml"))
        assert scene.hidden.title not in titles
        assert scene.control.title in titles
    if scene.kind in COLUMN_KINDS:
        assert client.get(f"{column_path(scene.hidden_column)}rss.xml").status_code == 404


def test_sitemap(scene, client):
    urls = sitemap_urls(client)
    assert path_of(scene.hidden) not in urls
    assert path_of(scene.control) in urls
    if scene.kind in COLUMN_KINDS:
        assert column_path(scene.hidden_column) not in urls
    assert column_path(scene.local) in urls


def test_qr_code(scene, client):
    assert client.get(f"/engage/qr/{scene.hidden.pk}.png").status_code == 404
    assert client.get(f"/engage/qr/{scene.control.pk}.png").status_code == 200


def test_share_counter(scene):
    reader = Client(HTTP_USER_AGENT=BROWSER, HTTP_ORIGIN="http://testserver")
    assert reader.post(f"/engage/share/{scene.hidden.pk}/weibo/").status_code == 404
    assert not ShareTally.objects.filter(article=scene.hidden).exists()
    assert reader.post(f"/engage/share/{scene.control.pk}/weibo/").json()["counted"] is True


def test_embedded_wire_copy(scene, client):
    embedding = make_article(scene.local, title="引用通稿的稿件", wire_article=scene.hidden)
    page = client.get(path_of(embedding)).content.decode()
    assert "隐藏稿件正文标记" not in page
    assert 'class="wire-copy"' not in page
    quoting = make_article(scene.local, title="引用公开通稿", wire_article=scene.control)
    assert "公开稿件正文标记" in client.get(path_of(quoting)).content.decode()


def test_epaper_links(scene, client):
    from baoshe.epaper import linking
    from baoshe.epaper.models import Issue, PrintArticle, PrintPage, Publication

    day = timezone.localdate()
    candidates = [pk for pk, _ in linking.web_candidates(day)]
    assert scene.hidden.pk not in candidates
    assert scene.control.pk in candidates

    paper = Publication.objects.create(slug="shili", name="示例日报")
    issue = Issue.objects.create(publication=paper, date=day, published=True, number=1)
    page = PrintPage.objects.create(
        issue=issue,
        number="A01",
        name="要闻",
        sort_order=0,
        pdf="epaper/t/A01.pdf",
        image_large="epaper/t/A01.jpg",
        image_screen="epaper/t/A01.webp",
        thumbnail="epaper/t/A01-thumb.webp",
        screen_width=1000,
        screen_height=1429,
        large_width=1800,
        width_pt=992.13,
        height_pt=1417.32,
    )
    for order, web in enumerate((scene.hidden, scene.control)):
        PrintArticle.objects.create(
            page=page, order=order, title=f"版面稿件{order}", body="正文。", web_article=web
        )
    base = f"/epaper/shili/{day.isoformat()}/A01"
    hidden_story = client.get(f"{base}/1/").content.decode()
    assert "阅读网络版" not in hidden_story and path_of(scene.hidden) not in hidden_story
    control_story = client.get(f"{base}/2/").content.decode()
    assert f'href="{path_of(scene.control)}"' in control_story


# --- what visibility does not take away -------------------------------------------------------


def test_restricted_column_is_readable_by_readers_it_lets_in(
    home, column, client, django_user_model
):
    members = make_column(home, "教育", "jiaoyu")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    article = make_article(members, title="会员稿件", paragraphs=["会员稿件正文标记。"])
    public = make_article(column, title="公开稿件")
    assert client.get(column_path(members)).status_code == 302
    assert client.get(path_of(article)).status_code == 302

    client.force_login(django_user_model.objects.create_user("r", "r@example.com", "pw-r-1"))
    listing = client.get(column_path(members))
    assert listing.status_code == 200
    assert article.title in listing.content.decode()
    response = client.get(path_of(article))
    assert response.status_code == 200
    page = response.content.decode()
    assert "会员稿件正文标记" in page
    assert "no-cache" in response["Cache-Control"]
    # No QR code or share counter: those are for articles anyone may read.
    assert "data-share-url" not in page and f"/engage/qr/{article.pk}.png" not in page
    assert "data-share-url" in client.get(path_of(public)).content.decode()
    # The public surfaces stay public, whoever is signed in.
    assert article.title not in client.get("/").content.decode()
    assert article.title not in feed_titles(client.get("/rss.xml"))
    assert client.get(f"{column_path(members)}rss.xml").status_code == 404
    assert client.get(f"/engage/qr/{article.pk}.png").status_code == 404


def test_column_visibility_is_computed_once_per_request(home, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    news = make_column(home, "新闻", "xinwen")
    for slug in ("a", "b", "c", "d"):
        make_article(make_column(news, f"子栏目{slug}", f"sub-{slug}"))
    client.get("/")  # warm Wagtail's site and settings caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    restriction_reads = [
        q["sql"] for q in queries.captured_queries if "pageviewrestriction" in q["sql"].lower()
    ]
    # One by Wagtail's own check of the home page's restrictions, one for every column at
    # once; not one per list the page shows.
    assert len(restriction_reads) == 2, restriction_reads
    assert len(queries.captured_queries) <= 20


def test_password_restricted_column_asks_for_the_password_first(home, client):
    members = make_column(home, "内参", "neican")
    restriction = PageViewRestriction.objects.create(
        page=members, restriction_type=PageViewRestriction.PASSWORD, password="kouling-2026"
    )
    article = make_article(members, title="内参稿件", paragraphs=["内参正文标记。"])
    asked = client.get(path_of(article))
    page = asked.content.decode()
    assert "内参正文标记" not in page
    assert 'name="password"' in page
    assert "no-cache" in asked["Cache-Control"]
    action = f"/_util/authenticate_with_password/{restriction.pk}/{members.pk}/"
    assert f'action="{action}"' in page
    answered = client.post(action, {"password": "kouling-2026", "return_url": path_of(article)})
    assert answered.status_code == 302 and answered["Location"] == path_of(article)
    assert "内参正文标记" in client.get(path_of(article)).content.decode()
    assert client.get(f"/engage/qr/{article.pk}.png").status_code == 404
