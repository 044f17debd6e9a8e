"""A reader on a phone (375 px) and on a desktop (1280 px) opens the demo paper."""

import io

import pytest
import zxingcpp
from PIL import Image

from baoshe.newsroom.models import Article
from baoshe_demo.newsroom.loader import DemoLoader

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

VIEWPORTS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def demo_paper():
    DemoLoader().load()
    return Article.objects.get(
        column__slug="yaowen", featured=True, kicker__gt="", wire_body__gt=""
    )


@pytest.mark.parametrize("device", VIEWPORTS)
def test_reader_reads_home_column_and_reference_article(
    browser, live_server, demo_paper, screenshot, device
):
    context = browser.new_context(viewport=VIEWPORTS[device], locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto(live_server.url + "/")
    assert page.locator(".masthead__name").inner_text().strip() == "示例日报"
    assert page.locator(".lead-story__title").count() == 1
    assert page.locator(".column-box").count() >= 8
    assert page.locator("a.epaper-link").first.is_visible()
    assert no_horizontal_scroll(page), "home page scrolls sideways"
    screenshot(page, f"home-{device}")

    page.locator(".colnav a", has_text="本地").click()
    page.wait_for_load_state()
    assert page.locator(".column-header h1").inner_text() == "本地"
    assert page.locator(".article-list--full > li").count() >= 4
    assert no_horizontal_scroll(page), "column page scrolls sideways"
    screenshot(page, f"column-{device}")

    page.goto(live_server.url + demo_paper.url)
    assert page.locator("h1.story__title").inner_text() == f"第一报道|{demo_paper.title}"
    assert page.locator(".lead-summary").is_visible()
    assert page.locator(".wire-copy .dateline").inner_text().endswith("电")
    assert page.locator(".copyright-statement li").count() >= 3
    assert page.locator(".footer").get_by_text("关于我们").is_visible()
    assert no_horizontal_scroll(page), "article page scrolls sideways"
    screenshot(page, f"article-{device}")

    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    page.locator(".share-btn--wechat").click()
    dialog = page.locator("#wechat-dialog")
    dialog.wait_for(state="visible")
    qr = dialog.locator("img.qr-dialog__image")
    qr.wait_for(state="visible")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    screenshot(page, f"article-wechat-qr-{device}")
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())))
    assert [code.text for code in decoded] == [canonical]
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    # Opening the 微信 QR dialog is not a share; copying the link is (counted once).
    # The count is fetched after the page loads (the page itself may come from a cache).
    page.wait_for_function("() => document.querySelector('.share-count').textContent === '0'")
    with page.expect_response(
        lambda r: "/engage/share/" in r.url and r.request.method == "POST"
    ) as shared:
        page.locator(".share-btn--copy").click()
    assert shared.value.json() == {"count": 1, "counted": True}
    page.wait_for_function("() => document.querySelector('.share-count').textContent === '1'")
    assert not errors, errors
    context.close()


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
