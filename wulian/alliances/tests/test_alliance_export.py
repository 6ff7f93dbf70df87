"""The alliance list's Excel export: the user's scope, the list's search, the audit trail and
cells that Excel would run as formulas."""

import datetime as dt

import pytest
from django.urls import reverse

from wulian.alliances import services
from wulian.audit.models import AuditEntry
from wulian.core.tests.spreadsheet_files import read_xlsx
from wulian.web.demo import QINGYUAN, XIHUAMEN

HEADER = ["名称", "牵头党组织", "区域", "区域代码", "成立日期", "成员单位", "活动"]
WENBO = ["党建文博联盟", "西华门社区党委", "西华门社区", XIHUAMEN, dt.datetime(2017, 6, 1), 3, 4]  # noqa: DTZ001 (a date cell reads back naive)
LAW = ["清源法律服务联盟", "清源社区党委", "清源社区", QINGYUAN, dt.datetime(2021, 3, 1), 2, 0]  # noqa: DTZ001 (a date cell reads back naive)


def test_export_holds_the_alliances_of_the_users_subtree_only(world, login, client):
    login("xiyuhe_admin")  # 西御河街道: 西华门社区, not 清源社区 (苏坡街道)
    response = client.get(reverse("alliances:export"))
    assert response.status_code == 200
    assert (
        response["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert read_xlsx(response.content) == [HEADER, WENBO]


def test_export_applies_the_list_search_and_is_audited_with_it(world, login, client):
    login("qingyang_admin")  # 青羊区: both demo alliances
    assert read_xlsx(client.get(reverse("alliances:export")).content) == [HEADER, WENBO, LAW]
    rows = read_xlsx(client.get(reverse("alliances:export"), {"q": "清源社区党委"}).content)
    assert rows == [HEADER, LAW]
    entry = AuditEntry.objects.filter(action="alliance.export").latest("id")
    assert (entry.actor_name, entry.object_type, entry.after) == (
        "qingyang_admin",
        "alliances.alliance",
        {"count": 1, "filters": {"q": "清源社区党委"}},
    )


def test_a_name_excel_would_run_as_a_formula_is_exported_as_text(world, login, client):
    services.create_alliance(by=None, name="=1+1联盟", lead_org=world.orgs["xihuamen"], members=[])
    login("xiyuhe_admin")
    rows = read_xlsx(client.get(reverse("alliances:export"), {"q": "=1+1"}).content)
    assert [row[0] for row in rows[1:]] == ["'=1+1联盟"]


@pytest.mark.parametrize("username", ["huaxi_contact", "resident_demo"])
def test_those_outside_the_area_staff_may_not_export(world, login, client, username):
    login(username)
    before = AuditEntry.objects.count()
    assert client.get(reverse("alliances:export")).status_code == 403
    assert AuditEntry.objects.count() == before


def test_the_list_toolbar_links_the_export_with_the_current_search(world, login, client):
    login("xiyuhe_admin")
    page = client.get(reverse("alliances:list"), {"q": "文博"}).content.decode()
    assert f'href="{reverse("alliances:export")}?q=%E6%96%87%E5%8D%9A"' in page
    login("huaxi_contact")
    page = client.get(reverse("alliances:list")).content.decode()
    assert reverse("alliances:export") not in page
