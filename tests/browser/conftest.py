"""Playwright driving the Chromium of Debian's ``chromium`` package, headless.

No browser is downloaded: Playwright only drives the system Chromium. Where it is missing
the tests skip with the install command (and CI=true turns that skip into a failure).

Every page a browser test opens is watched for Content Security Policy violations (Chromium's
"Refused to …" console errors, and ``securitypolicyviolation`` events): any one fails the test,
so a script, style, frame or image the policy blocks cannot go unnoticed.
"""

import os
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


# CSP violations seen while the current test runs; checked after its call.
CSP_VIOLATIONS: list[str] = []
_WATCHED_CONTEXTS: list = []
_REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`);
});
"""


def is_csp_violation(text: str) -> bool:
    return (
        "Content Security Policy" in text
        or text.startswith("Refused to")
        or text.startswith("CSP violation")
    )


def _on_console(message):
    if message.type == "error" and is_csp_violation(message.text):
        CSP_VIOLATIONS.append(f"{message.text} ({message.location.get('url', '')})")


def _on_weberror(error):
    text = str(error.error)
    if is_csp_violation(text) or "unsafe-eval" in text:
        CSP_VIOLATIONS.append(text)


def watch(context):
    context.add_init_script(_REPORT_VIOLATIONS)
    context.on("console", _on_console)
    context.on("weberror", _on_weberror)
    _WATCHED_CONTEXTS.append(context)
    return context


class WatchedBrowser:
    """The Playwright browser, with every new context (and page) watched for CSP violations."""

    def __init__(self, browser):
        self._browser = browser

    def __getattr__(self, name):
        return getattr(self._browser, name)

    def new_context(self, **kwargs):
        return watch(self._browser.new_context(**kwargs))

    def new_page(self, **kwargs):
        context = watch(self._browser.new_context(**kwargs))
        page = context.new_page()
        page.on("close", lambda _: context.close())
        return page


def _drain_open_pages():
    """Let Playwright deliver console messages still in flight from pages left open."""
    for context in list(_WATCHED_CONTEXTS):
        try:
            for page in context.pages:
                if not page.is_closed():
                    page.evaluate("0")
        except Exception:  # a closed context or crashed page has nothing more to say
            pass


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    CSP_VIOLATIONS.clear()
    _WATCHED_CONTEXTS.clear()
    outcome = yield
    _drain_open_pages()
    _WATCHED_CONTEXTS.clear()
    if CSP_VIOLATIONS and outcome.excinfo is None:
        found = "\n".join(dict.fromkeys(CSP_VIOLATIONS))
        outcome.force_exception(
            AssertionError(f"Content Security Policy violations in the browser:\n{found}")
        )


def chromium_path() -> str | None:
    return os.environ.get("BAOSHE_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not path:
        pytest.skip("Chromium not found: `apt-get install chromium` (or set BAOSHE_CHROMIUM)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
    # fixtures here are still plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    from baoshe_demo.fonts import write_fontconfig

    # Chinese glyphs from the CJK fonts installed with the project, not system packages.
    fontconfig = write_fontconfig(ARTIFACTS.parent / "fontconfig")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=path,
            args=CHROMIUM_FLAGS,
            env={**os.environ, "FONTCONFIG_FILE": str(fontconfig)},
        )
        yield WatchedBrowser(instance)
        instance.close()


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


#: The reviewing newsroom of the workflow browser tests: username → (display name, role)
USERS = {
    "reporter": ("王记者", "记者"),
    "editor1": ("李编辑", "编辑"),
    "director": ("赵主任", "部门主任/值班主任"),
    "chief": ("陈总编", "总编辑"),
}


@pytest.fixture
def newsroom(django_user_model):
    from django.contrib.auth.models import Group

    from baoshe.workflow.roles import ensure_workflow
    from baoshe_demo.newsroom.loader import ensure_home
    from tests.factories import make_column

    ensure_workflow()
    for username, (display, role) in USERS.items():
        user = django_user_model.objects.create_user(username, password=f"pw-{username}-1")
        user.first_name = display
        user.save()
        user.groups.add(Group.objects.get(name=role))
    return make_column(ensure_home(), "本地", "bendi")
