"""A person without an ID number is matched by name and phone against the database: importing the
same file twice does not register them twice (the second time, the row is already there: no
error, nothing written)."""

import pytest
from django.urls import reverse

from wulian.audit.models import AuditEntry
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
    assert row_errors(again) == []
    writes = AuditEntry.objects.filter(action__startswith="person.").count()
    post_confirm(client, url, again)
    assert Person.objects.filter(name="甘小雨").count() == 1
    assert AuditEntry.objects.filter(action__startswith="person.").count() == writes


def test_a_row_without_id_number_matches_a_registered_person_by_name_and_phone(admin, client):
    """The same person, updated to the row (their registered ID number kept), not a second one."""
    url = reverse("people:import")
    before = Person.objects.count()
    zhang = Person.objects.get(name="张敏")
    registered_id, party_org = zhang.id_number_index, zhang.party_org_id
    assert registered_id
    row = ["张敏", "138 8000 1003", "", XIHUAMEN, "是", "", "太极拳", ""]
    preview = post_upload(client, url, xlsx_bytes([HEADER, row]))
    assert row_errors(preview) == []
    post_confirm(client, url, preview)
    assert Person.objects.count() == before
    zhang.refresh_from_db()
    # (a blank 所在党组织 keeps the registered one: an import never erases with an empty cell)
    assert (zhang.skills, zhang.party_org_id, zhang.id_number_index) == (
        "太极拳",
        party_org,
        registered_id,
    )


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
