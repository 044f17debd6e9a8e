"""A reader opens the demo 数字报 on a desktop (1280 px) and a phone (375 px)."""

import pytest
from django.utils import timezone

from baoshe.epaper.models import PrintArticle
from baoshe_demo import epaper as epaper_demo
from baoshe_demo.newsroom.loader import DemoLoader

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SWIPE = """([dx, dy]) => {
  const el = document.getElementById('ep-viewport');
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + 200;
  const touch = (cx, cy) => new Touch({identifier: 1, target: el, clientX: cx, clientY: cy});
  const fire = (type, touches, changed) =>
    el.dispatchEvent(new TouchEvent(type, {touches, changedTouches: changed, bubbles: true}));
  fire('touchstart', [touch(x, y)], [touch(x, y)]);
  fire('touchend', [], [touch(x + dx, y + dy)]);
}"""

PINCH = """() => {
  const el = document.getElementById('ep-viewport');
  const t = (id, x) => new Touch({identifier: id, target: el, clientX: x, clientY: 200});
  const fire = (type, touches, changed) => el.dispatchEvent(
    new TouchEvent(type, {touches, changedTouches: changed, bubbles: true, cancelable: true}));
  fire('touchstart', [t(1, 150), t(2, 200)], [t(1, 150), t(2, 200)]);
  fire('touchmove', [t(1, 100), t(2, 250)], [t(1, 100), t(2, 250)]);
  fire('touchend', [], [t(1, 100), t(2, 250)]);
  return document.getElementById('ep-zoom').style.width;
}"""


@pytest.fixture
def demo_epaper():
    DemoLoader().load()
    epaper_demo.load(None)
    return timezone.localdate()


def wait_for_page_image(page):
    image = page.locator("img.ep-page-img")
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_reader_desktop_and_phone(browser, live_server, demo_epaper, screenshot):
    today = demo_epaper
    yesterday = today.fromordinal(today.toordinal() - 1)
    lead = PrintArticle.objects.get(page__issue__date=today, page__number="A01", order=0)
    errors = []

    # --- desktop: hotspot → article, page navigation, calendar, keyboard -----------------
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server.url + "/epaper/")
    wait_for_page_image(page)
    assert "示例日报·数字报" in page.locator(".ep-bar__title").inner_text()
    assert page.locator(".ep-thumbs li").count() == 8
    assert page.locator(".ep-hotspots a").count() >= 3
    screenshot(page, "epaper-page-desktop")

    page.locator('.ep-hotspots a[data-n="1"]').click()
    page.wait_for_url("**/A01/1/")
    assert page.locator("h1.story__title").inner_text() == lead.title
    assert page.locator(".ep-web-link a").is_visible()
    assert page.locator(".ep-minimap polygon").count() >= 1
    screenshot(page, "epaper-article-desktop")
    page.locator(".ep-web-link a").click()
    page.wait_for_load_state()
    assert page.locator(".print-edition-link a").inner_text() == "见数字报第A01版"

    page.goto(live_server.url + "/epaper/")
    page.locator(".ep-thumbs a").nth(2).click()
    page.wait_for_url("**/A03/")
    page.locator('.ep-pager a[rel="next"]').click()
    page.wait_for_url("**/A04/")
    assert "第A04版" in page.locator(".ep-tools__page").inner_text()

    page.locator(f'.ep-cal a[href$="/{yesterday.isoformat()}/"]').click()
    page.wait_for_url(f"**/{yesterday.isoformat()}/")
    assert page.locator(".ep-thumbs li").count() == 4
    # the calendar links only months that have issues: here at most today's month
    head = page.locator(".ep-cal__head")
    assert head.locator('a[aria-label="上一月"]').count() == 0
    if today.month != yesterday.month:
        head.locator('a[aria-label="下一月"]').click()
        page.wait_for_url(f"**?month={today:%Y-%m}*")
        assert head.locator("strong").inner_text() == f"{today.year}年{today.month}月"
    else:
        assert head.locator('a[aria-label="下一月"]').count() == 0

    page.goto(live_server.url + "/epaper/")
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.ep-hotspots')"):
            break
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label == lead.title
    screenshot(page, "epaper-focus-desktop")
    page.keyboard.press("Enter")
    page.wait_for_url("**/A01/1/")
    context.close()

    # --- phone: swipe between pages, pinch-zoom, text list mode ---------------------------
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, locale="zh-CN", has_touch=True, is_mobile=True
    )
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server.url + "/epaper/")
    wait_for_page_image(page)
    assert no_horizontal_scroll(page), "e-paper page scrolls sideways on a phone"
    screenshot(page, "epaper-page-phone")
    page.evaluate(SWIPE, [-200, 10])
    page.wait_for_url("**/A02/")
    page.evaluate(SWIPE, [200, 5])
    page.wait_for_url("**/A01/")
    assert float(page.evaluate(PINCH).rstrip("%")) > 100
    page.locator("#ep-mode").click()
    assert not page.locator(".ep-stage").is_visible()
    assert page.locator(".ep-title-list li").count() >= 3
    screenshot(page, "epaper-text-phone")
    page.locator(".ep-title-list a").first.click()
    page.wait_for_url("**/A01/1/")
    assert no_horizontal_scroll(page), "e-paper article scrolls sideways on a phone"
    screenshot(page, "epaper-article-phone")
    assert not errors, errors
    context.close()
