"""条线: a department user sees the orgs of its line across the areas of its level, and nothing
else; the org list page and the API filter by line.

Demo: 成都市民政局 (city, ``minzheng_admin``) leads the 民政 line, 四川省收藏家协会 (西华门) is in it;
青羊区住房和城乡建设局 (district, ``qingyang_fangguan_staff``) is under the city's 住建 line and
成都清源物业 (清源, 青羊区) is in its line; 四川省住房和城乡建设厅 (西华门) is in the city 住建 line.
"""

import pytest
from django.urls import reverse

from wulian.accounts.models import RoleKind, User
from wulian.accounts.services import grant_role
from wulian.audit.models import AuditEntry
from wulian.orgs.models import Kind, Org
from wulian.orgs.selectors import visible_orgs
from wulian.orgs.services import create_org
from wulian.web.demo import HONGMENJIE, QINGYUAN, credit_code
from wulian.web.testing import bearer


def _names(qs) -> list[str]:
    return sorted(o.name for o in qs)


@pytest.fixture
def civil_unit_in_wuhou(world):
    """A 民政 unit in another district (黉门街社区, 武侯区): the city 民政局 sees it too."""
    return create_org(
        by=None,
        name="武侯区慈善会",
        kind=Kind.NEW_SOCIAL,
        area=world.areas[HONGMENJIE],
        line=world.orgs["dept_civil"],
        credit_code=credit_code(7001, prefix="51510100"),
    )


def test_city_department_sees_its_line_across_the_city_and_nothing_else(world, civil_unit_in_wuhou):
    user = world.users["minzheng_admin"]
    assert _names(visible_orgs(user)) == ["四川省收藏家协会", "成都市民政局", "武侯区慈善会"]


def test_district_department_sees_its_line_in_its_district_only(world):
    # A unit of the district 房管局's line recorded in 武侯区 lies outside its level.
    create_org(
        by=None,
        name="武侯区某物业公司",
        kind=Kind.PROPERTY_MANAGER,
        area=world.areas[HONGMENJIE],
        line=world.orgs["qingyang_housing"],
    )
    user = world.users["qingyang_fangguan_staff"]
    # Not 四川省住房和城乡建设厅: it is the city 住建局's unit, above this department.
    assert _names(visible_orgs(user)) == [
        "成都清源物业服务有限公司",
        "青羊区住房和城乡建设局（房管）",
    ]


def test_city_department_sees_the_district_departments_of_its_line_and_their_units(world):
    user = User.objects.create_user(username="city_housing_staff", password="x")
    grant_role(user=user, kind=RoleKind.DEPARTMENT_STAFF, org=world.orgs["dept_housing"], by=None)
    assert _names(visible_orgs(user)) == [
        "四川省住房和城乡建设厅",
        "成都市住房和城乡建设局（房管）",
        "成都清源物业服务有限公司",
        "青羊区住房和城乡建设局（房管）",
    ]


def test_department_user_gets_404_for_another_lines_unit(world, login, client):
    user = login("minzheng_admin")
    library = world.orgs["library"]  # 文旅 line
    assert client.get(reverse("orgs:detail", args=[world.orgs["collectors"].pk])).status_code == 200
    assert client.get(reverse("orgs:detail", args=[library.pk])).status_code == 404
    assert (
        client.get(reverse("api:org_detail", args=[library.pk]), **bearer(user)).status_code == 404
    )
    assert (
        client.get(reverse("orgs:detail", args=[world.orgs["qingyuan_pm"].pk])).status_code == 404
    )


def test_district_department_gets_404_for_its_lines_unit_outside_its_district(world, login, client):
    outside = create_org(
        by=None,
        name="武侯区某物业公司",
        kind=Kind.PROPERTY_MANAGER,
        area=world.areas[HONGMENJIE],
        line=world.orgs["qingyang_housing"],
    )
    login("qingyang_fangguan_staff")
    assert (
        client.get(reverse("orgs:detail", args=[world.orgs["qingyuan_pm"].pk])).status_code == 200
    )
    assert client.get(reverse("orgs:detail", args=[outside.pk])).status_code == 404
    assert (
        client.get(reverse("orgs:detail", args=[world.orgs["housing_dept_prov"].pk])).status_code
        == 404
    )


def test_department_user_updates_a_unit_of_its_line_and_not_another(world, login, client):
    login("qingyang_fangguan_staff")
    pm, library = world.orgs["qingyuan_pm"], world.orgs["library"]
    form = {
        "name": pm.name,
        "kind": pm.kind,
        "area": QINGYUAN,
        "party_body": pm.party_body,
        "credit_code": pm.credit_code,
        "line": pm.line_id,
        "address": "清源路1号",
        "contact_name": "",
        "contact_phone": "",
    }
    response = client.post(reverse("orgs:edit", args=[pm.pk]), form)
    assert response.status_code == 302
    pm.refresh_from_db()
    assert pm.address == "清源路1号"
    before = (AuditEntry.objects.count(), library.address)
    response = client.post(reverse("orgs:edit", args=[library.pk]), {**form, "name": library.name})
    assert response.status_code == 404
    library.refresh_from_db()
    assert (AuditEntry.objects.count(), library.address) == before


def test_api_filters_by_line_and_keeps_a_department_to_its_own(world, client):
    housing, civil = world.orgs["dept_housing"], world.orgs["dept_civil"]
    url = reverse("api:org_list")
    rows = client.get(url, {"line": housing.pk}, **bearer(world.users["city_admin"])).json()[
        "items"
    ]
    # The line of the city 住建局: its units, the district 房管局 under it and that one's unit.
    assert sorted(r["name"] for r in rows) == [
        "四川省住房和城乡建设厅",
        "成都清源物业服务有限公司",
        "青羊区住房和城乡建设局（房管）",
    ]
    rows = client.get(url, {"line": civil.pk}, **bearer(world.users["city_admin"])).json()["items"]
    assert [r["name"] for r in rows] == ["四川省收藏家协会"]
    minzheng = bearer(world.users["minzheng_admin"])
    assert client.get(url, {"line": housing.pk}, **minzheng).json() == {"items": [], "count": 0}
    rows = client.get(url, **minzheng).json()["items"]
    assert sorted(r["name"] for r in rows) == ["四川省收藏家协会", "成都市民政局"]


def test_list_page_filters_by_line(world, login, client):
    login("city_admin")
    response = client.get(reverse("orgs:list"), {"line": world.orgs["dept_health"].pk})
    assert response.status_code == 200
    assert _names(response.context["page_obj"]) == ["四川大学华西医院", "四川省疾病预防控制中心"]
    login("minzheng_admin")
    response = client.get(reverse("orgs:list"))
    assert _names(response.context["page_obj"]) == ["四川省收藏家协会", "成都市民政局"]
    # The filter offers the department user its own line only.
    assert [o.name for o in response.context["form"].fields["line"].queryset] == ["成都市民政局"]


def test_department_roles_are_held_at_a_department_only(world):
    from django.core.exceptions import ValidationError

    user = User.objects.create_user(username="wrong_place", password="x")
    with pytest.raises(ValidationError) as exc:
        grant_role(user=user, kind=RoleKind.DEPARTMENT_ADMIN, org=world.orgs["library"], by=None)
    assert exc.value.message_dict == {"org": ["条线部门的角色只能设在条线部门。"]}
    assert list(user.roles.all()) == []
    assert Org.objects.filter(pk=world.orgs["library"].pk).exists()
