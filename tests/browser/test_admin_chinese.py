"""Each role's working screens in a real browser hold no English word.

What the browser shows after Wagtail's scripts have run (the sidebar, the StreamField editor,
the side panels' buttons, the status line) is what counts: ``inner_text`` of the page, which
leaves out what is hidden. tests/core/test_admin_chinese.py checks the server's HTML for the
same screens and more; this one catches what only scripts put on screen.
"""

import pytest
from django.contrib.auth.models import Group

from baoshe.epaper.models import Publication
from baoshe.workflow import roles
from baoshe_demo.newsroom.loader import ensure_home
from tests.browser.pages import admin_login
from tests.english import english_in
from tests.factories import make_column, paper_settings
from tests.security.conftest import submit, write_article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def newsroom(django_user_model):
    column = make_column(ensure_home(), "本地", "bendi")
    roles.ensure_workflow()
    Publication.objects.get_or_create(slug="shili", defaults={"name": "示例日报"})
    users = {}
    for number, role in enumerate(roles.ALL_ROLES):
        username = f"role{number}"
        user = django_user_model.objects.create_user(
            username, password=f"pw-{username}-1", first_name=role
        )
        user.groups.add(Group.objects.get(name=role))
        users[role] = user
    article = submit(
        write_article(column, users[roles.REPORTER], title="江北新区图书馆周末开放夜读"),
        users[roles.REPORTER],
    )
    return users, article


def screens(role, article):
    found = {
        "dashboard": "/admin/",
        "article list": "/admin/snippets/newsroom/article/",
        "article editor": f"/admin/snippets/newsroom/article/edit/{article.pk}/",
        "new article": "/admin/snippets/newsroom/article/add/",
        "审核": f"/admin/workflow/article/{article.pk}/",
        "e-paper admin": "/admin/epaper/",
    }
    if role == roles.ADMIN:
        found["settings"] = f"/admin/settings/core/sitesettings/{paper_settings().site_id}/"
    return found


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_every_screen_of_the_role_shows_only_chinese(browser, live_server, newsroom, role):
    users, article = newsroom
    user = users[role]
    page = browser.new_page(locale="zh-CN")
    admin_login(page, live_server, user.username, f"pw-{user.username}-1")
    opened, english = [], {}
    for screen, url in screens(role, article).items():
        response = page.goto(live_server.url + url)
        landed = page.url.removeprefix(live_server.url)
        if response.status == 403 or not landed.startswith(url):
            continue  # not this role's screen (refused, or sent back to the dashboard)
        assert response.status == 200, (screen, response.status)
        page.wait_for_load_state("networkidle")
        opened.append(screen)
        words = english_in(page.locator("body").inner_text())
        if words:
            english[screen] = words
    page.close()
    if role == roles.LAYOUT_EDITOR:  # the 数字报 only
        assert {"dashboard", "e-paper admin"} <= set(opened), opened
    else:
        assert {"dashboard", "article list", "审核"} <= set(opened), opened
    if role == roles.ADMIN:
        assert {"settings", "e-paper admin", "new article"} <= set(opened), opened
    assert not english, f"English on {role}'s screens:\n" + "\n".join(
        f"  {screen}: {word!r} in {where!r}"
        for screen, words in english.items()
        for word, where in sorted(words.items())
    )
