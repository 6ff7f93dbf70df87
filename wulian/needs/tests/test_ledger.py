"""利益补偿: confirmed hours and points are credited as ledger entries; balances are sums;
a correction is a new entry, never a change."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.accounts.models import RoleKind
from wulian.accounts.tests.factories import PartyMemberFactory, UserFactory
from wulian.areas.tests.factories import CommunityFactory
from wulian.needs import selectors, services
from wulian.needs.models import CommunityRegistration, CompensationEntry
from wulian.needs.tests.factories import NeedFactory, unit_provider
from wulian.needs.tests.helpers import claimed_hours_ago
from wulian.orgs.tests.factories import GovernanceCommitteeFactory, PartyOrgFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    """A community with a resident's needs, a unit nearby (its contact serves), a party member of
    that unit registered there, the city's admin and the admin of the next community."""
    community = CommunityFactory()
    contact, provider = unit_provider(community)
    unit = contact.roles.get().org
    member = PartyMemberFactory(person__home_area=community, person__party_org=unit)
    CommunityRegistration.objects.create(person=member.person, community=community)
    city = community.parent.parent.parent
    return SimpleNamespace(
        community=community,
        unit=unit,
        contact=contact,
        provider=provider,
        member=member,
        city_admin=UserFactory(role=RoleKind.CITY_ADMIN, org=GovernanceCommitteeFactory(area=city)),
        next_admin=UserFactory(
            role=RoleKind.COMMUNITY_ADMIN,
            org=PartyOrgFactory(leads=CommunityFactory(parent=community.parent)),
        ),
    )


def _post(w, title="帮忙取药"):
    return NeedFactory(poster__person__home_area=w.community, title=title)


def _served(w, *, hours, by="contact", title="服务"):
    need = _post(w, title=title)
    user = getattr(w, by)
    services.claim_need(need=need, by=user, provider=w.provider if by == "contact" else None)
    claimed_hours_ago(need)
    services.fulfil_need(need=need, by=user, note="完成", hours=hours)
    services.confirm_need(need=need, by=need.poster, score=5)
    return need


def test_balance_is_the_sum_of_entries(w):
    org = w.unit
    before = selectors.org_balance(org.pk)
    _served(w, hours="1.5", title="一")
    _served(w, hours="2", title="二")
    after = selectors.org_balance(org.pk)
    assert (
        after.hours - before.hours,
        after.points - before.points,
        after.entries - before.entries,
    ) == (Decimal("3.5"), 35, 2)


def test_unconfirmed_service_is_not_credited(w):
    need = _post(w)
    services.claim_need(need=need, by=w.contact, provider=w.provider)
    claimed_hours_ago(need)
    services.fulfil_need(need=need, by=w.contact, note="完成", hours=3)
    assert CompensationEntry.objects.filter(need=need).count() == 0


def test_correction_is_a_new_entry_and_the_original_stays(w):
    need = _served(w, hours="2", by="member")
    original = CompensationEntry.objects.get(need=need)
    wang = w.member.person
    before = selectors.person_balance(wang.pk)
    fix = services.correct_compensation(
        by=w.city_admin, reason="时长多记了0.5小时", hours="-0.5", points=-5, corrects=original
    )
    assert (fix.person, fix.org, fix.need, fix.corrects) == (wang, w.unit, need, original)
    assert CompensationEntry.objects.get(pk=original.pk).hours == Decimal("2.0")
    after = selectors.person_balance(wang.pk)
    assert (after.hours - before.hours, after.points - before.points) == (Decimal("-0.5"), -5)


def test_correction_needs_a_reason_and_an_amount_and_an_admin(w):
    wang = w.member.person
    count = CompensationEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.correct_compensation(by=w.city_admin, reason="", points=5, person=wang)
    assert exc.value.message_dict == {"reason": ["请填写更正事由。"]}
    with pytest.raises(ValidationError) as exc:
        services.correct_compensation(by=w.city_admin, reason="x", person=wang)
    assert exc.value.message_dict == {"points": ["更正的时长和积分不能都为0。"]}
    with pytest.raises(PermissionDenied):
        services.correct_compensation(by=w.contact, reason="x", points=5, person=wang)
    with pytest.raises(PermissionDenied):  # the next community's admin: the member lives here
        services.correct_compensation(by=w.next_admin, reason="x", points=5, person=wang)
    assert CompensationEntry.objects.count() == count


def test_a_need_is_credited_once(w):
    from django.db import IntegrityError, transaction

    need = _served(w, hours="1")
    with pytest.raises(IntegrityError), transaction.atomic():
        CompensationEntry.objects.create(org=w.unit, need=need, hours=1, points=10, reason="重复")
