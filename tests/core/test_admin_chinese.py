"""The Wagtail admin speaks Chinese to every role (docs/i18n.md, "Overrides").

Each role's user opens the screens of a working day (the dashboard, the 稿件 list, a 稿件's
editor, the 数字报 admin, the paper's settings) and the text a reader of the page sees must hold
no English word: Wagtail's strings its own zh_Hans catalogue leaves in English are translated in
baoshe/locale. Scripts, styles and attributes are not read; the sidebar, which Wagtail's script
draws from a JSON island, is read from that island's labels.
"""

import json
import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.english import ALLOWED, ENGLISH
from tests.factories import article_form, make_article, paper_settings

pytestmark = pytest.mark.django_db

#: role → its user's login and name (the groups are the ones the roles migration makes)
ROLES = {
    "记者": ("reporter", "王记者"),
    "编辑": ("editor1", "李编辑"),
    "部门主任/值班主任": ("director", "赵主任"),
    "总编辑": ("chief", "陈总编"),
    "校对": ("proofreader", "孙校对"),
    "管理员": ("manager", "周管理员"),
}

SKIPPED_TAGS = {"script", "style", "template", "svg", "noscript"}


class _VisibleText(HTMLParser):
    """The text nodes a browser shows, and the labels of the JSON islands scripts render."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping = []
        self.json = None
        self.text = []
        self.labels = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS:
            self.skipping.append(tag)
            if tag == "script" and dict(attrs).get("type") == "application/json":
                self.json = []

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
            if tag == "script" and self.json is not None:
                self._labels(json.loads("".join(self.json) or "null"))
                self.json = None

    def handle_data(self, data):
        if self.json is not None:
            self.json.append(data)
        elif not self.skipping:
            self.text.append(data)

    @classmethod
    def of(cls, html):
        parser = cls()
        parser.feed(html)
        return parser.text + parser.labels

    def _labels(self, value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "label" and isinstance(item, str):
                    self.labels.append(item)
                else:
                    self._labels(item)
        elif isinstance(value, list):
            for item in value:
                self._labels(item)


def english_words(html):
    found = {}
    for chunk in _VisibleText.of(html):
        for word in ENGLISH.findall(chunk):
            if word not in ALLOWED:
                found.setdefault(word, " ".join(chunk.split())[:80])
    return found


@pytest.fixture
def role_users(db, django_user_model):
    from wagtail.models import Workflow

    from baoshe.workflow.roles import ALL_ROLES, WORKFLOW_NAME, ensure_workflow

    # The migrations made them; a live-server test elsewhere may have flushed the database.
    if (
        Group.objects.filter(name__in=ALL_ROLES).count() < len(ALL_ROLES)
        or not Workflow.objects.filter(name=WORKFLOW_NAME).exists()
    ):
        ensure_workflow()
    users = {}
    for role, (username, name) in ROLES.items():
        user = django_user_model.objects.create_user(
            username, f"{username}@example.com", f"pw-{username}-1", first_name=name
        )
        user.groups.add(Group.objects.get(name=role))
        users[role] = user
    return users


@pytest.fixture
def draft(column, role_users):
    """A 稿件 the 记者 wrote and has not submitted."""
    article = make_article(column, title="江北新区图书馆周末开放夜读", publish=False)
    article.latest_revision.user = role_users["记者"]
    article.latest_revision.save()
    return article


@pytest.fixture
def own_article(draft, role_users):
    """The 记者's 稿件 submitted to 三审三校: in the 记者's workflow panel, in the 编辑's tasks,
    in everyone's list and, where a role may, in its editor."""
    draft.get_default_workflow().start(draft, role_users["记者"])
    draft.refresh_from_db()
    return draft


def _screens(role, article):
    screens = {
        "dashboard": "/admin/",
        "article list": "/admin/snippets/newsroom/article/",
        "article editor": f"/admin/snippets/newsroom/article/edit/{article.pk}/",
        "article history": f"/admin/snippets/newsroom/article/history/{article.pk}/",
        "new article": "/admin/snippets/newsroom/article/add/",
        "account": "/admin/account/",
        "e-paper admin": "/admin/epaper/",
    }
    if role == "管理员":
        screens["settings"] = f"/admin/settings/core/sitesettings/{paper_settings().site_id}/"
    return screens


@pytest.mark.parametrize("role", list(ROLES))
def test_every_screen_of_a_role_is_in_chinese(role, role_users, own_article, client):
    client.force_login(role_users[role])
    english = {}
    opened = []
    for screen, url in _screens(role, own_article).items():
        response = client.get(url)
        if response.status_code in (302, 403):
            continue  # not this role's screen
        assert response.status_code == 200, (screen, response.status_code)
        opened.append(screen)
        for word, where in english_words(response.content.decode()).items():
            english.setdefault(screen, {})[word] = where
    assert {"dashboard", "article list"} <= set(opened)
    assert not english, f"English on {role}'s screens:\n" + "\n".join(
        f"  {screen}: {word!r} in {where!r}"
        for screen, words in english.items()
        for word, where in sorted(words.items())
    )


def test_admin_lists_print_absolute_dates(role_users, column, client):
    """A listing prints 2026-11-17 14:03 (the paper's time zone), not "1 周，3 日之前"."""
    published = timezone.now() - timezone.timedelta(days=10, hours=3)
    make_article(column, title="十天前的稿件", published_at=published)
    client.force_login(role_users["管理员"])
    html = client.get("/admin/snippets/newsroom/article/").content.decode()
    local = timezone.localtime(published)
    assert local.strftime("%Y-%m-%d %H:%M") in html
    text = " ".join(_VisibleText.of(html))
    assert "之前" not in text and " ago" not in text


def test_admin_loads_no_avatar_from_gravatar(role_users, draft, client):
    """gravatar.com is blocked in mainland China: an avatar is the photo a user uploaded, else
    their initials (baoshe/core/wagtail_hooks.py)."""
    client.force_login(role_users["编辑"])
    for url in (
        "/admin/",
        "/admin/account/",
        f"/admin/snippets/newsroom/article/edit/{draft.pk}/",
        f"/admin/snippets/newsroom/article/history/{draft.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "gravatar" not in html.lower(), url
    # No photo uploaded: the initials, drawn in place (王小明 → 小明).
    assert "data:image/svg+xml," in html
    assert quote(">编辑<") in html


def test_flash_messages_are_chinese_with_chinese_quotes(role_users, column, client):
    """After 提交, the message reads 稿件“标题”已创建并提交审核。 (Wagtail's English, and its
    shipped translations' ASCII quotes around a title, are overridden)."""
    title = "江北新区图书馆周末开放夜读"
    form = article_form(column, title=title, paragraphs=("第二段补充细节。",))
    client.force_login(role_users["记者"])
    response = client.post(
        "/admin/snippets/newsroom/article/add/", {**form, "action-submit": "submit"}, follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any(f"“{title}”" in m and "提交审核" in m for m in messages), messages
    for message in messages:
        assert not english_words(f"<p>{message}</p>"), message


def test_admin_scripts_get_the_overrides_too(role_users, client):
    """The editor's script strings ("Insert a block", the help menu's "(2 new items in this
    menu)") come from Wagtail's JavaScript catalogue, which baoshe/locale's djangojs.po joins."""
    client.force_login(role_users["记者"])
    script = client.get("/admin/jsi18n/").content.decode()
    for chinese in ("插入区块", "修改已自动保存。", "（此菜单中有 %(number)s 个新项目）"):
        assert chinese in script or json.dumps(chinese)[1:-1] in script, chinese


def test_links_to_wagtails_english_pages_only_for_superusers(role_users, client, django_user_model):
    """The editor guide and release notes are English web pages: the dashboard and the help
    menu offer them to superusers only; nobody gets the "what's new" banner."""
    client.force_login(role_users["编辑"])
    html = client.get("/admin/").content.decode()
    assert "wagtail.org" not in html
    root = django_user_model.objects.create_superuser("root", "root@example.com", "pw-root-1")
    client.force_login(root)
    html = client.get("/admin/").content.decode()
    assert "guide.wagtail.org" in html
    assert "w-whats-new" not in html


def test_tabs_and_dashboard_carry_the_papers_name(role_users, client):
    paper = paper_settings()
    paper.paper_name = "江北日报"
    paper.save()
    client.force_login(role_users["记者"])
    html = client.get("/admin/snippets/newsroom/article/").content.decode()
    title = " ".join(re.search(r"<title>(.*?)</title>", html, re.S).group(1).split())
    assert title.endswith("- 江北日报 · 后台") and "Wagtail" not in title, title
    html = client.get("/admin/").content.decode()
    assert re.search(r"<h1[^>]*>\s*江北日报\s*</h1>", html)


def test_the_page_trees_root_has_a_chinese_name(db):
    """The migration renames Wagtail's untouched "Root" (the explorer shows it: 浏览：全部站点)."""
    from importlib import import_module

    from django.apps import apps
    from wagtail.models import Locale, Page

    migration = import_module("baoshe.core.migrations.0003_root_page_title")
    root = Page.get_first_root_node() or Page.add_root(
        title="Root", slug="root", locale=Locale.get_default()
    )
    Page.objects.filter(pk=root.pk).update(title="Root")
    migration.rename_root(apps, None)
    assert Page.objects.get(pk=root.pk).title == "全部站点"
