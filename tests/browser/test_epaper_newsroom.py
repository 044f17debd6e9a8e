"""A day of the 数字报 in a real browser, only through the admin's own pages.

A 版面编辑 uploads the day's issue as one multi-page PDF, follows the import job to its end,
corrects a story in the hotspot editor, marks the pages reviewed, is refused while a page is
not reviewed, then publishes with a release time a little ahead. Until then an anonymous
reader gets 404 for the issue and for its page images (URLs taken from the admin's <img>);
nobody touches anything afterwards, and the reader's page appears once its time has come.
A 总编辑 publishes a second issue whose pages are not all reviewed, with the logged
override and its reason; a 记者 is refused the import page.

The background import runs in django-tasks' database worker, as ``baoshe worker`` runs it,
called here once the upload has queued the task, while the job page polls its status.
"""

import datetime as dt
import re
import time

import pypdfium2 as pdfium
import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from baoshe.epaper.models import ImportJob, Issue, PrintArticle, PrintPage, Publication
from baoshe.workflow import roles
from baoshe_demo.newsroom.loader import ensure_home
from baoshe_demo.pdfgen import write_issue
from tests.browser.pages import admin_login, drag_selected_hotspot
from tests.factories import make_column

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_DAY = dt.date(2026, 3, 2)
SECOND_DAY = dt.date(2026, 3, 3)
#: at least this far ahead of "now" the 版面编辑 sets the release time (to the minute, as
#: the form's field takes it): long enough for the steps between saving it and the
#: anonymous reader's 404s, short enough to wait for
RELEASE_DELAY = dt.timedelta(seconds=30)
PEOPLE = {
    "layout": ("周版面", roles.LAYOUT_EDITOR),
    "chief": ("陈总编", roles.CHIEF),
    "reporter": ("王记者", roles.REPORTER),
}


def password(username: str) -> str:
    return f"pw-{username}-1"


@pytest.fixture
def newsroom(django_user_model):
    # after a flush (transactional tests) the page tree comes first: 管理员's page
    # permissions are granted on its root; the reader's pages need the site
    make_column(ensure_home(), "本地", "bendi")
    roles.ensure_workflow()
    for username, (display, role) in PEOPLE.items():
        user = django_user_model.objects.create_user(username, password=password(username))
        user.first_name = display
        user.save()
        user.groups.add(Group.objects.get(name=role))
    return Publication.objects.create(slug="shili", name="示例日报")


def merged_issue_pdf(folder, *, n_pages: int, seed: int, date: dt.date):
    """The day's pages generated one PDF each, then put together as one multi-page PDF,
    as a layout system exports a whole issue."""
    pages_dir = folder / f"pages-{seed}"
    generated = write_issue(pages_dir, seed=seed, n_pages=n_pages, date=date)
    merged = pdfium.PdfDocument.new()
    for page in generated.pages:
        source = pdfium.PdfDocument(str(pages_dir / page.filename))
        merged.import_pages(source)
        source.close()
    path = folder / f"issue-{date.isoformat()}.pdf"
    merged.save(str(path))
    merged.close()
    return path, [page.number for page in generated.pages]


def run_worker():
    """One pass of the task worker over the queue (``baoshe worker --batch``)."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="browser-test-worker",
        excluded_queue_names=[],
    ).run()


def upload_issue(page, live_server, pdf_path, date: dt.date, screenshot, name: str) -> Issue:
    """Upload through 数字报 › 期次与导入 of the admin menu, let the worker run, follow the
    job page to its end and open the issue from its button."""
    page.goto(live_server.url + "/admin/")
    page.locator("#wagtail-sidebar").get_by_role("button", name="数字报").click()
    page.locator("#wagtail-sidebar").get_by_role("link", name="期次与导入").click()
    page.wait_for_url(live_server.url + "/admin/epaper/")
    page.select_option("#id_publication", label="示例日报")
    page.fill("#id_date", date.isoformat())
    page.set_input_files("#id_files", str(pdf_path))
    page.get_by_role("button", name="上传并导入").click()
    page.wait_for_url(re.compile(r".*/admin/epaper/job/\d+/$"))
    job = ImportJob.objects.get(date=date)
    # queued, nothing imported yet: the page says so and polls
    assert page.locator("#ep-job-done").is_hidden()
    assert "排队等待导入" in page.locator("#ep-job-summary").inner_text()
    assert job.status == ImportJob.Status.PENDING
    run_worker()
    page.wait_for_function(
        "() => document.getElementById('ep-job').dataset.finished === '1'", timeout=30_000
    )
    summary = page.locator("#ep-job-summary")
    assert "导入完成" in summary.inner_text(), summary.inner_text()
    assert "ep-job-summary--done" in summary.get_attribute("class")
    assert page.locator("#ep-job-progress").get_attribute("value") == "100"
    screenshot(page, f"epaper-newsroom-{name}-job")
    page.locator("#ep-job-issue").click()
    page.wait_for_url(re.compile(r".*/admin/epaper/issue/\d+/$"))
    return Issue.objects.get(publication__slug="shili", date=date)


def submit(page, button) -> None:
    """Click a button of a plain form and wait for the page the POST redirects to."""
    with page.expect_navigation():
        button.click()


def messages_text(page) -> str:
    messages = page.locator(".messages")
    return messages.inner_text() if messages.count() else ""


def page_item(page, number: str):
    """The issue page's entry of one printed page (link, review state and button)."""
    return page.locator(".ep-admin__pages > li").filter(has_text=f"第{number}版")


def test_layout_editor_and_chief_publish_issues_and_readers_see_them_at_release_time(
    browser, live_server, newsroom, tmp_path, screenshot
):
    first_pdf, first_numbers = merged_issue_pdf(tmp_path, n_pages=3, seed=11, date=FIRST_DAY)
    second_pdf, second_numbers = merged_issue_pdf(tmp_path, n_pages=2, seed=12, date=SECOND_DAY)
    errors = []

    # --- 版面编辑: import the day's issue --------------------------------------------------
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    admin_login(page, live_server, "layout", password("layout"))
    issue = upload_issue(page, live_server, first_pdf, FIRST_DAY, screenshot, "layout")
    numbers = list(issue.pages.order_by("sort_order").values_list("number", flat=True))
    assert numbers == first_numbers  # the headers of the merged PDF named its pages
    assert page.locator(".ep-admin__pages [data-reviewed='0']").count() == len(numbers)
    assert not issue.published
    thumbnail_url = page.locator(".ep-admin__pages img").first.get_attribute("src")
    screenshot(page, "epaper-newsroom-issue-imported")

    # --- fix a story in the hotspot editor and mark that page reviewed -------------------
    flagged = [n for n in numbers if issue.pages.get(number=n).needs_review]
    to_fix = flagged[0] if flagged else numbers[0]
    page_item(page, to_fix).locator("a").first.click()
    page.wait_for_url(re.compile(r".*/admin/epaper/page/\d+/$"))
    printed = PrintPage.objects.get(issue=issue, number=to_fix)
    image_url = page.locator(".ep-editor__canvas img").get_attribute("src")
    assert image_url == printed.image_screen.url
    first = printed.articles.order_by("order").first()
    before = [list(map(list, polygon)) for polygon in first.hotspots]

    drag_selected_hotspot(page, 30, 20)
    title = page.locator("#ep-fields [name=title]")
    title.fill("示例市地铁三号线今日开通（更正）")
    title.dispatch_event("input")
    page.locator("#ep-reviewed").check()
    page.locator("[data-act=save]").click()
    page.wait_for_function(
        "() => document.getElementById('ep-status').textContent.includes('已保存')"
    )
    screenshot(page, "epaper-newsroom-editor-saved")
    fixed = PrintArticle.objects.get(pk=first.pk)
    assert fixed.title == "示例市地铁三号线今日开通（更正）"
    assert fixed.hotspots[0][0][0] > before[0][0][0] and fixed.hotspots[0][0][1] > before[0][0][1]
    assert fixed.revisions.count() >= 1
    printed.refresh_from_db()
    assert printed.reviewed and printed.reviewed_by.username == "layout"

    # --- publishing is refused while a page is not reviewed ------------------------------
    page.goto(f"{live_server.url}/admin/epaper/issue/{issue.pk}/")
    assert page.locator("input[name=override]").count() == 0  # no override for this role
    submit(page, page.get_by_role("button", name="发布本期"))
    rest = [n for n in numbers if n != to_fix]
    refusal = messages_text(page)
    assert f"本期不能发布：第 {', '.join(rest)} 版尚未审核" in refusal, refusal
    screenshot(page, "epaper-newsroom-publish-refused")
    issue.refresh_from_db()
    assert not issue.published

    for number in rest:
        submit(page, page_item(page, number).get_by_role("button", name="标记为已审核"))
        assert f"第{number}版已标记为已审核" in messages_text(page)
    assert page.locator(".ep-admin__pages [data-reviewed='1']").count() == len(numbers)

    # --- release time a little ahead, then publish ----------------------------------------
    soon = timezone.localtime() + RELEASE_DELAY
    release_at = soon.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    page.fill("#id_release_at", release_at.strftime("%Y-%m-%dT%H:%M"))
    submit(page, page.get_by_role("button", name="保存期号和上线时间"))
    assert "期号和上线时间已保存" in messages_text(page), messages_text(page)
    submit(page, page.get_by_role("button", name="发布本期"))
    assert "已发布本期数字报" in messages_text(page), messages_text(page)
    assert page.locator(".ep-release").get_attribute("data-released") == "0"
    assert f"{release_at:%Y-%m-%d %H:%M} 前不公开" in page.locator(".ep-release").inner_text()
    screenshot(page, "epaper-newsroom-published-not-released")
    issue.refresh_from_db()
    assert issue.published and issue.override_by is None
    assert issue.release_at == release_at

    # --- before its release time the reader and the files answer 404 ---------------------
    reader = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    anonymous = reader.new_page()
    public_url = f"{live_server.url}/epaper/shili/{FIRST_DAY.isoformat()}/"
    checked_before = timezone.now()
    assert checked_before < release_at, "the release time passed before the 404 checks"
    for url in (
        public_url,
        f"{public_url}{numbers[0]}/",
        live_server.url + thumbnail_url,
        live_server.url + image_url,
    ):
        response = anonymous.goto(url)
        assert response.status == 404, (url, response.status)
    listing = anonymous.goto(f"{live_server.url}/epaper/")
    assert "示例市地铁三号线今日开通（更正）" not in anonymous.content(), listing.status
    context.close()

    # --- 总编辑: a second issue, published with the logged override ------------------------
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    admin_login(page, live_server, "chief", password("chief"))
    second = upload_issue(page, live_server, second_pdf, SECOND_DAY, screenshot, "chief")
    assert list(second.pages.values_list("number", flat=True)) == second_numbers
    submit(page, page_item(page, second_numbers[0]).get_by_role("button", name="标记为已审核"))
    submit(page, page.get_by_role("button", name="发布本期"))  # no override ticked
    refusal = messages_text(page)
    assert f"第 {second_numbers[1]} 版尚未审核。如仍要发布" in refusal, refusal
    page.locator("input[name=override]").check()  # ticked, but no reason
    submit(page, page.get_by_role("button", name="发布本期"))
    assert "如仍要发布" in messages_text(page)
    second.refresh_from_db()
    assert not second.published and second.override_by is None
    page.locator("input[name=override]").check()
    page.fill("input[name=override_reason]", "印厂已开机，先发布，A02版随后补审")
    submit(page, page.get_by_role("button", name="发布本期"))
    assert "已发布本期数字报" in messages_text(page)
    log = page.locator(".ep-admin__publish .help").inner_text()
    assert "陈总编" in log and "在版面未审完时发布" in log
    assert "印厂已开机，先发布，A02版随后补审" in log
    screenshot(page, "epaper-newsroom-chief-override")
    second.refresh_from_db()
    assert second.published and second.override_by.username == "chief"
    assert second.override_reason == "印厂已开机，先发布，A02版随后补审"
    # its release time (00:00 of its date) is past: readers see it at once
    response = anonymous.goto(f"{live_server.url}/epaper/shili/{SECOND_DAY.isoformat()}/")
    assert response.status == 200
    context.close()

    # --- a 记者 is refused the import page -------------------------------------------------
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    admin_login(page, live_server, "reporter", password("reporter"))
    page.goto(live_server.url + "/admin/epaper/")
    # Wagtail answers the view's PermissionDenied with the dashboard and a message
    assert page.url == live_server.url + "/admin/", page.url
    assert "没有权限" in messages_text(page), messages_text(page)
    assert page.locator("#id_files").count() == 0
    screenshot(page, "epaper-newsroom-reporter-refused")
    context.close()
    assert ImportJob.objects.count() == 2

    # --- nobody touches anything: the first issue appears at its release time --------------
    deadline = release_at + dt.timedelta(seconds=60)
    status = None
    while timezone.now() < deadline:
        status = anonymous.goto(public_url).status
        if status == 200:
            break
        assert status == 404, status
        time.sleep(1)
    assert status == 200, f"the issue did not appear by {deadline:%H:%M:%S}"
    assert timezone.now() >= release_at
    assert anonymous.goto(live_server.url + image_url).status == 200
    assert anonymous.goto(live_server.url + thumbnail_url).status == 200
    anonymous.goto(f"{public_url}{to_fix}/")
    anonymous.wait_for_function(
        "() => { const img = document.querySelector('img.ep-page-img');"
        " return img && img.complete && img.naturalWidth > 0; }"
    )
    assert "示例市地铁三号线今日开通（更正）" in anonymous.content()
    screenshot(anonymous, "epaper-newsroom-released-reader")
    issue.refresh_from_db()
    assert issue.published and issue.release_at == release_at  # untouched
    reader.close()
    assert not errors, errors
