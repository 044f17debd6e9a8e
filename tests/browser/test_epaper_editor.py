"""An editor corrects the detected hotspots of a printed page in the admin, with a real browser."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from baoshe.epaper import importer
from baoshe.epaper.models import PrintArticle, PrintPage, Publication
from baoshe_demo.pdfgen import write_issue
from tests.browser.pages import admin_login, drag_selected_hotspot

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
    drag_selected_hotspot(page, 40, 30)

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


# --- fixing a doubtful page: text blocks, lasso, merge, polygons ------------------------------


@pytest.fixture
def doubtful_page(imported_page):
    """The import left the last story out (its blocks belong to no article) and doubts another."""
    articles = list(imported_page.articles.order_by("order"))
    left_out = articles[-1]
    free = [b for b in imported_page.text_blocks if b["article"] == left_out.order]
    assert len(free) >= 3  # the story's columns, now orange on the page
    for block in free:
        block["article"] = None
    left_out.delete()
    imported_page.needs_review = True
    imported_page.review_reasons = ["有 1 篇稿件识别置信度较低，请核对"]
    imported_page.save()
    doubtful = articles[1]
    doubtful.confidence = 0.5
    doubtful.confidence_reasons = ["没有找到标题"]
    doubtful.save()
    return imported_page, free


def open_editor(browser, live_server, page_id):
    context = browser.new_context(viewport={"width": 1400, "height": 2300})
    page = context.new_page()
    admin_login(page, live_server, "editor", "pw-editor-1")
    page.goto(f"{live_server.url}/admin/epaper/page/{page_id}/")
    page.wait_for_selector("#ep-svg polygon")
    return context, page


def to_screen(page, x, y):
    """Page points → viewport pixels, through the SVG's own transform."""
    return page.evaluate(
        """([x, y]) => {
          const svg = document.getElementById("ep-svg");
          const p = svg.createSVGPoint(); p.x = x; p.y = y;
          const q = p.matrixTransform(svg.getScreenCTM());
          return [q.x, q.y];
        }""",
        [x, y],
    )


def select_article(page, position):
    page.locator("#ep-list li").nth(position).click()
    expect(page.locator("#ep-list li").nth(position)).to_have_attribute("aria-selected", "true")


def save_and_wait(page):
    page.locator("[data-act=save]").click()
    expect(page.locator("#ep-status")).to_contain_text("已保存")


def rect_of(bbox):
    x0, y0, x1, y1 = (round(v, 1) for v in bbox)
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]


def test_click_a_free_text_block_adds_it_to_the_story(
    browser, live_server, django_user_model, doubtful_page, screenshot
):
    django_user_model.objects.create_superuser("editor", "e@example.com", "pw-editor-1")
    printed, free = doubtful_page
    target = printed.articles.order_by("order")[2]
    context, page = open_editor(browser, live_server, printed.pk)

    # the issue page puts the doubtful page first, with its reasons and a link into the editor
    page.goto(f"{live_server.url}/admin/epaper/issue/{printed.issue_id}/")
    review = page.locator("#ep-to-review li.is-flagged").first
    expect(review).to_contain_text("有 1 篇稿件识别置信度较低，请核对")
    expect(review).to_contain_text("没有找到标题")
    screenshot(page, "epaper-issue-to-review")
    review.locator("a.ep-review-link").click()
    page.wait_for_url(f"{live_server.url}/admin/epaper/page/{printed.pk}/")

    # the page's reasons and the doubtful article's, in words
    expect(page.locator("#ep-page-reasons")).to_contain_text("有 1 篇稿件识别置信度较低")
    select_article(page, 1)
    expect(page.locator("#ep-confidence")).to_contain_text("识别置信度 0.50")
    expect(page.locator("#ep-confidence")).to_contain_text("没有找到标题")
    expect(page.locator("#ep-list li").nth(1)).to_contain_text("需核对")

    free_blocks = page.locator("#ep-svg rect.ep-block.is-free")
    expect(free_blocks).to_have_count(len(free))
    select_article(page, 2)
    page.locator("button[data-tool=blocks]").click()
    expect(page.locator("button[data-tool=blocks]")).to_have_attribute("aria-pressed", "true")
    block = free[0]
    x, y = to_screen(page, (block["bbox"][0] + block["bbox"][2]) / 2, block["bbox"][1] + 5)
    page.mouse.click(x, y)
    expect(page.locator("#ep-status")).to_contain_text("已把该文字块加入选中的稿件")
    expect(free_blocks).to_have_count(len(free) - 1)  # no longer orange
    # the keyboard does the same: Tab to a block, Enter
    second = page.locator(f'#ep-svg rect[data-block="{printed.text_blocks.index(free[1])}"]')
    second.focus()
    page.keyboard.press("Enter")
    expect(free_blocks).to_have_count(len(free) - 2)
    screenshot(page, "epaper-editor-blocks")
    save_and_wait(page)

    target.refresh_from_db()
    assert target.hotspots[-2:] == [rect_of(free[0]["bbox"]), rect_of(free[1]["bbox"])]
    assert target.revisions.count() == 1
    context.close()


def test_lasso_adds_the_blocks_inside(
    browser, live_server, django_user_model, doubtful_page, screenshot
):
    django_user_model.objects.create_superuser("editor", "e@example.com", "pw-editor-1")
    printed, free = doubtful_page
    target = printed.articles.order_by("order")[4]
    before = len(target.hotspots)
    context, page = open_editor(browser, live_server, printed.pk)
    select_article(page, 4)
    page.locator("button[data-tool=lasso]").click()

    x0 = min(b["bbox"][0] for b in free) - 8
    y0 = min(b["bbox"][1] for b in free) - 8
    x1 = max(b["bbox"][2] for b in free) + 8
    y1 = max(b["bbox"][3] for b in free) + 8
    loop = [
        (x0, y0),
        ((x0 + x1) / 2, y0 - 4),
        (x1, y0),
        (x1 + 4, (y0 + y1) / 2),
        (x1, y1),
        ((x0 + x1) / 2, y1 + 4),
        (x0, y1),
        (x0 - 4, (y0 + y1) / 2),
        (x0 + 2, y0 + 2),
    ]

    def drag(points, finish):
        page.mouse.move(*to_screen(page, *points[0]))
        page.mouse.down()
        for px, py in points[1:]:
            page.mouse.move(*to_screen(page, px, py), steps=3)
        finish()

    # Esc while dragging cancels: nothing is added
    drag(loop[:5], lambda: page.keyboard.press("Escape"))
    page.mouse.up()
    expect(page.locator("#ep-status")).to_have_text("已取消")
    expect(page.locator("#ep-svg rect.ep-block.is-free")).to_have_count(len(free))

    drag(loop, lambda: screenshot(page, "epaper-editor-lasso"))
    page.mouse.up()
    expect(page.locator("#ep-status")).to_contain_text(f"已把 {len(free)} 个文字块加入选中的稿件")
    expect(page.locator("#ep-svg rect.ep-block.is-free")).to_have_count(0)
    save_and_wait(page)

    target.refresh_from_db()
    assert len(target.hotspots) == before + len(free)
    assert target.hotspots[before:] == [rect_of(b["bbox"]) for b in free]
    context.close()


def test_merge_two_articles(browser, live_server, django_user_model, imported_page, screenshot):
    django_user_model.objects.create_superuser("editor", "e@example.com", "pw-editor-1")
    first, second = imported_page.articles.order_by("order")[:2]
    count = imported_page.articles.count()
    context, page = open_editor(browser, live_server, imported_page.pk)

    # article 1 is selected; Shift+click a hotspot of article 2 marks it, 合并 merges it
    other = page.locator('#ep-svg polygon[data-article="1"]').first
    other.click(modifiers=["Shift"])
    expect(other).to_have_class("is-target")
    expect(page.locator("#ep-status")).to_contain_text("将并入当前选中的稿件")
    screenshot(page, "epaper-editor-merge-target")
    page.locator("[data-act=merge]").click()
    expect(page.locator("#ep-status")).to_have_text("已合并，记得保存")
    expect(page.locator("#ep-list li")).to_have_count(count - 1)
    save_and_wait(page)

    assert imported_page.articles.count() == count - 1
    merged = PrintArticle.objects.get(pk=first.pk)
    assert first.body in merged.body and second.body in merged.body
    assert merged.hotspots == first.hotspots + second.hotspots
    assert not PrintArticle.objects.filter(pk=second.pk).exists()
    context.close()


def test_draw_an_l_shaped_polygon(
    browser, live_server, django_user_model, imported_page, screenshot
):
    django_user_model.objects.create_superuser("editor", "e@example.com", "pw-editor-1")
    target = imported_page.articles.order_by("order")[3]
    before = len(target.hotspots)
    context, page = open_editor(browser, live_server, imported_page.pk)
    select_article(page, 3)
    page.locator("button[data-tool=polygon]").click()

    # Esc cancels a polygon begun by mistake
    page.mouse.click(*to_screen(page, 100, 100))
    page.mouse.click(*to_screen(page, 200, 100))
    page.keyboard.press("Escape")
    expect(page.locator("#ep-status")).to_have_text("已取消")
    # Enter closes a polygon too (here a triangle); the tool then returns to 选择
    for x, y in [(620, 1000), (760, 1000), (690, 1100)]:
        page.mouse.click(*to_screen(page, x, y))
    page.keyboard.press("Enter")
    expect(page.locator("#ep-status")).to_contain_text("已添加 3 个角点的多边形")
    page.locator("button[data-tool=polygon]").click()

    corners = [(60, 600), (560, 600), (560, 760), (300, 760), (300, 920)]
    for x, y in corners:
        page.mouse.click(*to_screen(page, x, y))
    screenshot(page, "epaper-editor-polygon-drawing")
    page.mouse.dblclick(*to_screen(page, 60, 920))  # the sixth corner closes the L
    expect(page.locator("#ep-status")).to_contain_text("已添加 6 个角点的多边形")
    expect(page.locator("button[data-tool=select]")).to_have_attribute("aria-pressed", "true")
    screenshot(page, "epaper-editor-polygon")
    save_and_wait(page)

    target.refresh_from_db()
    assert len(target.hotspots) == before + 2
    assert target.hotspots[-2] == [[620, 1000], [760, 1000], [690, 1100]]
    assert target.hotspots[-1] == [
        [60, 600],
        [560, 600],
        [560, 760],
        [300, 760],
        [300, 920],
        [60, 920],
    ]
    context.close()
