"""The foundation in a real browser: login, the area tree, an Excel import with a bad row."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from wulian.core.tests.browser import live_login, totp_code
from wulian.core.tests.spreadsheet_files import xlsx_bytes
from wulian.orgs.models import Org
from wulian.web.demo import DEMO_PASSWORD, XIHUAMEN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_staff_logs_in_through_the_chinese_login_page(page, live_server):
    page.goto(live_server.url + reverse("web:home"))
    expect(page).to_have_url(re.compile(re.escape(reverse("accounts:login"))))
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator("#login-form")).to_contain_text("用户名")
    expect(page.locator("#login-form button[type=submit]")).to_have_text("登录")
    page.fill("#id_username", "xihuamen_admin")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("#login-form button[type=submit]")
    # Staff type the second factor next (the demo accounts share the demo TOTP secret).
    expect(page).to_have_url(re.compile(re.escape(reverse("accounts:mfa_verify"))))
    page.fill("#id_code", totp_code("xihuamen_admin"))
    page.click("#mfa-form button[type=submit]")
    expect(page).to_have_url(live_server.url + reverse("web:home"))
    expect(page.locator("#current-user")).to_have_text("西华门社区管理员")


def test_wrong_password_stays_on_the_login_page_with_a_message(page, live_server):
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("#id_username", "xihuamen_admin")
    page.fill("#id_password", "wrong-password")
    page.click("#login-form button[type=submit]")
    expect(page.locator("#login-form .alert-danger")).to_be_visible()
    expect(page.locator("#current-user")).to_have_count(0)


def test_city_admin_drills_down_from_the_city_to_a_community(page, live_server):
    live_login(page, live_server, "city_admin")
    page.goto(live_server.url + reverse("areas:browse"))
    expect(page.locator("#area-name")).to_have_text("成都市")
    for name in ["青羊区", "西御河街道", "西华门社区"]:
        page.locator("#children").get_by_role("link", name=name, exact=True).click()
        expect(page.locator("#area-name")).to_have_text(name)
    expect(page).to_have_url(live_server.url + reverse("areas:detail", args=[XIHUAMEN]))
    expect(page.locator("#org-total")).not_to_have_text("0")


def test_excel_import_with_a_bad_row_is_refused_then_imports_the_good_rows_when_skipping(
    page, live_server, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    header = ["*名称", "*类别", "*所在区域代码", "党组织形式", "统一社会信用代码"]
    good_names = ["西华门社区浏览器测试甲", "西华门社区浏览器测试乙"]
    rows = [
        header,
        [good_names[0], "新社会组织", XIHUAMEN, "党支部", ""],
        ["区划错误的单位", "新社会组织", "510105003999", "", ""],
        [good_names[1], "非公企业", XIHUAMEN, "", ""],
    ]
    before = Org.objects.count()
    live_login(page, live_server, "xihuamen_admin")
    page.goto(live_server.url + reverse("orgs:list"))
    page.locator(".wl-toolbar").get_by_role("link", name="导入").click()
    expect(page.locator("#upload-form")).to_be_visible()
    page.set_input_files(
        "#id_file", files=[{"name": "组织.xlsx", "mimeType": XLSX, "buffer": xlsx_bytes(rows)}]
    )
    page.click("#upload-submit")

    errors = page.locator("#import-errors tbody tr")
    expect(errors).to_have_count(1)
    expect(errors.locator("td")).to_have_text(
        ["3", "所在区域代码", "区划代码“510105003999”不存在。"]
    )
    expect(page.locator("#good-rows")).to_have_text("2")
    assert Org.objects.count() == before

    page.click("#confirm-import")  # all or nothing: refused
    expect(page.locator("#import-refused")).to_contain_text("未写入任何数据")
    assert Org.objects.count() == before

    page.check("#skip-errors")
    page.click("#confirm-import")
    expect(page).to_have_url(live_server.url + reverse("orgs:list"))
    expect(page.locator(".alert")).to_contain_text("已导入2条，跳过1行错误行。")
    assert Org.objects.count() == before + 2
    assert sorted(
        Org.objects.filter(
            area__code=XIHUAMEN, name__startswith="西华门社区浏览器测试"
        ).values_list("name", flat=True)
    ) == sorted(good_names)
    assert not Org.objects.filter(name="区划错误的单位").exists()
