"""Every service call writes exactly one audit entry, marked with the channel it came through."""

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wulian.accounts import services as accounts
from wulian.accounts.models import RoleKind
from wulian.areas import services as areas
from wulian.audit.models import AuditEntry
from wulian.core import channels
from wulian.orgs import services as orgs
from wulian.orgs.models import Kind, PartyBody
from wulian.people import services as people
from wulian.web.demo import XIHUAMEN


def _admin(w):
    return w.users["xihuamen_admin"]


# (expected action, call) — each call made by an allowed actor on an object in scope.
CALLS: list[tuple[str, Callable[[Any], Any]]] = [
    (
        "area.create_grid",
        lambda w: areas.create_grid(community=w.areas[XIHUAMEN], name="一网格", by=_admin(w)),
    ),
    (
        "org.create",
        lambda w: orgs.create_org(
            by=_admin(w), name="新单位", kind=Kind.PRIVATE_FIRM, area=w.areas[XIHUAMEN]
        ),
    ),
    (
        "org.update",
        lambda w: orgs.update_org(org=w.orgs["library"], by=_admin(w), address="总府路"),
    ),
    (
        "org.change_body",
        lambda w: orgs.change_party_body(
            org=w.orgs["collectors"],
            by=_admin(w),
            to_body=PartyBody.GENERAL_BRANCH,
            changed_on=dt.date(2026, 1, 5),
        ),
    ),
    (
        "person.create",
        lambda w: people.create_person(
            by=_admin(w), name="新居民", phone="13900002222", home_area=w.areas[XIHUAMEN]
        ),
    ),
    (
        "person.update",
        lambda w: people.update_person(person=w.people["zhang_min"], by=_admin(w), skills="书法"),
    ),
    (
        "person.reveal_phone",
        lambda w: people.reveal_person_field(
            person=w.people["zhang_min"], field="phone", by=_admin(w)
        ),
    ),
    (
        "user.create",
        lambda w: accounts.create_user(
            username="newcomer", password="Qz7k!mnp", by=w.users["system_admin"]
        ),
    ),
    (
        "user.set_password",
        lambda w: accounts.set_password(
            user=w.users["xihuamen_staff"], password="Qz7k!mnp", by=w.users["system_admin"]
        ),
    ),
    (
        "role.grant",
        lambda w: accounts.grant_role(
            user=w.users["xihuamen_staff"],
            kind=RoleKind.COMMUNITY_ADMIN,
            org=w.orgs["xihuamen"],
            by=w.users["security_admin"],
        ),
    ),
    (
        "role.revoke",
        lambda w: accounts.revoke_role(
            role=w.users["xihuamen_staff"].roles.get(), by=w.users["security_admin"]
        ),
    ),
    (
        "token.create",
        lambda w: accounts.create_token(user=w.users["city_admin"], by=w.users["city_admin"]),
    ),
]


def _entries_after(last_id: int) -> list[tuple[str, str]]:
    return list(
        AuditEntry.objects.filter(id__gt=last_id).order_by("id").values_list("action", "channel")
    )


def _last_id() -> int:
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.mark.parametrize(
    "channel", [channels.PAGE, channels.API, channels.IMPORT, channels.COMMAND]
)
@pytest.mark.parametrize(("action", "call"), CALLS, ids=[a for a, _ in CALLS])
def test_service_call_writes_one_entry_with_its_channel(world, action, call, channel):
    last = _last_id()
    with channels.using(channel):
        call(world)
    assert _entries_after(last) == [(action, channel)]


def test_creating_an_org_on_the_page_is_marked_page(world, login, client):
    login("xihuamen_admin")
    last = _last_id()
    response = client.post(
        reverse("orgs:create"),
        {
            "name": "页面单位",
            "kind": Kind.PRIVATE_FIRM,
            "area": XIHUAMEN,
            "party_body": PartyBody.BRANCH,
        },
    )
    assert response.status_code == 302
    assert _entries_after(last) == [("org.create", channels.PAGE)]


def test_creating_an_org_on_the_api_is_marked_api(world, client):
    token = accounts.create_token(user=world.users["xihuamen_admin"], by=None)
    last = _last_id()
    response = client.post(
        reverse("api:org_create"),
        json.dumps(
            {
                "name": "接口单位",
                "kind": Kind.PRIVATE_FIRM,
                "area": XIHUAMEN,
            }
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201
    assert _entries_after(last) == [("org.create", channels.API)]


def test_updating_a_person_on_page_and_api_is_marked_by_channel(world, login, client):
    person = world.people["zhang_min"]
    login("xihuamen_admin")
    last = _last_id()
    response = client.post(
        reverse("people:edit", kwargs={"pk": person.pk}),
        {
            "name": "张敏",
            "home_area": XIHUAMEN,
            "is_party_member": "on",
            "party_org": world.orgs["library"].pk,
            "skills": "阅读推广",
            "phone": "",
            "id_number": "",
        },
    )
    assert response.status_code == 302
    token = accounts.create_token(user=world.users["xihuamen_admin"], by=None)
    middle = _last_id()
    response = client.patch(
        reverse("api:person_update", kwargs={"pk": person.pk}),
        json.dumps({"skills": "书法"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200
    assert _entries_after(last)[0] == ("person.update", channels.PAGE)
    assert _entries_after(middle) == [("person.update", channels.API)]


def test_refused_call_writes_no_entry(world):
    last = _last_id()
    with pytest.raises(PermissionDenied):
        orgs.create_org(
            by=world.users["huaxi_contact"],
            name="越权单位",
            kind=Kind.PRIVATE_FIRM,
            area=world.areas[XIHUAMEN],
        )
    assert _entries_after(last) == []
