"""Deletion requests (PIPL art. 47): a resident files one (audited); community staff of the
resident's home area decide; approval anonymises the person and disables the account where no
statutory retention holds, keeping the records the community must keep, detached."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wulian.accounts.models import RoleKind, User
from wulian.accounts.services import create_user, grant_role
from wulian.audit.models import AuditEntry
from wulian.cases.models import Case
from wulian.core import counters
from wulian.core.crypto import blind_index
from wulian.notifications.models import Notification
from wulian.people import services
from wulian.people.models import ErasureRequest, ErasureStatus, Person
from wulian.web.demo import HONGMENJIE

pytestmark = pytest.mark.django_db

PHONE = "13990001234"


def _resident(world, *, party_member: bool = False) -> User:
    person = services.create_person(
        by=None,
        name="何静",
        phone=PHONE,
        id_number=_valid_id(),
        home_area=world.areas[HONGMENJIE],
        address="电子科大宿舍3栋101",
        is_party_member=party_member,
        party_org=world.orgs["huaxi"] if party_member else None,
    )
    user = create_user(
        username="hejing", password="Wulian-2026!x", by=None, person=person, display_name="何静"
    )
    grant_role(
        user=user,
        kind=RoleKind.PARTY_MEMBER if party_member else RoleKind.RESIDENT,
        org=world.orgs["huaxi" if party_member else "hongmenjie"],
        by=None,
    )
    return user


def _valid_id() -> str:
    from wulian.web.demo import id_number

    return id_number("510107", "19900101", 123)


def test_resident_files_a_request_once_and_it_is_audited(world, client):
    user = _resident(world)
    client.force_login(user)
    response = client.post(reverse("people:erasure_request"), {"reason": "搬离成都"})
    assert response.status_code == 302
    request = ErasureRequest.objects.get()
    assert (request.person, request.area.code, request.status, request.reason) == (
        user.person,
        HONGMENJIE,
        ErasureStatus.PENDING,
        "搬离成都",
    )
    assert (
        AuditEntry.objects.filter(action="erasure.request", object_id=str(request.pk)).count() == 1
    )
    again = client.post(reverse("people:erasure_request"), {"reason": "再次"})
    assert again.status_code == 400
    assert "您已有一份待处理的删除申请。" in again.content.decode()
    assert ErasureRequest.objects.count() == 1


def test_approval_anonymises_the_person_disables_the_account_and_detaches_cases(world, client):
    user = _resident(world)
    person = user.person
    case = Case.objects.create(
        area=world.areas[HONGMENJIE],
        category="neighbourhood",
        title="楼上漏水",
        description="楼上漏水",
        reporter=person,
    )
    counters.created(case)
    Notification.objects.create(user=user, kind="test", title="你好")
    request = services.request_erasure(by=user, reason="")
    client.force_login(world.users["hongmenjie_admin"])
    response = client.post(
        reverse("people:erasure_decide", args=[request.pk]), {"approve": "1", "note": ""}
    )
    assert response.status_code == 302
    person = Person.objects.get(pk=person.pk)
    assert (person.name, person.phone_encrypted, person.phone_index, person.phone_masked) == (
        "已注销居民",
        "",
        "",
        "",
    )
    assert (person.id_number_encrypted, person.id_number_index, person.id_number_masked) == (
        "",
        None,
        "",
    )
    assert (person.address_encrypted, person.address_masked, person.household_index) == ("", "", "")
    assert not Person.objects.filter(phone_index=blind_index(PHONE, purpose="phone")).exists()
    user = User.objects.get(pk=user.pk)
    assert (
        user.is_active,
        user.username,
        user.person_id,
        user.phone_index,
        user.has_usable_password(),
    ) == (False, f"erased-{user.pk}", None, None, False)
    assert list(user.roles.all()) == []
    case.refresh_from_db()
    assert (case.reporter_id, case.title) == (None, "楼上漏水")  # kept, detached
    assert Notification.objects.filter(user=user).count() == 0
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (
        ErasureStatus.APPROVED,
        world.users["hongmenjie_admin"],
    )
    entry = AuditEntry.objects.get(action="erasure.approve")
    assert PHONE not in str(entry.before) + str(entry.after)


def test_party_member_is_refused_with_the_retention_and_nothing_changes(world):
    user = _resident(world, party_member=True)
    request = services.request_erasure(by=user)
    with pytest.raises(ValidationError) as refused:
        services.decide_erasure(erasure=request, by=world.users["hongmenjie_admin"], approve=True)
    assert refused.value.messages == [
        "依法须保留，不能删除：党员信息依党内法规（党员档案管理）须保存，请向所在党组织申请"
    ]
    person = Person.objects.get(pk=user.person_id)
    assert (person.name, person.phone_index) == ("何静", blind_index(PHONE, purpose="phone"))
    assert User.objects.get(pk=user.pk).is_active is True
    request.refresh_from_db()
    assert request.status == ErasureStatus.PENDING
    assert not AuditEntry.objects.filter(action="erasure.approve").exists()


def test_refusal_needs_a_note_and_is_audited(world):
    user = _resident(world)
    request = services.request_erasure(by=user)
    staff = world.users["hongmenjie_admin"]
    with pytest.raises(ValidationError):
        services.decide_erasure(erasure=request, by=staff, approve=False, note="")
    request.refresh_from_db()
    assert request.status == ErasureStatus.PENDING
    services.decide_erasure(erasure=request, by=staff, approve=False, note="涉及尚在调解的纠纷")
    request.refresh_from_db()
    assert (request.status, request.decision_note) == (ErasureStatus.REFUSED, "涉及尚在调解的纠纷")
    assert (
        AuditEntry.objects.filter(action="erasure.refuse", object_id=str(request.pk)).count() == 1
    )
    assert Person.objects.get(pk=user.person_id).name == "何静"


def test_staff_of_another_community_cannot_see_or_decide(world, client):
    user = _resident(world)
    request = services.request_erasure(by=user)
    client.force_login(world.users["xihuamen_admin"])
    assert (
        client.post(
            reverse("people:erasure_decide", args=[request.pk]), {"approve": "1"}
        ).status_code
        == 404
    )
    assert "何静" not in client.get(reverse("people:erasure_list")).content.decode()
    request.refresh_from_db()
    assert request.status == ErasureStatus.PENDING
    assert Person.objects.get(pk=user.person_id).name == "何静"
