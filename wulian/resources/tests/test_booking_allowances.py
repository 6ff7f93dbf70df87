"""One person, and one household, may hold only so much of a resource per day and per week: the
530 spaces of a car park or the 20 numbers of a clinic cannot go to one resident."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wulian.audit.models import AuditEntry
from wulian.core import counters
from wulian.people.services import create_person
from wulian.resources import services
from wulian.resources.models import Booking, BookingStatus
from wulian.resources.tests.conftest import at

pytestmark = pytest.mark.django_db

CAPS = {"per_person_day": 2, "per_person_week": 6, "per_household_day": 4, "per_household_week": 12}


def _unchanged():
    return Booking.objects.count(), AuditEntry.objects.count()


def _refused(call, field, message):
    before = _unchanged()
    with pytest.raises(ValidationError) as exc:
        call()
    assert exc.value.message_dict == {field: [message]}
    assert _unchanged() == before


def test_all_530_spaces_for_one_day_are_refused(world, make_resource, clock):
    parking = make_resource(
        name="畅行停测试", kind="parking", capacity=530, capacity_unit="个车位", **CAPS
    )
    _refused(
        lambda: services.book_resource(
            resource=parking,
            by=world.users["resident_demo"],
            start=at(2, 9),
            end=at(2, 19),
            quantity=530,
            plate="川A12345",
        ),
        "quantity",
        "每人每天最多预约2个车位：2026-12-02您已预约0个车位，本次最多还可预约2个车位。",
    )


def test_all_20_clinic_numbers_in_one_booking_are_refused(world, make_resource, clock):
    clinic = make_resource(
        name="义诊测试", kind="clinic", capacity=20, capacity_unit="个号", **CAPS
    )
    _refused(
        lambda: services.book_resource(
            resource=clinic,
            by=world.users["resident_demo"],
            start=at(2, 9),
            end=at(2, 10),
            quantity=20,
        ),
        "quantity",
        "每人每天最多预约2个号：2026-12-02您已预约0个号，本次最多还可预约2个号。",
    )


def test_the_days_allowance_counts_every_booking_that_day_and_not_cancelled_ones(
    world, make_resource, clock
):
    venue = make_resource(name="活动室", capacity=10, **CAPS)
    resident = world.users["resident_demo"]
    first = services.book_resource(resource=venue, by=resident, start=at(2, 9), end=at(2, 10))
    services.book_resource(resource=venue, by=resident, start=at(2, 11), end=at(2, 12))
    _refused(
        lambda: services.book_resource(resource=venue, by=resident, start=at(2, 14), end=at(2, 15)),
        "quantity",
        "每人每天最多预约2间：2026-12-02您已预约2间，本次最多还可预约0间。",
    )
    services.cancel_booking(booking=first, by=resident)
    services.book_resource(resource=venue, by=resident, start=at(2, 14), end=at(2, 15))


def test_no_shows_use_up_the_allowance(world, make_resource, clock):
    venue = make_resource(name="活动室", capacity=10, **CAPS)
    resident = world.users["resident_demo"]
    booking = services.book_resource(
        resource=venue, by=resident, start=at(2, 9), end=at(2, 10), quantity=2
    )
    counters.update(Booking.objects.filter(pk=booking.pk), status=BookingStatus.NO_SHOW)
    _refused(
        lambda: services.book_resource(resource=venue, by=resident, start=at(2, 14), end=at(2, 15)),
        "quantity",
        "每人每天最多预约2间：2026-12-02您已预约2间，本次最多还可预约0间。",
    )


def test_the_weeks_allowance_runs_monday_to_sunday(world, make_resource, clock):
    venue = make_resource(name="活动室", capacity=10, **CAPS)
    resident = world.users["resident_demo"]
    for day in (1, 2, 3):  # Tuesday to Thursday of the week that began on Monday 30 November
        services.book_resource(
            resource=venue, by=resident, start=at(day, 10), end=at(day, 12), quantity=2
        )
    _refused(
        lambda: services.book_resource(resource=venue, by=resident, start=at(4, 10), end=at(4, 11)),
        "quantity",
        "每人每周最多预约6间：本周（11-30起）您已预约6间，本次最多还可预约0间。",
    )
    services.book_resource(
        resource=venue, by=resident, start=at(7, 10), end=at(7, 11)
    )  # the next Monday


def test_a_household_shares_its_allowance(world, make_resource, clock):
    venue = make_resource(name="活动室", capacity=10, **{**CAPS, "per_household_day": 3})
    from wulian.accounts.models import User
    from wulian.accounts.services import grant_role

    users = []
    for i, address in enumerate(
        ["黉门街52号2栋1单元302", "黉门街５２号 2栋1单元302", "黉门街52号2栋1单元303"]
    ):
        person = create_person(
            by=None,
            name=f"住户{i}",
            phone=f"1390002000{i}",
            home_area=world.areas["510107005008"],
            address=address,
        )
        user = User.objects.create(username=f"household{i}", person=person)
        grant_role(user=user, kind="resident", org=world.orgs["hongmenjie"], by=None)
        users.append(user)
    services.book_resource(resource=venue, by=users[0], start=at(2, 9), end=at(2, 10), quantity=2)
    _refused(
        lambda: services.book_resource(
            resource=venue, by=users[1], start=at(2, 11), end=at(2, 12), quantity=2
        ),
        "quantity",
        "每户每天最多预约3间：2026-12-02您家已预约2间，本次最多还可预约1间。",
    )
    services.book_resource(resource=venue, by=users[1], start=at(2, 11), end=at(2, 12), quantity=1)
    services.book_resource(
        resource=venue, by=users[2], start=at(2, 11), end=at(2, 12), quantity=2
    )  # next door


def test_parking_needs_a_valid_licence_plate(world, make_resource, clock):
    parking = make_resource(
        name="停车测试", kind="parking", capacity=10, capacity_unit="个车位", **CAPS
    )
    resident = world.users["resident_demo"]

    def book(plate):
        return services.book_resource(
            resource=parking, by=resident, start=at(2, 9), end=at(2, 10), plate=plate
        )

    _refused(lambda: book(""), "plate", "预约停车位请填写车牌号。")
    _refused(
        lambda: book("川I12345"),
        "plate",
        "车牌号“川I12345”格式不对：应为省份简称、字母和5位号码（如 川A12345），新能源车为6位（如 川AD12345）。",
    )
    _refused(
        lambda: book("AB12345"),
        "plate",
        "车牌号“AB12345”格式不对：应为省份简称、字母和5位号码（如 川A12345），新能源车为6位（如 川AD12345）。",
    )
    assert book(" 川a·d1234 5 ").plate == "川AD12345"


@pytest.mark.parametrize(
    "plate", ["川A12345", "京N8P8F8", "川AD12345", "川AFA1234", "粤B12345D", "川A1234学"]
)
def test_mainland_plates_are_accepted(plate):
    from wulian.core.validators import validate_plate

    validate_plate(plate)


def test_the_fee_is_quoted_and_kept_with_the_booking(world, make_resource, clock):
    paid = make_resource(
        name="收费车场",
        kind="parking",
        capacity=10,
        capacity_unit="个车位",
        terms="fee",
        terms_text="按小时收费",
        fee_amount="2.50",
        fee_unit="hour",
        **CAPS,
    )
    booking = services.book_resource(
        resource=paid,
        by=world.users["resident_demo"],
        start=at(2, 9),
        end=at(2, 11, 30),
        quantity=2,
        plate="川A12345",
    )
    assert (booking.fee, paid.fee_display) == (Decimal("15.00"), "2.50元/小时")
    free = make_resource(name="免费活动室", capacity=10, **CAPS)
    assert (
        services.book_resource(
            resource=free, by=world.users["resident_demo"], start=at(2, 9), end=at(2, 10)
        ).fee
        is None
    )
    assert free.fee_display == "免费"


def test_fee_and_allowance_are_shown_before_booking(world, make_resource, client, login, clock):
    paid = make_resource(
        name="收费车场",
        kind="parking",
        capacity=10,
        capacity_unit="个车位",
        terms="fee",
        terms_text="按小时收费",
        fee_amount="2.50",
        fee_unit="hour",
        **CAPS,
    )
    login("resident_demo")
    from django.urls import reverse

    page = client.get(reverse("resources:book", args=[paid.pk])).content.decode()
    assert "费用：2.50元/小时" in page
    assert "每人每天2、每周6；每户每天4、每周12（个车位）" in page
    assert 'name="plate"' in page


def test_week_bounds_are_local_days(world, clock):
    start = dt.datetime(
        2026, 12, 6, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))
    )  # Sunday night
    day_start, day_end, week_start, week_end = services._local_day_and_week(start)
    assert (f"{day_start:%m-%d %H:%M}", f"{week_start:%m-%d}", f"{week_end:%m-%d}") == (
        "12-06 00:00",
        "11-30",
        "12-07",
    )
