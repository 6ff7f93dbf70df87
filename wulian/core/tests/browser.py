"""Headless Chromium for browser tests, shared by every app.

Use in an app's ``tests/conftest.py``::

    from wulian.core.tests.browser import browser, page, pytest_collection_modifyitems  # noqa: F401

and mark the tests ``@pytest.mark.browser``. Debian's ``chromium`` is driven through
Playwright's sync API (never ``playwright install``); a machine without it skips the tests.
Browser tests use pytest-django's ``live_server`` (a transactional database, flushed after each
test), so they are moved to the end of the run: the tests after a flush reload the demo world.
"""

import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from wulian.web.demo import DEMO_PASSWORD

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser() -> Iterator["Browser"]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: "Browser", live_server, world) -> Iterator["Page"]:
    """A fresh page (own cookies) in Chinese, against the live server with the demo world."""
    context = browser.new_context(
        locale="zh-CN",
        viewport={"width": 1366, "height": 900},
        extra_http_headers={"Accept-Language": "zh-CN,zh;q=0.9"},
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    violations = watch_csp(page)
    yield page
    context.close()
    if violations:
        pytest.fail("Content-Security-Policy violations in the console:\n" + "\n".join(violations))


def watch_csp(page: "Page") -> list[str]:
    """Collect the console's Content-Security-Policy errors of ``page`` (every browser test fails
    on one at teardown: no page may rely on inline script or a blocked source)."""
    violations: list[str] = []

    def on_console(message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    return violations


def live_login(page: "Page", live_server, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the login page as a demo user, type the TOTP code when the role asks for
    one (demo accounts share the demo secret), and wait for the staff shell."""
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("#current-user, #mfa-form")
    if page.locator("#mfa-form").count():
        page.fill("#id_code", totp_code(username))
        page.click("#mfa-form button[type=submit]")
        page.wait_for_selector("#current-user")


def pick(page: "Page", input_selector: str, query: str, label: str) -> None:
    """Choose ``label`` in a search-as-you-type picker (``core/pickers.py``): type ``query`` into
    its search box and click the matching result."""
    box = page.locator(input_selector).locator("xpath=..")
    page.fill(input_selector, query)
    box.locator(".wl-picker-option", has_text=label).first.click()
    box.locator(".wl-chip", has_text=label).first.wait_for()


def totp_code(username: str) -> str:
    """The code a demo account's authenticator shows now (one the device has not used yet)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from wulian.accounts.mfa import next_usable_code

    return next_usable_code(TOTPDevice.objects.get(user__username=username, confirmed=True))


def pytest_collection_modifyitems(items) -> None:
    """Run browser tests last (a stable sort keeps every other order)."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
