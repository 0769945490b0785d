"""Browser tests: Playwright driving Debian's Chromium against the app on a live server.

No browser download: the project's CI installs the `chromium` Debian package. Without it
the tests are skipped locally (with the reason), never silently passed.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "riktig-hemmelig-passord"


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return
    skip = pytest.mark.skip(
        reason="needs Debian's chromium (apt-get install chromium); CI installs it"
    )
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the
    # test itself (factories) are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings):
    settings.SECURE_SSL_REDIRECT = False
    # bypass_csp only lets the test inject axe-core; the app itself runs with its CSP.
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nb-NO", bypass_csp=True
    )
    page = context.new_page()
    page.base = live_server.url
    yield page
    context.close()


def login(page, user):
    """Log in through the form and wait until the browser has left the login page.

    Waiting for network idle after pressing Enter can return before the navigation has even
    started on a busy machine; the landing page's URL is what says the login is done.
    """
    page.goto(page.base + "/logg-inn/")
    page.fill("#id_username", user.nav_ident)
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/logg-inn/" not in url)


def submit(page, locator) -> None:
    """Click what submits a form and wait for the page it leads to (a redirect or the same
    form shown again with its errors): every submit here is a full navigation."""
    with page.expect_navigation():
        locator.click()


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def axe_violations(page) -> list[dict]:
    """WCAG 2.1 A and AA violations axe-core finds on the current page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in result["violations"]
    ]


def no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
