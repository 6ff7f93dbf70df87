import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.funds import services
from wulian.funds.models import Allocation, LedgerEntry
from wulian.funds.selectors import allocation_balance, fund_balance
from wulian.notifications.models import Notification
from wulian.web.demo import HONGMENJIE, QINGYUAN, XIHUAMEN, XIYUHE

DAY = dt.date(2031, 3, 1)


def test_allocation_moves_money_from_fund_to_community_through_its_party_org(world, make_fund):
    fund = make_fund("100000")
    allocation = services.allocate(
        by=world.users["city_admin"],
        fund=fund,
        community=world.areas[XIHUAMEN],
        amount="30000.50",
        allocated_on=DAY,
        purpose="惠民超市",
    )
    assert allocation.party_org == world.orgs["xihuamen"]
    assert fund_balance(fund.pk) == Decimal("69999.50")
    assert allocation_balance(allocation.pk) == Decimal("30000.50")
    entry = LedgerEntry.objects.get(allocation=allocation)
    assert (entry.kind, entry.amount, entry.by, entry.reason) == (
        "allocation",
        Decimal("30000.50"),
        world.users["city_admin"],
        "惠民超市",
    )


def test_allocation_notifies_the_community_party_orgs_admins(
    world, make_fund, django_capture_on_commit_callbacks
):
    fund = make_fund("100000")
    with django_capture_on_commit_callbacks(execute=True):
        allocation = services.allocate(
            by=None, fund=fund, community=world.areas[XIHUAMEN], amount="10", allocated_on=DAY
        )
    sent = Notification.objects.filter(
        kind="fund.allocated", url=f"/funds/allocations/{allocation.pk}/"
    )
    assert list(sent.values_list("user__username", flat=True)) == ["xihuamen_admin"]


def _refused(world, fund, field, message, **kwargs):
    before = (Allocation.objects.count(), LedgerEntry.objects.count(), fund_balance(fund.pk))
    args = {
        "by": world.users["city_admin"],
        "fund": fund,
        "community": world.areas[XIHUAMEN],
        "amount": "1000",
        "allocated_on": DAY,
    } | kwargs
    with pytest.raises(ValidationError) as exc:
        services.allocate(**args)
    assert exc.value.message_dict == {field: [message]}
    assert (
        Allocation.objects.count(),
        LedgerEntry.objects.count(),
        fund_balance(fund.pk),
    ) == before


def test_allocation_beyond_the_balance_is_refused_and_nothing_is_written(world, make_fund):
    fund = make_fund("100000")
    _refused(
        world,
        fund,
        "amount",
        "拨付金额100,000.01 元超过资金余额100,000.00 元。",
        amount="100000.01",
    )


def test_negative_allocation_is_refused(world, make_fund):
    _refused(world, make_fund(), "amount", "金额不能为负数。", amount="-5")


def test_allocation_to_a_street_is_refused(world, make_fund):
    _refused(
        world, make_fund(), "community", "资金只能拨付到社区(村)。", community=world.areas[XIYUHE]
    )


def test_district_fund_cannot_allocate_outside_its_district(world, qingyang_fund):
    _refused(
        world,
        qingyang_fund,
        "community",
        "黉门街社区不在青羊区的范围内。",
        community=world.areas[HONGMENJIE],
    )


def test_a_community_admin_may_not_allocate_from_the_city_fund(world, make_fund):
    fund = make_fund()
    with pytest.raises(PermissionDenied):
        services.allocate(
            by=world.users["xihuamen_admin"],
            fund=fund,
            community=world.areas[XIHUAMEN],
            amount="1",
            allocated_on=DAY,
        )
    with pytest.raises(PermissionDenied):
        services.allocate(
            by=world.users["qingyang_admin"],
            fund=fund,
            community=world.areas[QINGYUAN],
            amount="1",
            allocated_on=DAY,
        )
    assert Allocation.objects.filter(fund=fund).count() == 0


def test_returned_allocation_goes_back_to_the_fund_as_a_new_entry(world, make_fund):
    fund = make_fund("1000")
    allocation = services.allocate(
        by=None, fund=fund, community=world.areas[XIHUAMEN], amount="600", allocated_on=DAY
    )
    services.return_allocation(
        by=world.users["city_admin"], allocation=allocation, amount="100", reason="结余退回"
    )
    assert (fund_balance(fund.pk), allocation_balance(allocation.pk)) == (
        Decimal("500.00"),
        Decimal("500.00"),
    )
    assert LedgerEntry.objects.filter(allocation=allocation).count() == 2
    with pytest.raises(ValidationError) as exc:
        services.return_allocation(by=None, allocation=allocation, amount="500.01", reason="x")
    assert exc.value.message_dict == {
        "amount": ["退回金额500.01 元超过该拨付的未支出余额500.00 元。"]
    }


def test_fund_source_must_be_a_department_and_positive(world, make_fund):
    fund = make_fund("10")
    count = LedgerEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.add_fund_source(
            by=None, fund=fund, department=world.orgs["library"], amount="5", received_on=DAY
        )
    assert exc.value.message_dict == {"department": ["来源必须是条线部门。"]}
    with pytest.raises(ValidationError):
        services.add_fund_source(
            by=None, fund=fund, department=world.orgs["dept_law"], amount="-5", received_on=DAY
        )
    assert LedgerEntry.objects.count() == count
    assert fund_balance(fund.pk) == Decimal("10.00")


def test_a_receipt_correction_cannot_take_back_money_already_allocated(world, make_fund):
    fund = make_fund("1000")
    services.allocate(
        by=None, fund=fund, community=world.areas[XIHUAMEN], amount="900", allocated_on=DAY
    )
    source = fund.sources.get()
    with pytest.raises(ValidationError) as exc:
        services.correct_receipt(by=None, source=source, amount="200", reason="多记")
    assert exc.value.message_dict == {"amount": ["冲减后资金余额为负：当前可用余额为100.00 元。"]}
    services.correct_receipt(by=None, source=source, amount="100", reason="多记")
    assert fund_balance(fund.pk) == Decimal("0.00")
