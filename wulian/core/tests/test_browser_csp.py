"""The main pages under the Content-Security-Policy in a real browser: no violation in the
console (the ``page`` fixture fails any browser test on one), scripts that moved out of the
templates still work (charts drawn, the big screen filled), and the watcher itself catches an
inline script."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from wulian.cases.models import Case
from wulian.core.tests.browser import live_login
from wulian.figures.screen import make_token
from wulian.web.demo import DEMO_PASSWORD, XIHUAMEN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_pages_run_without_csp_violations(page, live_server, world):
    live_login(page, live_server, "xihuamen_admin")
    case = Case.objects.filter(area__path__startswith=world.areas[XIHUAMEN].path).first()
    for url in [
        reverse("web:home"),
        reverse("people:list"),
        reverse("cases:list"),
        reverse("cases:detail", args=[case.pk]),
        reverse("accounts:account"),
        reverse("web:retention"),
        reverse("people:erasure_list"),
    ]:
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
    # The dashboard's charts come from charts.js (no inline script): ECharts draws a canvas.
    page.goto(live_server.url + reverse("figures:dashboard", args=[XIHUAMEN]))
    expect(page.locator("#chart-children canvas")).to_have_count(1)
    # Handlers moved to wulian.js: clicking the big-screen link's field selects its text.
    page.click("form[action$='/screen-link/'] button")
    page.click("#screen-url")
    assert (
        page.evaluate(
            "() => { const el = document.getElementById('screen-url'); "
            "return [el.selectionStart, el.selectionEnd, el.value.length]; }"
        )[1]
        > 0
    )


def test_big_screen_and_resident_pages_run_without_csp_violations(page, live_server, world):
    page.goto(
        live_server.url + reverse("figures:screen", args=[make_token(area_code=XIHUAMEN, days=1)])
    )
    expect(page.locator("#panel-a .stat").first).to_be_visible()
    expect(page.locator("#chart-children canvas")).to_have_count(1)
    # The API's docs (Swagger UI, vendored by ninja; its settings are a JSON script, not code)
    # load their scripts and the schema without a violation.
    with page.expect_response(lambda r: r.url.endswith("/openapi.json") and r.status == 200):
        page.goto(live_server.url + reverse("api:openapi-view"))
    page.wait_for_load_state("networkidle")
    # A resident (phone pages): home, the account page with the downloads, the deletion request.
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("#id_username", "resident_demo")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    for url in [
        reverse("web:home"),
        reverse("accounts:account"),
        reverse("people:erasure_request"),
    ]:
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
    page.fill("#id_reason", "搬家")
    page.click("#erasure-form button")
    expect(page.locator("#my-erasure-requests")).to_contain_text("待处理")


def test_the_watcher_catches_an_inline_script(browser, live_server, world):
    from wulian.core.tests.browser import watch_csp

    context = browser.new_context()
    page = context.new_page()
    violations = watch_csp(page)
    page.goto(live_server.url + reverse("accounts:login"))
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.pwned = 1';"
            " document.body.append(s); }"
        )
    assert page.evaluate("() => window.pwned") is None
    context.close()
    assert len(violations) == 1
    assert "script-src 'self'" in violations[0]
