"""The import never tells whether a person of another community holds the values of a row: the row
of a registered person outside the importer's scope is refused alike whether every value matches
or one differs, so that guessed phone numbers or addresses cannot be checked through the preview.
(西华门社区's staff and 孙华 of 清源社区 next door.)"""

import pytest
from django.urls import reverse

from wulian.core.tests.spreadsheet_files import post_upload, row_errors, xlsx_bytes
from wulian.people.models import Person
from wulian.web.demo import QINGYUAN

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


@pytest.fixture
def staff(world, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    login("xihuamen_staff")
    return world


def _row_of(person: Person, **changed: str) -> list[str]:
    row = {
        "name": person.name,
        "phone": person.clear_phone(),
        "id_number": person.clear_id_number(),
        "area": QINGYUAN,
        "member": "是" if person.is_party_member else "否",
        "org": "",
        "skills": person.skills,
        "address": person.clear_address(),
    }
    return list({**row, **changed}.values())


def test_a_person_of_another_community_is_refused_alike_whether_values_match(staff, client):
    sun_hua = staff.people["sun_hua"]
    assert sun_hua.home_area.code == QINGYUAN
    assert sun_hua.party_org_id is None
    url = reverse("people:import")
    same = post_upload(client, url, xlsx_bytes([HEADER, _row_of(sun_hua)]))
    other = post_upload(client, url, xlsx_bytes([HEADER, _row_of(sun_hua, skills="书法")]))
    refusal = [(2, "居住区域代码", "区域不在您的管辖范围内。")]
    assert row_errors(other) == refusal
    assert row_errors(same) == refusal
    assert "全部数据校验通过" not in same.content.decode()


def test_another_communitys_person_in_a_row_of_ones_own_community_is_refused_as_registered(
    staff, client
):
    """Their name and phone, or their ID number, in a row placed in 西华门 is not compared with
    what 清源 holds: it is refused as already registered, as the person form refuses it (both are
    unique city-wide), not as an area out of scope, which it is not."""
    from wulian.web.demo import XIHUAMEN

    sun_hua = staff.people["sun_hua"]
    url = reverse("people:import")
    no_id = post_upload(
        client, url, xlsx_bytes([HEADER, _row_of(sun_hua, area=XIHUAMEN, id_number="")])
    )
    assert [(r, c) for r, c, _ in row_errors(no_id)] == [(2, "姓名")]
    with_id = post_upload(client, url, xlsx_bytes([HEADER, _row_of(sun_hua, area=XIHUAMEN)]))
    assert [(r, c) for r, c, _ in row_errors(with_id)] == [(2, "身份证号")]
    for preview in (no_id, with_id):
        assert "区域不在您的管辖范围内" not in preview.content.decode()
