"""The council list's Excel export: the user's scope, the list's search, the audit trail and
cells that Excel would run as formulas."""

import pytest
from django.urls import reverse

from wulian.areas.models import Area
from wulian.audit.models import AuditEntry
from wulian.core.tests.spreadsheet_files import read_xlsx
from wulian.councils import services
from wulian.web.demo import QINGYUAN, XIHUAMEN

HEADER = ["名称", "社区", "社区区划代码", "成员", "议题", "表决中"]


def test_export_holds_the_councils_of_the_users_subtree_only(world, login, client):
    login("xiyuhe_admin")  # 西御河街道: 西华门社区, not 清源社区 (苏坡街道) nor 黉门街社区 (武侯区)
    response = client.get(reverse("councils:export"))
    assert response.status_code == 200
    assert (
        response["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert read_xlsx(response.content) == [
        HEADER,
        ["西华门社区居民议事会", "西华门社区", XIHUAMEN, 5, 1, 0],
    ]


def test_export_applies_the_list_search_and_is_audited_with_it(world, login, client):
    login("qingyang_admin")  # 青羊区: 西华门社区 and 清源社区
    everything = read_xlsx(client.get(reverse("councils:export")).content)
    assert [row[2] for row in everything[1:]] == [XIHUAMEN, QINGYUAN]
    rows = read_xlsx(client.get(reverse("councils:export"), {"q": QINGYUAN}).content)
    assert rows == [HEADER, ["清源社区居民议事会", "清源社区", QINGYUAN, 6, 2, 0]]
    entry = AuditEntry.objects.filter(action="council.export").latest("id")
    assert (entry.actor_name, entry.object_type, entry.after) == (
        "qingyang_admin",
        "councils.council",
        {"count": 1, "filters": {"q": QINGYUAN}},
    )


def test_a_name_excel_would_run_as_a_formula_is_exported_as_text(world, login, client):
    community = (
        Area.objects.filter(parent__code="510105003000", council__isnull=True)
        .order_by("code")
        .first()
    )
    services.create_council(by=None, community=community, name='=HYPERLINK("http://x","y")')
    login("xiyuhe_admin")
    rows = read_xlsx(client.get(reverse("councils:export"), {"q": community.code}).content)
    assert rows[1][0] == '\'=HYPERLINK("http://x","y")'


@pytest.mark.parametrize("username", ["resident_demo", "huaxi_contact"])
def test_residents_and_unit_contacts_may_see_the_list_but_not_export_it(
    world, login, client, username
):
    login(username)
    before = AuditEntry.objects.count()
    assert client.get(reverse("councils:list")).status_code == 200
    assert client.get(reverse("councils:export")).status_code == 403
    assert AuditEntry.objects.count() == before


def test_the_list_toolbar_links_the_export_with_the_current_search(world, login, client):
    login("xiyuhe_admin")
    page = client.get(reverse("councils:list"), {"q": XIHUAMEN}).content.decode()
    assert f'href="{reverse("councils:export")}?q={XIHUAMEN}"' in page
    login("resident_demo")
    assert reverse("councils:export") not in client.get(reverse("councils:list")).content.decode()
