"""Draft → awaiting confirmation → in force (both sides) → ended; drafts only are editable."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.agreements import services
from wulian.agreements.models import Agreement, AgreementStatus, ServiceItem
from wulian.audit.models import AuditEntry


def _state():
    return (
        list(Agreement.objects.order_by("pk").values_list("pk", "status", "version")),
        list(ServiceItem.objects.order_by("pk").values_list("pk", "target_count")),
        AuditEntry.objects.count(),
    )


def test_agreement_is_in_force_only_when_both_sides_confirmed(world, draft):
    admin, contact = world.users["hongmenjie_admin"], world.users["huaxi_contact"]
    services.submit_agreement(agreement=draft, by=admin)
    after_party = services.confirm_agreement(agreement=draft, by=admin)
    assert after_party.status == AgreementStatus.AWAITING
    assert after_party.party_confirmed_by == admin
    assert after_party.unit_confirmed_at is None
    after_unit = services.confirm_agreement(agreement=draft, by=contact)
    assert (after_unit.status, after_unit.unit_confirmed_by) == (AgreementStatus.IN_FORCE, contact)


def test_unit_confirming_first_then_party_also_puts_it_in_force(world, draft):
    services.submit_agreement(agreement=draft, by=world.users["hongmenjie_admin"])
    services.confirm_agreement(agreement=draft, by=world.users["huaxi_contact"])
    assert (
        services.confirm_agreement(agreement=draft, by=world.users["wuhou_admin"]).status
        == AgreementStatus.IN_FORCE
    )


def test_one_side_cannot_confirm_twice(world, draft):
    services.submit_agreement(agreement=draft, by=world.users["hongmenjie_admin"])
    services.confirm_agreement(agreement=draft, by=world.users["huaxi_contact"])
    before = _state()
    with pytest.raises(ValidationError) as exc:
        services.confirm_agreement(agreement=draft, by=world.users["huaxi_contact"])
    assert exc.value.message_dict == {"status": ["您这一方已经确认过。"]}
    assert _state() == before


def test_someone_not_party_to_it_is_refused_confirming_as_a_matter_of_rights(world, draft):
    services.submit_agreement(agreement=draft, by=world.users["hongmenjie_admin"])
    before = _state()
    with pytest.raises(PermissionDenied):
        services.confirm_agreement(agreement=draft, by=world.users["library_contact"])
    assert _state() == before


def test_draft_cannot_be_confirmed_before_it_is_submitted(world, draft):
    with pytest.raises(ValidationError) as exc:
        services.confirm_agreement(agreement=draft, by=world.users["huaxi_contact"])
    assert list(exc.value.message_dict) == ["status"]


def test_empty_draft_cannot_be_submitted(world, clock):
    agreement = services.create_agreement(
        by=world.users["hongmenjie_admin"],
        party_org=world.orgs["hongmenjie"],
        unit=world.orgs["huaxi"],
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 12, 31),
    )
    before = _state()
    with pytest.raises(ValidationError) as exc:
        services.submit_agreement(agreement=agreement, by=world.users["hongmenjie_admin"])
    assert list(exc.value.message_dict) == ["items"]
    assert _state() == before


def test_item_with_a_negative_target_is_refused(world, draft):
    before = _state()
    with pytest.raises(ValidationError) as exc:
        services.add_item(
            agreement=draft,
            by=world.users["hongmenjie_admin"],
            content="健康讲座",
            target_count=-3,
            target_unit="次/月",
            responsible_org=world.orgs["huaxi"],
            responsible_person="王建国",
        )
    assert exc.value.message_dict == {"target_count": ["目标数量不能为负数（填写了 -3）。"]}
    assert _state() == before


def test_changing_an_item_to_a_negative_target_is_refused(world, draft):
    item = draft.items.get()
    before = _state()
    with pytest.raises(ValidationError) as exc:
        services.update_item(item=item, by=world.users["hongmenjie_admin"], target_count=-1)
    assert list(exc.value.message_dict) == ["target_count"]
    assert _state() == before


def test_agreement_needs_a_leading_party_org_and_a_unit(world, clock):
    with pytest.raises(ValidationError) as exc:
        services.create_agreement(
            by=None,
            party_org=world.orgs["library"],
            unit=world.orgs["hongmenjie"],
            start=dt.date(2026, 1, 1),
            end=dt.date(2025, 1, 1),
        )
    assert set(exc.value.message_dict) == {"party_org", "unit", "end"}


def test_staff_outside_the_area_cannot_draft_it(world, clock):
    with pytest.raises(PermissionDenied):
        services.create_agreement(
            by=world.users["xihuamen_admin"],
            party_org=world.orgs["hongmenjie"],
            unit=world.orgs["huaxi"],
            start=dt.date(2026, 1, 1),
            end=dt.date(2026, 12, 31),
        )


def test_agreement_in_force_cannot_be_edited_in_place(world, in_force):
    item = in_force.items.get()
    before = _state()
    with pytest.raises(ValidationError) as exc:
        services.update_item(item=item, by=world.users["hongmenjie_admin"], target_count=12)
    assert "新版本" in exc.value.message_dict["status"][0]
    with pytest.raises(ValidationError):
        services.update_agreement(
            agreement=in_force, by=world.users["hongmenjie_admin"], title="改"
        )
    assert _state() == before


def test_agreement_in_force_can_be_ended(world, in_force):
    ended = services.end_agreement(
        agreement=in_force, by=world.users["hongmenjie_admin"], reason="到期"
    )
    assert ended.status == AgreementStatus.ENDED
