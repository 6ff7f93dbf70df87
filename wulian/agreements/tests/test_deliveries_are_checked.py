"""What a unit reports under an agreement is checked before it counts: a delivery's count is
bounded by the item's target (one day cannot deliver more than the whole target), its
beneficiaries by its count, and it counts toward fulfilment and the figures only once the
community (the party side) confirms it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from wulian.agreements import services
from wulian.agreements.models import Delivery, DeliveryStatus
from wulian.agreements.selectors import fulfilment
from wulian.agreements.tasks import watch_unconfirmed_deliveries
from wulian.audit.models import AuditEntry
from wulian.figures import services as figures
from wulian.figures.selectors import counter_value
from wulian.notifications.models import Notification

pytestmark = pytest.mark.django_db

DECEMBER = [dt.date(2026, 12, 1)]


def _nothing_written():
    return Delivery.objects.count(), AuditEntry.objects.count()


def test_a_million_beneficiaries_in_one_day_are_refused_and_nothing_is_written(world, in_force):
    item = in_force.items.get()
    before = _nothing_written()
    with pytest.raises(ValidationError) as exc:
        services.record_delivery(
            item=item,
            by=world.users["huaxi_contact"],
            date=dt.date(2026, 12, 9),
            count=1,
            beneficiaries=1_000_000,
        )
    assert exc.value.message_dict == {
        "beneficiaries": ["受益人数1000000超过上限：每次服务最多200人，本次数量1，最多200人。"]
    }
    assert _nothing_written() == before


def test_a_day_cannot_deliver_more_than_the_items_whole_target(world, in_force):
    item = in_force.items.get()  # 免费义诊, 10 次/月
    contact = world.users["huaxi_contact"]
    before = _nothing_written()
    with pytest.raises(ValidationError) as exc:
        services.record_delivery(
            item=item, by=contact, date=dt.date(2026, 12, 9), count=1000, beneficiaries=30
        )
    assert exc.value.message_dict == {
        "count": [
            "数量1000超过了服务项目“免费义诊”的目标（10次/月）：2026-12-09已记录0，当天最多还可记录10。"
        ]
    }
    assert _nothing_written() == before
    services.record_delivery(item=item, by=contact, date=dt.date(2026, 12, 9), count=6)
    with pytest.raises(ValidationError) as exc:
        services.record_delivery(item=item, by=contact, date=dt.date(2026, 12, 9), count=5)
    assert exc.value.message_dict == {
        "count": [
            "数量5超过了服务项目“免费义诊”的目标（10次/月）：2026-12-09已记录6，当天最多还可记录4。"
        ]
    }


def test_a_delivery_counts_only_once_the_community_confirms_it(world, in_force):
    item = in_force.items.get()
    delivery = services.record_delivery(
        item=item,
        by=world.users["huaxi_contact"],
        date=dt.date(2026, 12, 3),
        count=4,
        beneficiaries=60,
    )
    assert delivery.status == DeliveryStatus.PENDING
    [(_item, [cell])] = fulfilment(in_force, DECEMBER)
    assert (cell.delivered, cell.pending, cell.status) == (0, 4, "red")
    services.confirm_delivery(delivery=delivery, by=world.users["hongmenjie_admin"])
    [(_item, [cell])] = fulfilment(in_force, DECEMBER)
    assert (cell.delivered, cell.pending, cell.status) == (4, 0, "red")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.decided_by) == (
        DeliveryStatus.CONFIRMED,
        world.users["hongmenjie_admin"],
    )


def test_the_unit_cannot_confirm_its_own_delivery(world, in_force):
    delivery = services.record_delivery(
        item=in_force.items.get(),
        by=world.users["huaxi_contact"],
        date=dt.date(2026, 12, 3),
        count=2,
    )
    audit = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied):
        services.confirm_delivery(delivery=delivery, by=world.users["huaxi_contact"])
    delivery.refresh_from_db()
    assert (delivery.status, AuditEntry.objects.count()) == (DeliveryStatus.PENDING, audit)


def test_recorded_by_the_community_itself_it_counts_at_once(world, in_force):
    delivery = services.record_delivery(
        item=in_force.items.get(),
        by=world.users["hongmenjie_admin"],
        date=dt.date(2026, 12, 3),
        count=2,
    )
    assert (delivery.status, delivery.decided_by) == (
        DeliveryStatus.CONFIRMED,
        world.users["hongmenjie_admin"],
    )


def test_rejecting_needs_a_reason_and_frees_the_days_count(world, in_force):
    item = in_force.items.get()
    admin, contact = world.users["hongmenjie_admin"], world.users["huaxi_contact"]
    delivery = services.record_delivery(item=item, by=contact, date=dt.date(2026, 12, 3), count=10)
    with pytest.raises(ValidationError) as exc:
        services.reject_delivery(delivery=delivery, by=admin, note="")
    assert exc.value.message_dict == {"note": ["请填写不予确认的理由。"]}
    services.reject_delivery(delivery=delivery, by=admin, note="当天义诊未开展")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.decision_note) == (DeliveryStatus.REJECTED, "当天义诊未开展")
    [(_item, [cell])] = fulfilment(in_force, DECEMBER)
    assert (cell.delivered, cell.pending) == (0, 0)
    services.record_delivery(
        item=item, by=contact, date=dt.date(2026, 12, 3), count=10
    )  # the day is free again


def test_overdue_confirmation_is_flagged_to_the_community_once(
    world, in_force, clock, settings, django_capture_on_commit_callbacks
):
    settings.WULIAN_DELIVERY_CONFIRM_DAYS = 7
    delivery = services.record_delivery(
        item=in_force.items.get(),
        by=world.users["huaxi_contact"],
        date=dt.date(2026, 12, 3),
        count=2,
    )
    assert abs(
        delivery.confirm_due_at - delivery.recorded_at - dt.timedelta(days=7)
    ) < dt.timedelta(seconds=1)
    clock.shift(dt.timedelta(days=7, minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        watch_unconfirmed_deliveries()
        watch_unconfirmed_deliveries()
    delivery.refresh_from_db()
    assert delivery.flagged_at is not None
    admin = world.users["hongmenjie_admin"]
    assert (
        Notification.objects.filter(
            user=admin, kind="delivery.confirm_overdue", title__contains="免费义诊 2026-12-03"
        ).count()
        == 1
    )


def test_over_delivery_shows_as_100_percent_with_the_surplus_not_as_a_huge_percentage(
    world, in_force, client, login
):
    item = in_force.items.get()
    admin = world.users["hongmenjie_admin"]
    for day in (1, 2):
        services.record_delivery(item=item, by=admin, date=dt.date(2026, 12, day), count=10)
    [(_item, [cell])] = fulfilment(in_force, DECEMBER)
    assert (cell.delivered, cell.target, cell.percent, cell.surplus, cell.status) == (
        20,
        10,
        100,
        10,
        "green",
    )
    login("hongmenjie_admin")
    page = client.get(reverse("agreements:detail", args=[in_force.pk])).content.decode()
    assert "200%" not in page
    assert "超额10" in page
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(
        io.BytesIO(client.get(reverse("agreements:fulfilment_export", args=[in_force.pk])).content)
    ).active
    header = [c.value for c in sheet[1]]
    december = next(
        row for row in sheet.iter_rows(min_row=2, values_only=True) if row[5] == "2026-12"
    )
    assert [december[header.index(h)] for h in ("完成", "完成率(%)", "超额")] == [20, 100, 10]


def _counter(area, key):
    return counter_value(area, key)


def test_figures_count_only_confirmed_deliveries(world, in_force):
    community = world.areas["510107005008"]
    before = (
        _counter(community, "agreements.fulfilled"),
        _counter(community, "agreements.delivered"),
    )
    delivery = services.record_delivery(
        item=in_force.items.get(),
        by=world.users["huaxi_contact"],
        date=dt.date(2026, 12, 3),
        count=3,
    )
    assert (
        _counter(community, "agreements.fulfilled"),
        _counter(community, "agreements.delivered"),
    ) == before
    services.confirm_delivery(delivery=delivery, by=world.users["hongmenjie_admin"])
    assert (
        _counter(community, "agreements.fulfilled"),
        _counter(community, "agreements.delivered"),
    ) == (before[0] + 1, before[1] + 3)
    assert figures.check() == []
