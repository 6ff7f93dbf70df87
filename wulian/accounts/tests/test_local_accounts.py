"""Community admins create, disable and reset resident and unit-contact accounts of their own
community (audited), and nothing else: not staff, not the 三员, not another community's."""

import pytest
from django.test import Client
from django.urls import reverse

from wulian.accounts.models import ApiToken, RoleKind, User
from wulian.accounts.services import create_token
from wulian.audit.models import AuditEntry
from wulian.web.testing import assert_flat_queries, query_guard

PASSWORD = "Neu-Passw0rt"


def test_a_community_admin_creates_a_resident_account_for_a_registered_person(world, client, login):
    login("xihuamen_admin")
    response = client.post(
        reverse("accounts:local_account_create"),
        {
            "kind": "resident",
            "username": "zhaoqiang",
            "display_name": "赵强",
            "password": PASSWORD,
            "person_phone": "13880001005",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="zhaoqiang")
    assert (user.person_id, user.must_change_password, user.phone_masked) == (
        world.people["zhao_qiang"].pk,
        True,
        "138****1005",
    )
    assert list(user.roles.values_list("kind", "org_id")) == [
        (RoleKind.RESIDENT, world.orgs["xihuamen"].pk)
    ]
    assert AuditEntry.objects.order_by("-id").first().action == "account.local_create"


def test_a_community_admin_creates_a_unit_contact_account(world, client, login):
    login("xihuamen_admin")
    response = client.post(
        reverse("accounts:local_account_create"),
        {
            "kind": "unit_contact",
            "username": "museum2",
            "password": PASSWORD,
            "org": world.orgs["museum"].pk,
        },
    )
    assert response.status_code == 302
    assert list(User.objects.get(username="museum2").roles.values_list("kind", "org_id")) == [
        (RoleKind.UNIT_CONTACT, world.orgs["museum"].pk)
    ]


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        (
            {"kind": "resident", "person_phone": "13880001007"},
            "本社区没有登记该手机号的居民。",
        ),  # 孙华 of 清源社区
        ({"kind": "resident", "person_phone": ""}, "请填写本社区已登记居民的手机号。"),
        ({"kind": "unit_contact", "org": ""}, "请选择驻区单位。"),
    ],
)
def test_outside_the_community_nothing_is_created(world, client, login, data, field_message):
    login("xihuamen_admin")
    before = (User.objects.count(), AuditEntry.objects.count())
    response = client.post(
        reverse("accounts:local_account_create"),
        {"username": "someone", "password": PASSWORD, **data},
    )
    assert response.status_code == 400
    assert field_message in response.content.decode()
    assert (User.objects.count(), AuditEntry.objects.count()) == before


def test_a_unit_of_another_community_cannot_be_chosen(world, client, login):
    login("xihuamen_admin")
    before = User.objects.count()
    response = client.post(
        reverse("accounts:local_account_create"),
        {
            "kind": "unit_contact",
            "username": "x",
            "password": PASSWORD,
            "org": world.orgs["huaxi"].pk,
        },
    )
    assert response.status_code == 400
    assert User.objects.count() == before


def test_disabling_and_resetting_a_resident_ends_sessions_and_tokens(world, client, login):
    resident = world.users["resident_demo"]
    key = create_token(user=resident, by=None)
    phone = Client()
    phone.force_login(resident)
    login("hongmenjie_admin")
    assert (
        client.post(
            reverse("accounts:local_account_password", args=[resident.pk]), {"password": PASSWORD}
        ).status_code
        == 302
    )
    resident.refresh_from_db()
    assert (resident.check_password(PASSWORD), resident.must_change_password) == (True, True)
    assert phone.get(reverse("web:home")).status_code == 302
    assert ApiToken.objects.get(user=resident).revoked is True
    assert client.get("/api/v1/areas/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    assert (
        client.post(
            reverse("accounts:local_account_active", args=[resident.pk]), {"active": "0"}
        ).status_code
        == 302
    )
    assert User.objects.get(pk=resident.pk).is_active is False


@pytest.mark.parametrize(
    "target",
    [
        "hongmenjie_admin",
        "xihuamen_staff",
        "member_demo",
        "huaxi_contact",
        "resident_demo",
        "audit_admin",
        "system_admin",
    ],
)
def test_xihuamens_admin_cannot_touch_accounts_outside_its_residents_and_units(
    world, client, login, target
):
    """resident_demo and huaxi_contact belong to 黉门街社区; the rest are not resident or unit accounts."""
    login("xihuamen_admin")
    user = world.users[target]
    before = (
        User.objects.get(pk=user.pk).password,
        User.objects.get(pk=user.pk).is_active,
        AuditEntry.objects.count(),
    )
    assert (
        client.post(
            reverse("accounts:local_account_password", args=[user.pk]), {"password": PASSWORD}
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("accounts:local_account_active", args=[user.pk]), {"active": "0"}
        ).status_code
        == 404
    )
    assert (
        User.objects.get(pk=user.pk).password,
        User.objects.get(pk=user.pk).is_active,
        AuditEntry.objects.count(),
    ) == before


def test_the_list_shows_the_communitys_residents_and_units_only(world, client, login):
    login("hongmenjie_admin")
    html = client.get(reverse("accounts:local_account_list")).content.decode()
    assert "resident_demo" in html
    assert "huaxi_contact" in html
    assert "member_demo" not in html
    assert "xihuamen_staff" not in html
    assert "hongmenjie_admin" not in html


@query_guard("accounts:local_account_list")
def test_local_account_list_query_count_does_not_grow(world, client, login):
    from wulian.accounts.services import grant_role

    def add(n: int, start: int):
        for i in range(start, start + n):
            user = User.objects.create(username=f"unit{i}")
            grant_role(user=user, kind=RoleKind.UNIT_CONTACT, org=world.orgs["cdc"], by=None)

    login("hongmenjie_admin")
    add(1, 0)
    assert_flat_queries(
        client, reverse("accounts:local_account_list"), lambda: add(3, 1), grows_by=3
    )
