"""In real Chromium at a phone viewport: a new resident signs up by SMS (file backend), is
verified by 黉门街社区's staff, logs in by code, posts a 随手拍 with a photo and follows it to
已解决 with one tap (issue 10's done-when, in one run)."""

import datetime as dt

import pytest
from django.db.models import F
from django.urls import reverse
from playwright.sync_api import expect

from wulian.accounts.models import SmsCode, User
from wulian.core.tests.browser import live_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = "13990007777"
PASSWORD = "Neu-Passw0rt"


def test_a_new_resident_signs_up_is_verified_logs_in_by_code_and_reports(
    browser, page, live_server, outbox, tmp_path
):
    from PIL import Image

    from wulian.reports.models import Report
    from wulian.web.demo import HONGMENJIE

    phone_ctx = browser.new_context(
        locale="zh-CN",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        extra_http_headers={"Accept-Language": "zh-CN,zh;q=0.9"},
    )
    phone_ctx.set_default_timeout(15_000)
    mobile = phone_ctx.new_page()
    mobile.goto(live_server.url + reverse("accounts:login"))
    mobile.click("text=注册")
    mobile.fill("#id_phone", PHONE)
    mobile.click("#send-code")
    expect(mobile.locator("#code-sent")).to_contain_text("验证码已发送")
    mobile.fill("#id_code", outbox.code(PHONE))
    mobile.fill("#id_name", "周新")
    mobile.fill("#id_community", "黉门街社区")
    mobile.fill("#id_password", PASSWORD)
    mobile.fill("#id_password2", PASSWORD)
    mobile.click("#phone-submit")
    expect(mobile.locator("main")).to_contain_text("社区工作人员核实后")
    user = User.objects.get(signup_name="周新")
    assert user.signup_status == "pending"
    mobile.click("nav button:has-text('退出')")

    live_login(page, live_server, "hongmenjie_admin")
    page.goto(live_server.url + reverse("accounts:signup_list"))
    expect(page.locator("#signups")).to_contain_text("周新")
    page.click("#signups button[name=verify]")
    page.click("#wl-confirm-ok")  # the confirm dialog
    expect(page.locator("#signups")).not_to_contain_text("周新")
    user.refresh_from_db()
    assert (user.signup_status, user.person.name) == ("", "周新")

    # A minute or more later (the sign-up code was the last one sent to the number).
    SmsCode.objects.update(created_at=F("created_at") - dt.timedelta(minutes=2))
    mobile.goto(live_server.url + reverse("accounts:sms_login"))
    mobile.fill("#id_phone", PHONE)
    mobile.click("#send-code")
    expect(mobile.locator("#code-sent")).to_be_visible()
    mobile.fill("#id_code", outbox.code(PHONE))
    mobile.click("#phone-submit")
    expect(mobile.locator("main")).to_contain_text("周新")
    expect(mobile.locator("main")).to_contain_text("居民")

    photo = tmp_path / "lamp.jpg"
    Image.new("RGB", (120, 90), (90, 90, 120)).save(photo, format="JPEG")
    mobile.goto(live_server.url + reverse("reports:new"))
    mobile.select_option("#id_category", "road")
    mobile.fill("#id_description", "黉门街路灯坏了，晚上很黑。")
    mobile.set_input_files("#id_photos", str(photo))
    mobile.select_option("#id_area", HONGMENJIE)
    mobile.click("#report-submit")
    expect(mobile.locator("#timeline")).to_contain_text("提交")
    report = Report.objects.get(description="黉门街路灯坏了，晚上很黑。")
    assert (report.reporter_id, report.photos.count()) == (user.person_id, 1)
    mobile.click("#answer-resolved")
    expect(mobile.locator("#report-status")).to_have_text("已解决")
    report.refresh_from_db()
    assert (report.status, report.answer) == ("closed", "resolved")
    phone_ctx.close()
