"""An editor corrects the detected hotspots of a printed page in the admin, with a real browser."""

import datetime as dt

import pytest

from baoshe.epaper import importer
from baoshe.epaper.models import PrintArticle, PrintPage, Publication
from baoshe_demo.pdfgen import write_issue
from tests.browser.pages import admin_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def imported_page(tmp_path):
    write_issue(tmp_path, seed=7, n_pages=1, date=dt.date(2026, 3, 2))
    publication = Publication.objects.create(slug="shili", name="示例日报")
    importer.import_issue(tmp_path, publication, dt.date(2026, 3, 2), publish=True)
    return PrintPage.objects.get(number="A01")


def test_editor_moves_splits_adds_and_saves_hotspots(
    browser, live_server, django_user_model, imported_page, screenshot
):
    django_user_model.objects.create_superuser("editor", "e@example.com", "pw-editor-1")
    first = imported_page.articles.order_by("order").first()
    before = [list(map(list, poly)) for poly in first.hotspots]
    count_before = imported_page.articles.count()

    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    page = context.new_page()
    admin_login(page, live_server, "editor", "pw-editor-1")
    page.goto(f"{live_server.url}/admin/epaper/page/{imported_page.pk}/")

    # Drag the selected article's hotspot 40 px right and 30 px down.
    polygon = page.locator("#ep-svg polygon.is-selected").first
    box = polygon.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 20, y + 15, steps=4)
    page.mouse.move(x + 40, y + 30, steps=4)
    page.mouse.up()

    page.locator("[data-act=split]").click()  # the lower half becomes a new article
    page.locator("#ep-fields [name=title]").fill("拆分出的新稿件")
    page.locator("#ep-fields [name=title]").dispatch_event("input")
    page.locator("[data-act=add-rect]").click()  # and it gets a second region
    screenshot(page, "epaper-editor")
    page.locator("[data-act=save]").click()
    page.wait_for_function(
        "() => document.getElementById('ep-status').textContent.includes('已保存')"
    )

    articles = list(imported_page.articles.order_by("order"))
    assert len(articles) == count_before + 1
    moved = PrintArticle.objects.get(pk=first.pk)
    assert moved.hotspots[0][0][0] > before[0][0][0]  # moved right
    assert moved.hotspots[0][0][1] > before[0][0][1]  # and down
    assert moved.hotspots[0][2][1] < before[0][2][1] + 30  # the lower half went away
    new = next(a for a in articles if a.title == "拆分出的新稿件")
    assert len(new.hotspots) == 2
    assert moved.revisions.count() >= 1
    context.close()
