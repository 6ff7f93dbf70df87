"""The organisation import checks the contact phone as the people import does, and a blank
党组织形式 stays blank (not recorded), never becomes 党支部."""

import pytest
from django.urls import reverse

from wulian.core.tests.spreadsheet_files import post_confirm, post_upload, row_errors, xlsx_bytes
from wulian.orgs.models import Org
from wulian.orgs.tests.test_import_export import HEADER  # the import template's header
from wulian.web.demo import XIHUAMEN


def row(name: str, party_body: str = "党支部", phone: str = "02886001111") -> list[str]:
    return [name, "新社会组织", XIHUAMEN, party_body, "", "", "", "李明", phone]


@pytest.fixture
def admin(world, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    login("xihuamen_admin")
    return world


def test_a_bad_contact_phone_is_refused_naming_the_column(admin, client):
    url = reverse("orgs:import")
    before = Org.objects.count()
    preview = post_upload(client, url, xlsx_bytes([HEADER, row("电话不对的协会", phone="12345")]))
    assert [(r, c) for r, c, _m in row_errors(preview)] == [(2, "联系电话")]
    assert Org.objects.count() == before


def test_a_contact_phone_is_kept_normalised_as_for_people(admin, client):
    url = reverse("orgs:import")
    preview = post_upload(
        client, url, xlsx_bytes([HEADER, row("电话带空格的协会", phone="139 0000 7003")])
    )
    assert row_errors(preview) == []
    post_confirm(client, url, preview)
    assert Org.objects.get(name="电话带空格的协会").contact_phone == "13900007003"


def test_a_blank_party_body_stays_blank(admin, client):
    url = reverse("orgs:import")
    preview = post_upload(
        client, url, xlsx_bytes([HEADER, row("未填党组织形式的协会", party_body="")])
    )
    assert row_errors(preview) == []
    post_confirm(client, url, preview)
    assert Org.objects.get(name="未填党组织形式的协会").party_body == ""
