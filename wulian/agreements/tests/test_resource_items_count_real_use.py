"""An item backed by a shared resource counts what was really used in the month (bookings checked
in, and confirmed deliveries), never the resource's capacity: 530 open spaces are not 530 uses."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from wulian.agreements import services
from wulian.agreements.models import ItemKind, TargetPeriod
from wulian.agreements.selectors import fulfilment
from wulian.core import counters
from wulian.resources import services as resource_services
from wulian.resources.models import Booking, BookingStatus

pytestmark = pytest.mark.django_db

EVERY_DAY = [(d, dt.time(7), dt.time(22)) for d in range(7)]


@pytest.fixture
def parking_item(world, clock):
    admin, contact = world.users["hongmenjie_admin"], world.users["huaxi_contact"]
    parking = resource_services.create_resource(
        by=contact,
        org=world.orgs["huaxi"],
        name="畅行停测试停车场",
        kind="parking",
        area=world.areas["510107005008"],
        capacity=530,
        capacity_unit="个车位",
        hours=EVERY_DAY,
    )
    agreement = services.create_agreement(
        by=admin,
        party_org=world.orgs["hongmenjie"],
        unit=world.orgs["huaxi"],
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 12, 31),
    )
    item = services.add_item(
        agreement=agreement,
        by=admin,
        content="共享停车位",
        kind=ItemKind.RESOURCE,
        resource=parking,
        target_count=300,
        target_unit="车次/月",
        target_period=TargetPeriod.MONTH,
        responsible_org=world.orgs["huaxi"],
        responsible_person="后勤保障部",
    )
    services.submit_agreement(agreement=agreement, by=None)
    services.confirm_agreement(agreement=agreement, by=None)
    return item


def _booking(world, resource, *, day, status, quantity=1):
    tz = dt.timezone(dt.timedelta(hours=8))
    start = dt.datetime.combine(day, dt.time(9), tzinfo=tz)
    booking = Booking.objects.create(
        resource=resource,
        person=world.people["li_xiuying"],
        start=start,
        end=start + dt.timedelta(hours=2),
        quantity=quantity,
        status=status,
    )
    counters.created(booking)
    return booking


def test_open_parking_with_no_use_delivers_nothing(world, parking_item):
    agreement = parking_item.agreement
    [(_item, cells)] = fulfilment(agreement, [dt.date(2026, 11, 1), dt.date(2026, 12, 1)])
    assert [(c.delivered, c.target, c.status) for c in cells] == [(0, 300, "red"), (0, 300, "red")]


def test_checked_in_bookings_count_in_their_month_and_others_do_not(world, parking_item):
    parking = parking_item.resource
    _booking(world, parking, day=dt.date(2026, 11, 20), status=BookingStatus.CHECKED_IN, quantity=2)
    _booking(world, parking, day=dt.date(2026, 12, 1), status=BookingStatus.CHECKED_IN)
    _booking(world, parking, day=dt.date(2026, 12, 2), status=BookingStatus.NO_SHOW)
    _booking(world, parking, day=dt.date(2026, 12, 3), status=BookingStatus.CANCELLED)
    _booking(
        world, parking, day=dt.date(2026, 12, 4), status=BookingStatus.APPROVED
    )  # not yet used
    [(_item, cells)] = fulfilment(
        parking_item.agreement, [dt.date(2026, 11, 1), dt.date(2026, 12, 1)]
    )
    assert [c.delivered for c in cells] == [2, 1]


def test_a_resource_delivery_is_bounded_by_the_resources_capacity(world, parking_item):
    contact = world.users["huaxi_contact"]
    parking_item.target_count = 1000  # a target above the capacity: the capacity bounds the day
    parking_item.save(update_fields=["target_count"])
    with pytest.raises(ValidationError) as exc:
        services.record_delivery(
            item=parking_item, by=contact, date=dt.date(2026, 12, 9), count=531
        )
    assert exc.value.message_dict == {
        "count": [
            "数量531超过了共享资源“畅行停测试停车场”的容量（530个车位）：2026-12-09已记录0，当天最多还可记录530。"
        ]
    }
