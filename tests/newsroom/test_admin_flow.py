"""An editor writes, publishes, fixes and withdraws articles in the Wagtail admin."""

import feedparser
from django.utils import timezone

from baoshe.newsroom.models import Article
from tests import factories

ADD_URL = "/admin/snippets/newsroom/article/add/"


def article_form(column, **overrides):
    fields = {"summary": "这是一篇在后台写成并发布的稿件。", "tags": "测试", "editor": "钱七"}
    return factories.article_form(column, **{**fields, **overrides})


def test_admin_is_in_simplified_chinese(admin_client, home):
    page = admin_client.get("/admin/").content.decode()
    assert 'lang="zh-hans"' in page
    assert "控制面板" in page  # the dashboard, in Chinese
    assert '"label": "\\u7a3f\\u4ef6"' in page  # the 稿件 menu entry, JSON-escaped in the sidebar


def test_editor_publishes_and_article_appears_everywhere(admin_client, client, column):
    response = admin_client.post(ADD_URL, {**article_form(column), "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(title="编辑部新写的稿件")
    assert article.live and article.first_published_at is not None
    assert article.revisions.count() == 1

    assert article.title in client.get("/").content.decode()
    assert article.title in client.get(column.url).content.decode()
    assert article.title in [
        e.title for e in feedparser.parse(client.get("/rss.xml").content).entries
    ]
    month = f"/sitemap-{timezone.localtime(article.first_published_at):%Y-%m}.xml"
    assert f"http://localhost{article.url}" in client.get(month).content.decode()
    assert f"http://localhost{article.url}" in client.get("/sitemap-news.xml").content.decode()
    page = client.get(article.url).content.decode()
    assert "后台写作的正文。" in page and "作者：本报记者 赵六" in page


def test_saving_a_draft_does_not_publish(admin_client, client, column):
    response = admin_client.post(ADD_URL, article_form(column, title="只存草稿"))
    assert response.status_code == 302
    article = Article.objects.get(title="只存草稿")
    assert not article.live
    assert "只存草稿" not in client.get(column.url).content.decode()


def test_missing_title_and_column_are_refused_with_messages(admin_client, column):
    response = admin_client.post(ADD_URL, article_form(None, title=""))
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"title", "column"}
    page = response.content.decode()
    assert "请填写标题。" in page
    assert "请选择栏目：每篇稿件必须归属一个栏目。" in page
    assert not Article.objects.exists()


def test_reprint_without_source_is_refused(admin_client, column):
    response = admin_client.post(ADD_URL, article_form(column, origin="reprint"))
    assert response.status_code == 200
    assert "转载稿件必须注明转载来源。" in response.content.decode()
    assert not Article.objects.exists()


def test_failed_publish_leaves_the_live_version_as_it_was(admin_client, client, column):
    admin_client.post(ADD_URL, {**article_form(column), "action-publish": "publish"})
    article = Article.objects.get()
    edit_url = f"/admin/snippets/newsroom/article/edit/{article.pk}/"
    response = admin_client.post(
        edit_url,
        {**article_form(column, title="", summary="改坏的版本"), "action-publish": "publish"},
    )
    assert response.status_code == 200
    page = client.get(article.url).content.decode()
    assert "编辑部新写的稿件" in page
    assert "改坏的版本" not in page
    article.refresh_from_db()
    assert article.live and article.revisions.count() == 1


def test_editing_a_live_article_as_draft_keeps_the_live_text(admin_client, client, column):
    admin_client.post(ADD_URL, {**article_form(column), "action-publish": "publish"})
    article = Article.objects.get()
    admin_client.post(
        f"/admin/snippets/newsroom/article/edit/{article.pk}/",
        article_form(column, title="尚未发布的修改"),
    )
    article.refresh_from_db()
    assert article.has_unpublished_changes
    page = client.get(article.url).content.decode()
    assert "编辑部新写的稿件" in page and "尚未发布的修改" not in page


def test_unpublishing_removes_the_article_from_every_list(admin_client, client, column):
    admin_client.post(ADD_URL, {**article_form(column), "action-publish": "publish"})
    article = Article.objects.get()
    url = article.url
    response = admin_client.post(f"/admin/snippets/newsroom/article/unpublish/{article.pk}/")
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.live
    assert client.get(url).status_code == 404
    assert article.title not in client.get(column.url).content.decode()
    assert article.title not in client.get("/rss.xml").content.decode()
    assert url not in client.get("/sitemap-news.xml").content.decode()
    month = f"/sitemap-{timezone.localtime(article.first_published_at):%Y-%m}.xml"
    assert url not in client.get(month).content.decode()


def test_preview_renders_the_reader_template(admin_client, column):
    admin_client.post(ADD_URL, {**article_form(column), "action-publish": "publish"})
    article = Article.objects.get()
    preview_url = f"/admin/snippets/newsroom/article/preview/{article.pk}/"
    response = admin_client.post(preview_url, article_form(column, title="预览中的标题"))
    assert response.json()["is_valid"] is True
    page = admin_client.get(preview_url).content.decode()
    assert "预览中的标题" in page and "核心提示" in page


def test_editor_finds_an_article_by_part_of_its_title(admin_client, column):
    from tests.factories import make_article

    wanted = make_article(column, title="示江大桥夜间施工通告")
    other = make_article(column, title="南湖公园菊花展开幕")
    response = admin_client.get("/admin/snippets/newsroom/article/?q=大桥")
    page = response.content.decode()
    assert wanted.title in page and other.title not in page
