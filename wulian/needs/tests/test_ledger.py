"""利益补偿: confirmed hours and points are credited as ledger entries; balances are sums;
a correction is a new entry, never a change."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.needs import selectors, services
from wulian.needs.models import CompensationEntry
from wulian.needs.tests.helpers import claimed_hours_ago, huaxi, post

pytestmark = pytest.mark.django_db


def _served(world, *, hours, by="huaxi_contact", title="服务"):
    need = post(world, title=title)
    user = world.users[by]
    services.claim_need(need=need, by=user, provider=huaxi(world) if by == "huaxi_contact" else None)
    claimed_hours_ago(need)
    services.fulfil_need(need=need, by=user, note="完成", hours=hours)
    services.confirm_need(need=need, by=world.users["resident_demo"], score=5)
    return need


def test_balance_is_the_sum_of_entries(world):
    org = world.orgs["huaxi"]
    before = selectors.org_balance(org.pk)
    _served(world, hours="1.5", title="一")
    _served(world, hours="2", title="二")
    after = selectors.org_balance(org.pk)
    assert (after.hours - before.hours, after.points - before.points, after.entries - before.entries) == (
        Decimal("3.5"), 35, 2)


def test_unconfirmed_service_is_not_credited(world):
    need = post(world)
    services.claim_need(need=need, by=world.users["huaxi_contact"], provider=huaxi(world))
    claimed_hours_ago(need)
    services.fulfil_need(need=need, by=world.users["huaxi_contact"], note="完成", hours=3)
    assert CompensationEntry.objects.filter(need=need).count() == 0


def test_correction_is_a_new_entry_and_the_original_stays(world):
    need = _served(world, hours="2", by="member_demo")
    original = CompensationEntry.objects.get(need=need)
    wang = world.people["wang_jianguo"]
    before = selectors.person_balance(wang.pk)
    fix = services.correct_compensation(by=world.users["city_admin"], reason="时长多记了0.5小时",
                                        hours="-0.5", points=-5, corrects=original)
    assert (fix.person, fix.org, fix.need, fix.corrects) == (wang, world.orgs["huaxi"], need, original)
    assert CompensationEntry.objects.get(pk=original.pk).hours == Decimal("2.0")
    after = selectors.person_balance(wang.pk)
    assert (after.hours - before.hours, after.points - before.points) == (Decimal("-0.5"), -5)


def test_correction_needs_a_reason_and_an_amount_and_an_admin(world):
    wang = world.people["wang_jianguo"]
    count = CompensationEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.correct_compensation(by=world.users["city_admin"], reason="", points=5, person=wang)
    assert exc.value.message_dict == {"reason": ["请填写更正事由。"]}
    with pytest.raises(ValidationError) as exc:
        services.correct_compensation(by=world.users["city_admin"], reason="x", person=wang)
    assert exc.value.message_dict == {"points": ["更正的时长和积分不能都为0。"]}
    with pytest.raises(PermissionDenied):
        services.correct_compensation(by=world.users["huaxi_contact"], reason="x", points=5, person=wang)
    with pytest.raises(PermissionDenied):  # 西华门 admin: 王建国 lives in 黉门街社区
        services.correct_compensation(by=world.users["xihuamen_admin"], reason="x", points=5, person=wang)
    assert CompensationEntry.objects.count() == count


def test_a_need_is_credited_once(world):
    from django.db import IntegrityError, transaction

    need = _served(world, hours="1")
    with pytest.raises(IntegrityError), transaction.atomic():
        CompensationEntry.objects.create(org=world.orgs["huaxi"], need=need, hours=1, points=10, reason="重复")
