"""Each role's admin menu in a real browser: it holds exactly what the role works with, and
every item opens (200) without a permission-denied page or a redirect to the dashboard."""

import pytest
from django.contrib.auth.models import Group

from baoshe.workflow import roles
from baoshe_demo.newsroom.loader import ensure_home
from tests.browser.pages import admin_login
from tests.factories import make_column

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

ARTICLES = "/admin/snippets/newsroom/article/"
ACCOUNT = "/admin/account/"
PROOFREAD_LISTS = [
    "/admin/snippets/proofread/wordlist/",
    "/admin/snippets/proofread/nameentry/",
    "/admin/snippets/proofread/correctionrule/",
]
#: role → the menu's links (paths), in menu order; help links and external pages left out
EXPECTED = {
    roles.REPORTER: [ARTICLES, ACCOUNT],
    roles.EDITOR: [ARTICLES, ACCOUNT],
    roles.DIRECTOR: [ARTICLES, ACCOUNT],
    roles.PROOFREADER: [ARTICLES, ACCOUNT],
    roles.CHIEF: [ARTICLES, "/admin/epaper/", ACCOUNT],
    roles.LAYOUT_EDITOR: ["/admin/epaper/", ACCOUNT],
    roles.ADMIN: [
        "/admin/pages/",
        ARTICLES,
        *PROOFREAD_LISTS,
        "/admin/proofread/wordlists/import/",
        "/admin/settings/proofread/proofreadsettings/",
        "/admin/epaper/",
        "/admin/epaper_publications/",
        "/admin/images/",
        "/admin/reports/locked/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/site-history/",
        "/admin/reports/aging-pages/",
        "/admin/reports/page-types-usage/",
        "/admin/users/",
        "/admin/settings/core/sitesettings/",
        "/admin/settings/proofread/proofreadsettings/",
        ACCOUNT,
    ],
}
LINK_TYPES = {"wagtail.sidebar.LinkMenuItem", "wagtail.sidebar.PageExplorerMenuItem"}
REFUSED_TEXTS = ("没有权限", "permission")


def menu_links(node, found):
    """The sidebar's links, from the props Wagtail renders for its React sidebar."""
    if isinstance(node, dict):
        if node.get("_type") in LINK_TYPES:
            found.append((node["_args"][0]["label"], node["_args"][0]["url"]))
            return found
        for value in node.values():
            menu_links(value, found)
    elif isinstance(node, list):
        for value in node:
            menu_links(value, found)
    return found


@pytest.fixture
def people(django_user_model):
    # after a flush (transactional tests) the page tree comes first: 管理员's page
    # permissions are granted on its root
    make_column(ensure_home(), "本地", "bendi")
    roles.ensure_workflow()
    users = {}
    for number, role in enumerate(roles.ALL_ROLES):
        username = f"role{number}"
        user = django_user_model.objects.create_user(username, password=f"pw-{username}-1")
        user.groups.add(Group.objects.get(name=role))
        users[role] = username
    return users


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_every_menu_item_of_the_role_opens(browser, live_server, people, role):
    username = people[role]
    page = browser.new_page(locale="zh-CN")
    admin_login(page, live_server, username, f"pw-{username}-1")
    props = page.evaluate(
        "JSON.parse(document.getElementById('wagtail-sidebar-props').textContent)"
    )
    links = [
        (label, url)
        for label, url in menu_links(props, [])
        if url.startswith("/admin/") and url != "/admin/"
    ]
    assert [url for _label, url in links] == EXPECTED[role], [url for _label, url in links]
    for label, url in links:
        response = page.goto(live_server.url + url)
        assert response.status == 200, (label, url, response.status)
        # a refusal lands on the dashboard with a message; a redirect within the section
        # (a settings form for the current site) is fine
        landed = page.url.removeprefix(live_server.url)
        assert landed.startswith(url), (label, url, landed)
        messages = page.locator(".messages")
        text = messages.inner_text() if messages.count() else ""
        assert not any(word in text for word in REFUSED_TEXTS), (label, url, text)
    page.close()
