"""条线: a department user sees the items attached to the units of its line — resources, duties,
cases handled by them, needs they hold — across its level, answers 404 for the items of another
line or of its line outside its level, and is told of duties routed to its line."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from wulian.accounts.models import RoleKind, User
from wulian.accounts.rules import requires_mfa
from wulian.accounts.services import grant_role
from wulian.cases import services as cases
from wulian.duties import services as duties
from wulian.needs import services as needs
from wulian.needs.models import Category
from wulian.notifications.models import Notification
from wulian.orgs.models import Kind
from wulian.orgs.services import create_org
from wulian.resources import services as resources
from wulian.web.demo import HONGMENJIE, QINGYUAN, XIHUAMEN


def _resource(world, org_key, name, area=XIHUAMEN):
    org = world.orgs[org_key]
    return resources.create_resource(
        by=None, org=org, name=name, kind="venue", area=world.areas[area], capacity=20
    )


def _duty(world, org_key, title):
    return duties.assign_duty(
        by=None,
        targets=[world.orgs[org_key]],
        kind="task",
        title=title,
        due_on=timezone.localdate() + dt.timedelta(days=30),
    )[0]


def _resolved_case(world, org_key, title):
    case = cases.register_case(
        by=None,
        area=world.areas[XIHUAMEN],
        category="neighbourhood",
        title=title,
        description="邻里之间的纠纷。",
    )
    return cases.resolve_case(
        case=case,
        by=None,
        resolution="已协调。",
        method="department",
        resolved_by_org=world.orgs[org_key],
    )


def test_department_user_logs_in_with_a_second_factor_and_sees_its_line(world, client):
    """A real login (no force_login): password, then the TOTP code, then the org list of its line."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from wulian.accounts.mfa import next_usable_code
    from wulian.web.demo import DEMO_PASSWORD

    assert requires_mfa(world.users["qingyang_fangguan_staff"]) is True
    response = client.post(
        reverse("accounts:login"), {"username": "minzheng_admin", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("orgs:list")).status_code == 302  # to the verify step first
    device = TOTPDevice.objects.get(user__username="minzheng_admin", confirmed=True)
    assert (
        client.post(reverse("accounts:mfa_verify"), {"code": next_usable_code(device)}).status_code
        == 302
    )
    response = client.get(reverse("orgs:list"))
    assert sorted(o.name for o in response.context["page_obj"]) == [
        "四川省收藏家协会",
        "成都市民政局",
    ]


def test_civil_department_sees_resources_of_its_line_and_404_for_another_line(world, login, client):
    mine = _resource(world, "collectors", "收藏家协会展厅")
    other = _resource(world, "library", "图书馆报告厅")
    login("minzheng_admin")
    assert client.get(reverse("resources:detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("resources:detail", args=[other.pk])).status_code == 404
    listed = [r.name for r in client.get(reverse("resources:inventory")).context["page_obj"]]
    assert listed == ["收藏家协会展厅"]


def test_civil_department_sees_duties_of_its_line_and_404_for_another_line(world, login, client):
    mine = _duty(world, "collectors", "开展藏品进社区")
    other = _duty(world, "library", "开展阅读推广")
    login("minzheng_admin")
    assert client.get(reverse("duties:detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("duties:detail", args=[other.pk])).status_code == 404


def test_civil_department_sees_cases_handled_by_its_line_only(world, login, client):
    mine = _resolved_case(world, "collectors", "藏品展示噪音纠纷")
    other = _resolved_case(world, "library", "借阅纠纷")
    unrouted = cases.register_case(
        by=None,
        area=world.areas[XIHUAMEN],
        category="neighbourhood",
        title="楼道堆物",
        description="楼道堆放杂物。",
    )
    login("minzheng_admin")
    assert client.get(reverse("cases:detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("cases:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("cases:detail", args=[unrouted.pk])).status_code == 404


def test_department_sees_needs_held_by_its_line(world, login, client):
    need = needs.post_need(
        by=world.users["resident_demo"],
        title="帮忙取药",
        category=Category.HEALTH,
        description="每周需要有人帮忙到医院取药。",
        skills="义诊",
        area=world.areas[HONGMENJIE],
    )
    needs.claim_need(
        need=need, by=world.users["huaxi_contact"], provider=f"org:{world.orgs['huaxi'].pk}"
    )
    health = User.objects.create_user(username="health_staff", password="x")
    grant_role(user=health, kind=RoleKind.DEPARTMENT_STAFF, org=world.orgs["dept_health"], by=None)
    client.force_login(health)
    assert client.get(reverse("needs:detail", args=[need.pk])).status_code == 200
    login("minzheng_admin")
    assert client.get(reverse("needs:detail", args=[need.pk])).status_code == 404


def test_district_department_gets_404_for_items_of_its_line_outside_its_district(
    world, login, client
):
    outside = create_org(
        by=None,
        name="武侯区某物业公司",
        kind=Kind.PROPERTY_MANAGER,
        area=world.areas[HONGMENJIE],
        line=world.orgs["qingyang_housing"],
    )
    inside = _resource(world, "qingyuan_pm", "清源小区停车场", area=QINGYUAN)
    beyond = resources.create_resource(
        by=None,
        org=outside,
        name="武侯小区停车场",
        kind="parking",
        area=world.areas[HONGMENJIE],
        capacity=10,
    )
    city_line = _resource(world, "housing_dept_prov", "住建厅会议室")  # the city 住建局's unit
    login("qingyang_fangguan_staff")
    assert client.get(reverse("resources:detail", args=[inside.pk])).status_code == 200
    assert client.get(reverse("resources:detail", args=[beyond.pk])).status_code == 404
    assert client.get(reverse("resources:detail", args=[city_line.pk])).status_code == 404


def test_duty_routed_to_a_unit_tells_the_departments_of_its_line(
    world, django_capture_on_commit_callbacks
):
    before = Notification.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        duty = _duty(world, "qingyuan_pm", "物业服务质量自查")
    told = set(
        Notification.objects.filter(kind="duty.assign", url=f"/duties/{duty.pk}/").values_list(
            "user__username", flat=True
        )
    )
    # The district 房管局 (its line, its district) and the unit's own contact; not the 民政局.
    assert told == {"qingyang_fangguan_staff", "qingyuan_pm_contact"}
    assert Notification.objects.count() == before + 2


def test_resource_list_and_api_filter_by_line(world, login, client):
    from wulian.web.testing import bearer

    _resource(world, "collectors", "收藏家协会展厅")
    _resource(world, "library", "图书馆报告厅")
    civil = world.orgs["dept_civil"].pk
    user = login("city_admin")
    page = client.get(reverse("resources:inventory"), {"line": civil}).context["page_obj"]
    assert [r.name for r in page] == ["收藏家协会展厅"]
    rows = client.get(reverse("api:resource_list"), {"line": civil}, **bearer(user)).json()["items"]
    assert [r["name"] for r in rows] == ["收藏家协会展厅"]
    # A department user asking for another line gets nothing of it.
    rows = client.get(
        reverse("api:resource_list"),
        {"line": world.orgs["dept_culture"].pk},
        **bearer(world.users["minzheng_admin"]),
    ).json()["items"]
    assert rows == []
