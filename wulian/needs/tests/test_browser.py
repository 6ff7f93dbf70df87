"""In real Chromium: a resident posts a need from the phone page → 华西医院 claims it from the
menu → marks it done with a service record → the resident confirms and rates it."""

import re

import pytest
from django.urls import reverse

from wulian.core.tests.browser import live_login
from wulian.needs.models import Need, State
from wulian.needs.tests.helpers import claimed_hours_ago
from wulian.web.demo import DEMO_PASSWORD


def _login_mobile(page, live_server, username: str) -> None:
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login" not in url)


def _confirm_dialog(page) -> None:
    page.wait_for_selector("#wl-confirm.show")
    page.click("#wl-confirm-ok")


@pytest.mark.browser
def test_resident_posts_unit_claims_and_marks_done_resident_rates(
    page, live_server, browser, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    # The resident, on a phone-sized page.
    page.set_viewport_size({"width": 390, "height": 844})
    _login_mobile(page, live_server, "resident_demo")
    page.goto(live_server.url + reverse("needs:mine"))
    page.click("#post-need")
    page.fill("#id_title", "帮忙换厨房灯泡")
    page.select_option("#id_category", "repair")
    page.fill("#id_description", "厨房灯泡坏了，够不着，想请人帮忙换一下。")
    page.fill("#id_skills", "维修")
    page.click("#need-form button[type=submit]")
    page.wait_for_selector("#need-title")
    assert page.inner_text("#need-title") == "帮忙换厨房灯泡"
    pk = int(re.search(r"/needs/(\d+)/", page.url).group(1))
    assert page.inner_text(".need-state") == "待接单"

    # 华西医院's contact claims it from the menu, then marks it done with a record.
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    unit = context.new_page()
    live_login(unit, live_server, "huaxi_contact")
    unit.goto(live_server.url + reverse("needs:menu"))
    unit.click(f"#menu-table tr[data-need='{pk}'] .claim-button")
    _confirm_dialog(unit)
    unit.wait_for_selector(".alert-success")
    assert "接单成功" in unit.inner_text(".alert-success")
    claimed_hours_ago(
        Need.objects.get(pk=pk), 2
    )  # served later that day: the hours fit since the claim
    unit.goto(live_server.url + reverse("needs:detail", kwargs={"pk": pk}))
    unit.click("#fulfil-link")
    unit.fill("#id_note", "已上门更换灯泡，并检查了线路。")
    unit.fill("#id_hours", "1")
    unit.click("#fulfil-form button[type=submit]")
    _confirm_dialog(unit)
    unit.wait_for_selector("#need-evidence")
    assert unit.inner_text(".need-state") == "已完成"
    context.close()

    # The resident confirms and rates.
    page.goto(live_server.url + reverse("needs:detail", kwargs={"pk": pk}))
    assert "已上门更换灯泡" in page.inner_text("#need-evidence")
    page.check("#confirm-form input[name=score][value='5']")
    page.fill("#confirm-form textarea[name=comment]", "师傅很专业，谢谢！")
    page.click("#confirm-form button[type=submit]")
    page.wait_for_selector(".need-state[data-state=confirmed]")
    assert "师傅很专业" in page.inner_text("#need-ratings")
    need = Need.objects.get(pk=pk)
    assert (need.state, need.provider_org.name, need.ratings.get().score) == (
        State.CONFIRMED,
        "四川大学华西医院",
        5,
    )
