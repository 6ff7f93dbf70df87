"""The people export is in the import template's columns: who may reveal numbers exports them in
full, and the file imports back (unchanged: nothing written; edited: the edits applied). Who may
not gets masked numbers, and the import refuses a masked number by row and column."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from wulian.audit.models import AuditEntry
from wulian.core.tests.spreadsheet_files import (
    post_confirm,
    post_upload,
    read_xlsx,
    row_errors,
    xlsx_bytes,
)
from wulian.people.importers import PersonImporter
from wulian.people.models import Person
from wulian.web.demo import XIHUAMEN


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # uploads kept between preview and confirm land here


def _people(world) -> list[tuple]:
    in_xihuamen = Person.objects.filter(home_area__path__startswith=world.areas[XIHUAMEN].path)
    return [
        (
            p.pk,
            p.name,
            p.phone_index,
            p.id_number_index,
            p.home_area_id,
            p.is_party_member,
            p.party_org_id,
            p.skills,
            p.clear_address(),
            p.household_index,
        )
        for p in in_xihuamen.order_by("pk")
    ]


def _person_writes() -> int:
    return AuditEntry.objects.filter(action__in=["person.create", "person.update"]).count()


def _export(client) -> bytes:
    response = client.get(reverse("people:export"))
    assert response.status_code == 200
    return response.content


def test_the_export_has_the_import_templates_columns_then_read_only_ones(world, login, client):
    login("xihuamen_admin")
    header = read_xlsx(_export(client))[0]
    assert header == [c.label() for c in PersonImporter.columns] + ["居住区域"]


def test_an_export_imported_back_unchanged_writes_nothing_and_reports_nothing(
    world, login, client, media
):
    login("xihuamen_admin")
    data = _export(client)
    rows = read_xlsx(data)
    zhang = next(r for r in rows if r[0] == "张敏")
    assert zhang[1:3] == ["13880001003", Person.objects.get(name="张敏").clear_id_number()]
    before, writes = _people(world), _person_writes()

    preview = post_upload(client, reverse("people:import"), data)
    assert row_errors(preview) == []
    confirmed = post_confirm(client, reverse("people:import"), preview)

    assert confirmed.status_code == 302  # taken as done, not refused as if rows were bad
    told = [str(m) for m in get_messages(confirmed.wsgi_request)]
    assert told == [f"已导入0条。{len(rows) - 1}行与现有数据相同，未改动。"]
    assert _people(world) == before
    assert _person_writes() == writes


def test_an_export_edited_and_imported_back_applies_the_edit_only(world, login, client, media):
    login("xihuamen_admin")
    rows = read_xlsx(_export(client))
    skills = rows[0].index("爱好和专长")
    for row in rows:
        if row[0] == "张敏":
            row[skills] = "阅读推广,书法,太极拳"
    others = [p for p in _people(world) if p[1] != "张敏"]
    writes = _person_writes()

    preview = post_upload(client, reverse("people:import"), xlsx_bytes(rows))
    assert row_errors(preview) == []
    assert post_confirm(client, reverse("people:import"), preview).status_code == 302

    assert Person.objects.get(name="张敏").skills == "阅读推广,书法,太极拳"
    assert [p for p in _people(world) if p[1] != "张敏"] == others
    assert _person_writes() == writes + 1


def test_blank_optional_cells_and_left_out_columns_never_erase_what_is_held(
    world, login, client, media
):
    login("xihuamen_admin")
    rows = read_xlsx(_export(client))
    required = [i for i, column in enumerate(PersonImporter.columns) if column.required]
    slim = [[row[i] for i in required] for row in rows]  # an older, slimmer template
    blanked = [rows[0]] + [
        [cell if i in required else "" for i, cell in enumerate(row)] for row in rows[1:]
    ]
    before, writes = _people(world), _person_writes()

    for data in (slim, blanked):
        preview = post_upload(client, reverse("people:import"), xlsx_bytes(data))
        assert row_errors(preview) == []
        assert post_confirm(client, reverse("people:import"), preview).status_code == 302

    assert _people(world) == before
    assert _person_writes() == writes


def test_an_export_without_the_right_to_reveal_is_masked_and_refused_on_import(
    world, login, client, media
):
    login("xihuamen_staff")
    data = _export(client)
    rows = read_xlsx(data)
    zhang = next(r for r in rows if r[0] == "张敏")
    assert zhang[1] == "138****1003"
    before, writes = _people(world), _person_writes()

    preview = post_upload(client, reverse("people:import"), data)
    errors = row_errors(preview)
    zhang_row = rows.index(zhang) + 1
    assert (zhang_row, "电话", "内容已打码（含*），不能导入：请填写完整内容。") in errors
    assert {column for _row, column, _m in errors} <= {"电话", "身份证号", "家庭住址（门牌）"}
    assert {row for row, _c, _m in errors} == set(range(2, len(rows) + 1))
    post_confirm(client, reverse("people:import"), preview, skip_errors=True)

    assert _people(world) == before
    assert _person_writes() == writes
