"""PIPL art. 45: a user downloads what the platform holds about them, as JSON and as Excel,
built from every app's ``personal_data.py``: their own person decrypted, nobody else's data."""

import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wulian.accounts.models import RoleKind
from wulian.accounts.services import create_user, grant_role
from wulian.audit.models import AuditEntry
from wulian.cases.models import Case
from wulian.core import counters, personal_data
from wulian.notifications.models import Notification
from wulian.people import services as people_services
from wulian.web.demo import HONGMENJIE, id_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(world):
    person = people_services.create_person(
        by=None,
        name="何静",
        phone="13990001234",
        id_number=id_number("510107", "19900101", 123),
        home_area=world.areas[HONGMENJIE],
        address="电子科大宿舍3栋101",
    )
    user = create_user(
        username="hejing", password="Wulian-2026!x", by=None, person=person, display_name="何静"
    )
    grant_role(user=user, kind=RoleKind.RESIDENT, org=world.orgs["hongmenjie"], by=None)
    counters.created(
        Case.objects.create(
            area=world.areas[HONGMENJIE],
            category="neighbourhood",
            title="楼上漏水",
            description="楼上漏水三天",
            reporter=person,
        )
    )
    Notification.objects.create(user=user, kind="test", title="预约已通过")
    Notification.objects.create(user=world.users["resident_demo"], kind="test", title="别人的消息")
    return user


def test_json_holds_every_section_with_the_person_decrypted(client, resident):
    client.force_login(resident)
    response = client.get(reverse("accounts:my_data", args=["json"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert list(data) == [str(section.label) for section in personal_data.SECTIONS.values()]
    person = data["个人信息"][0]
    assert (person["姓名"], person["电话"], person["身份证号"], person["家庭住址"]) == (
        "何静",
        "13990001234",
        id_number("510107", "19900101", 123),
        "电子科大宿舍3栋101",
    )
    assert [c["标题"] for c in data["我反映的问题"]] == ["楼上漏水"]
    assert [n["标题"] for n in data["站内消息"]] == ["预约已通过"]
    assert data["账号信息"][0]["用户名"] == "hejing"
    assert data["我的预约"] == []
    assert data["我的需求"] == []
    assert AuditEntry.objects.filter(action="personal_data.download", actor=resident).count() == 1


def test_excel_has_one_sheet_per_section(client, resident):
    client.force_login(resident)
    response = client.get(reverse("accounts:my_data", args=["xlsx"]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames[:2] == ["账号信息", "登录记录"]
    rows = list(book["个人信息"].iter_rows(values_only=True))
    assert rows[1][:2] == ("何静", "13990001234")


def test_unknown_format_is_404_and_audits_nothing(client, resident):
    client.force_login(resident)
    assert client.get(reverse("accounts:my_data", args=["csv"])).status_code == 404
    assert not AuditEntry.objects.filter(action="personal_data.download").exists()


def test_staff_without_a_person_gets_their_account_only(client, world):
    admin = world.users["hongmenjie_admin"]
    client.force_login(admin)
    data = json.loads(client.get(reverse("accounts:my_data", args=["json"])).content)
    assert data["个人信息"] == []
    assert data["账号信息"][0]["用户名"] == "hongmenjie_admin"


def test_kernel_registry_imports_no_app():
    from pathlib import Path

    source = Path(personal_data.__file__).read_text()
    imported = {
        line.split()[1]
        for line in source.splitlines()
        if line.strip().startswith(("from wulian", "import wulian"))
    }
    assert imported <= {"wulian.core.spreadsheets"}
