"""Playwright driving the Chromium of Debian's ``chromium`` package, headless.

No browser is downloaded: Playwright only drives the system Chromium. Where it is missing
the tests skip with the install command (and CI=true turns that skip into a failure).
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

    from baoshe.core.fonts import write_fontconfig

    # Chinese glyphs from the CJK fonts installed with the project, not system packages.
    fontconfig = write_fontconfig(ARTIFACTS.parent / "fontconfig")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=path,
            args=CHROMIUM_FLAGS,
            env={**os.environ, "FONTCONFIG_FILE": str(fontconfig)},
        )
        yield instance
        instance.close()


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
