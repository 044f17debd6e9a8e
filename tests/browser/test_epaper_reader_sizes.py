"""The 数字报 reader fits phones (360/375 px) and desktops (1280 px) for 4-, 8- and 16-page
issues: no sideways scrolling, the page image wholly on screen; and the 文字版 is a reading
layout of its own."""

import datetime as dt

import pytest

from baoshe.epaper.importer import import_issue
from baoshe.epaper.models import ImportJob, Publication
from baoshe_demo.pdfgen import write_issue
from tests.browser.pages import admin_login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# pages → issue date (past dates: released to readers)
SIZES = {4: dt.date(2026, 3, 2), 8: dt.date(2026, 3, 3), 16: dt.date(2026, 3, 4)}

FITS = """() => {
  const img = document.querySelector('img.ep-page-img');
  const box = img && img.offsetParent !== null ? img.getBoundingClientRect() : null;
  return {
    scrollWidth: document.scrollingElement.scrollWidth,
    innerWidth: window.innerWidth,
    img: box && {left: box.left, right: box.right, width: box.width},
  };
}"""


@pytest.fixture
def issues(tmp_path):
    paper = Publication.objects.create(slug="shili", name="示例日报")
    for n_pages, day in SIZES.items():
        folder = tmp_path / f"p{n_pages}"
        write_issue(folder, seed=20 + n_pages, n_pages=n_pages, date=day)
        import_issue(folder, paper, day, publish=True, number=n_pages)
    return paper


def wait_for_page_image(page):
    image = page.locator("img.ep-page-img")
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )


def assert_fits(page, what):
    fit = page.evaluate(FITS)
    assert fit["scrollWidth"] <= fit["innerWidth"], f"{what} scrolls sideways: {fit}"
    if fit["img"] is not None:
        assert fit["img"]["left"] >= 0 and fit["img"]["right"] <= fit["innerWidth"], (
            f"{what}: page image cut off: {fit}"
        )
        assert fit["img"]["width"] >= 0.8 * min(fit["innerWidth"], 600) - 40, fit


def test_every_issue_fits_phones_and_desktops(browser, live_server, issues, screenshot):
    # one import of the three issues, every screen size (and the 文字版) on it
    for width in (360, 375, 1280):
        check_sizes(browser, live_server, screenshot, width)
    for width in (375, 1280):
        check_text_version(browser, live_server, screenshot, width)


def check_sizes(browser, live_server, screenshot, width):
    phone = width < 600
    context = browser.new_context(
        viewport={"width": width, "height": 812 if phone else 900},
        locale="zh-CN",
        has_touch=phone,
        is_mobile=phone,
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for n_pages, day in SIZES.items():
        page.goto(f"{live_server.url}/epaper/shili/{day.isoformat()}/")
        wait_for_page_image(page)
        assert page.locator(".ep-thumbs li").count() == n_pages
        assert_fits(page, f"{n_pages}-page issue at {width} px")
        if width in (375, 1280):
            screenshot(page, f"epaper-{n_pages}p-{width}")
        # an article of the issue fits too
        page.locator(".ep-titles a").first.click()
        page.wait_for_url(f"**/{day.isoformat()}/A01/1/")
        assert_fits(page, f"article of the {n_pages}-page issue at {width} px")
    assert not errors, errors
    context.close()


def check_text_version(browser, live_server, screenshot, width):
    """文字版: a full-width reading list, no zoom buttons, and a way back to 版面图."""
    phone = width < 600
    context = browser.new_context(
        viewport={"width": width, "height": 812 if phone else 900},
        locale="zh-CN",
        has_touch=phone,
        is_mobile=phone,
    )
    page = context.new_page()
    day = SIZES[8]
    page.goto(f"{live_server.url}/epaper/shili/{day.isoformat()}/A01/")
    wait_for_page_image(page)
    page.locator("#ep-mode").click()
    assert page.locator("#ep-mode").get_attribute("aria-pressed") == "true"
    # the page image and its zoom buttons are gone, the text takes the width
    assert not page.locator(".ep-stage").is_visible()
    assert not page.locator(".ep-zoom-btn").first.is_visible()
    texts = page.locator(".ep-text-list article")
    assert texts.count() >= 3
    first = texts.first
    assert first.locator("h3").inner_text()
    assert first.locator("p").count() >= 1
    assert not page.locator(".ep-titles").is_visible()  # the text list replaces it
    box = page.locator(".ep-text-list").bounding_box()
    main = page.locator(".ep-grid").bounding_box()
    assert box["width"] >= 0.95 * min(main["width"], 38 * 17), (box, main)
    measure = page.evaluate(
        "() => { const p = document.querySelector('.ep-text-list .ep-text__lead');"
        " return p.getBoundingClientRect().width / parseFloat(getComputedStyle(p).fontSize); }"
    )
    assert measure <= 41, f"lines of {measure:.1f} em are too long to read"
    assert_fits(page, f"文字版 at {width} px")
    screenshot(page, f"epaper-text-{width}")
    # back to the page image, remembered across pages
    page.reload()
    assert page.locator("#ep-mode").get_attribute("aria-pressed") == "true"
    assert page.locator(".ep-text-list").is_visible()
    page.locator("#ep-text [data-mode=image]").click()
    assert page.locator("#ep-mode-image").get_attribute("aria-pressed") == "true"
    assert page.locator(".ep-stage").is_visible()
    assert page.locator(".ep-zoom-btn").first.is_visible()
    assert not page.locator(".ep-text-list").is_visible()
    assert_fits(page, f"版面图 after 文字版 at {width} px")
    context.close()


def test_import_job_page_follows_the_job_to_its_end(browser, live_server, django_user_model):
    """The job page polls the status: page progress while importing, then 完成 with the
    counts (or the failure), and it stops polling."""
    django_user_model.objects.create_superuser("editor", "e@example.com", "pw-editor-1")
    paper = Publication.objects.create(slug="shili", name="示例日报")
    job = ImportJob.objects.create(
        publication=paper, date=SIZES[4], upload_dir="x", messages=["已上传 1 个文件，等待导入。"]
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    admin_login(page, live_server, "editor", "pw-editor-1")
    requests = []
    page.on("request", lambda r: requests.append(r.url) if "/status/" in r.url else None)
    page.goto(f"{live_server.url}/admin/epaper/job/{job.pk}/")
    summary = page.locator("#ep-job-summary")
    assert summary.inner_text() == "排队等待导入……"

    ImportJob.objects.filter(pk=job.pk).update(
        status="running", pages_done=2, pages_total=4, progress=47
    )
    page.wait_for_function(
        "() => document.getElementById('ep-job-pages').textContent === '2/4'", timeout=5000
    )
    assert summary.inner_text() == "正在导入：已处理 2/4 版"
    assert page.locator("#ep-job-status").inner_text() == "导入中"

    done = "导入完成：版面 4，识别稿件 20 篇。"
    ImportJob.objects.filter(pk=job.pk).update(
        status="done", pages_done=4, pages_total=4, progress=100, messages=[*job.messages, done]
    )
    page.wait_for_function(
        "() => document.getElementById('ep-job').dataset.finished === '1'", timeout=5000
    )
    assert summary.inner_text() == done
    assert page.locator("#ep-job-status").inner_text() == "已完成"
    assert page.locator("#ep-job-progress").evaluate("el => el.value") == 100
    polled = len(requests)
    page.wait_for_timeout(2500)
    assert len(requests) == polled, "the page keeps polling a finished job"
    context.close()
