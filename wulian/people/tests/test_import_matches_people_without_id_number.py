"""A person without an ID number is matched by name and phone against the database: importing the
same file twice does not register them twice."""

import pytest
from django.urls import reverse

from wulian.core.tests.spreadsheet_files import post_confirm, post_upload, row_errors, xlsx_bytes
from wulian.people.models import Person
from wulian.web.demo import XIHUAMEN

HEADER = [
    "*姓名",
    "*电话",
    "身份证号",
    "*居住区域代码",
    "是否党员",
    "所在党组织",
    "爱好和专长",
    "家庭住址（门牌）",
]
NO_ID = ["甘小雨", "13900007001", "", XIHUAMEN, "否", "", "舞蹈", ""]


@pytest.fixture
def admin(world, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    login("xihuamen_admin")
    return world


def test_reimport_of_a_person_without_id_number_registers_nobody_twice(admin, client):
    url = reverse("people:import")
    first = post_upload(client, url, xlsx_bytes([HEADER, NO_ID]))
    assert row_errors(first) == []
    assert post_confirm(client, url, first).status_code == 302
    assert Person.objects.filter(name="甘小雨").count() == 1
    again = post_upload(client, url, xlsx_bytes([HEADER, NO_ID]))
    assert row_errors(again) == [
        (2, "姓名", "已有姓名和电话相同的人员“甘小雨”（139****7001），不重复登记。")
    ]
    post_confirm(client, url, again, skip_errors=True)
    assert Person.objects.filter(name="甘小雨").count() == 1


def test_a_row_without_id_number_matches_a_registered_person_by_name_and_phone(admin, client):
    url = reverse("people:import")
    before = Person.objects.count()
    preview = post_upload(
        client, url, xlsx_bytes([HEADER, ["张敏", "138 8000 1003", "", XIHUAMEN, "是", "", "", ""]])
    )
    assert row_errors(preview) == [
        (2, "姓名", "已有姓名和电话相同的人员“张敏”（138****1003），不重复登记。")
    ]
    assert Person.objects.count() == before


def test_same_name_with_another_phone_is_another_person(admin, client):
    url = reverse("people:import")
    preview = post_upload(
        client, url, xlsx_bytes([HEADER, ["张敏", "13900007002", "", XIHUAMEN, "否", "", "", ""]])
    )
    assert row_errors(preview) == []


def test_twice_in_one_file_is_reported(admin, client):
    url = reverse("people:import")
    preview = post_upload(client, url, xlsx_bytes([HEADER, NO_ID, NO_ID]))
    assert [(r, c) for r, c, _m in row_errors(preview)] == [(3, "姓名")]
