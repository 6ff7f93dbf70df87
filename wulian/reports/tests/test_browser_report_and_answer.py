"""In real Chromium at a phone viewport: a resident posts a 随手拍 with a photo, follows it and
taps 已解决, recorded at once (htmx) without leaving the page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from wulian.reports.models import Report
from wulian.web.demo import DEMO_PASSWORD, HONGMENJIE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_reports_with_a_photo_and_taps_resolved(browser, live_server, world, tmp_path):
    from PIL import Image

    photo = tmp_path / "pothole.jpg"
    Image.new("RGB", (120, 90), (120, 110, 100)).save(photo, format="JPEG")
    phone = browser.new_context(
        locale="zh-CN",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        extra_http_headers={"Accept-Language": "zh-CN,zh;q=0.9"},
    )
    phone.set_default_timeout(15_000)
    mobile = phone.new_page()
    mobile.goto(live_server.url + reverse("accounts:login"))
    mobile.fill("#id_username", "resident_demo")
    mobile.fill("#id_password", DEMO_PASSWORD)
    mobile.click("#login-form button[type=submit]")
    mobile.wait_for_load_state()
    mobile.goto(live_server.url + reverse("reports:new"))
    mobile.select_option("#id_category", "road")
    mobile.fill("#id_description", "黉门街人行道有个大坑，下雨天积水。")
    mobile.set_input_files("#id_photos", str(photo))
    mobile.select_option("#id_area", HONGMENJIE)
    mobile.click("#report-submit")
    expect(mobile.locator("#timeline")).to_contain_text("提交")
    report = Report.objects.get(description="黉门街人行道有个大坑，下雨天积水。")
    assert report.photos.count() == 1
    expect(mobile.locator("img[alt='照片']")).to_have_count(1)
    detail_url = mobile.url
    mobile.click("#answer-resolved")
    expect(mobile.locator("#answer-recorded")).to_contain_text("已解决")
    expect(mobile.locator("#report-status")).to_have_text("已解决")
    assert mobile.url == detail_url
    report.refresh_from_db()
    assert (report.status, report.answer) == ("closed", "resolved")
    phone.close()
