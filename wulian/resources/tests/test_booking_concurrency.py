"""32 simultaneous bookings of a capacity-1 slot leave exactly one booking (real threads, real
transactions: SQLite IMMEDIATE here, select_for_update on PostgreSQL)."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from wulian.accounts.models import User
from wulian.accounts.services import grant_role
from wulian.core import counters
from wulian.figures.tests.helpers import assert_figures_consistent
from wulian.people.services import create_person
from wulian.resources import services
from wulian.resources.models import Booking
from wulian.resources.tests.conftest import at

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.concurrency]
THREADS = 32


def _race(calls) -> list[str]:
    outcomes: list[str] = []
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(next(iter(exc.message_dict)))
        except Exception as exc:  # noqa: BLE001 - any other error is a failure of the test
            outcomes.append(f"error: {exc!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def _residents(world, n):
    users = []
    for i in range(n):
        person = create_person(
            by=None, name=f"居民{i}", phone=f"1390000{i:04d}", home_area=world.areas["510107005008"]
        )
        user = User.objects.create(username=f"r{i}", person=person)
        grant_role(user=user, kind="resident", org=world.orgs["hongmenjie"], by=None)
        users.append(user)
    return users


def test_simultaneous_bookings_of_a_capacity_one_slot_leave_exactly_one(
    world, make_resource, clock
):
    resource = make_resource(name="唯一车位", capacity=1)
    users = _residents(world, THREADS)
    outcomes = _race(
        [
            lambda u=u: services.book_resource(
                resource=resource, by=u, start=at(2, 10), end=at(2, 11)
            )
            for u in users
        ]
    )
    assert sorted(set(outcomes)) == ["ok", "quantity"]
    assert outcomes.count("ok") == 1
    assert Booking.objects.filter(resource=resource).count() == 1
    assert_figures_consistent()


def test_one_person_booking_the_same_slot_simultaneously_gets_one(world, make_resource, clock):
    resource = make_resource(name="大车场", capacity=100)
    resident = world.users["resident_demo"]
    outcomes = _race(
        [
            lambda: services.book_resource(
                resource=resource, by=resident, start=at(2, 10), end=at(2, 11)
            )
            for _ in range(16)
        ]
    )
    assert outcomes.count("ok") == 1
    assert set(outcomes) == {"ok", "start"}
    assert Booking.objects.filter(resource=resource).count() == 1
    assert_figures_consistent()


def test_postgresql_refuses_overlapping_bookings_of_one_person_even_without_the_service(
    world, make_resource, clock
):
    """The exclusion constraint (migration 0002) makes a double booking impossible, not merely checked."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "exclusion constraints exist on PostgreSQL only; SQLite relies on IMMEDIATE transactions"
        )
    from django.db import IntegrityError

    resource = make_resource(name="约束车场", capacity=10)
    person = world.people["li_xiuying"]
    counters.created(
        Booking.objects.create(
            resource=resource, person=person, start=at(2, 10), end=at(2, 12), status="approved"
        )
    )
    with pytest.raises(IntegrityError):
        Booking.objects.create(
            resource=resource, person=person, start=at(2, 11), end=at(2, 13), status="pending"
        )
    assert_figures_consistent()


def test_32_simultaneous_api_requests_for_a_capacity_one_slot_get_one_201_and_no_5xx(
    world, live_server
):
    """Over HTTP against the live (threaded) server: one 201, the rest 422 naming the quantity.
    At most 8 requests are in flight at once: the test server's listen backlog is 10, and a
    connection it drops is the harness's limit, not the application's."""
    import json
    import urllib.error
    import urllib.request

    from django.urls import reverse

    from wulian.accounts.services import create_token

    resource = services.create_resource(
        by=None,
        org=world.orgs["huaxi"],
        name="唯一车位",
        kind="parking",
        area=world.areas["510107005008"],
        capacity=1,
        hours=[(d, dt.time(8), dt.time(20)) for d in range(7)],
    )
    tokens = [create_token(user=u, by=None) for u in _residents(world, THREADS)]
    url = live_server.url + reverse("api:resource_book", kwargs={"pk": resource.pk})
    # A slot well in the future (live_server runs in real time, not on the frozen clock).
    from django.utils import timezone

    day = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    body = json.dumps(
        {"start": f"{day}T10:00:00", "end": f"{day}T11:00:00", "plate": "川A12345"}
    ).encode()
    statuses: list[int] = []
    barrier = threading.Barrier(THREADS)
    in_flight = threading.Semaphore(8)

    def post(token):
        request = urllib.request.Request(  # noqa: S310 (live_server's http URL)
            url,
            data=body,
            method="POST",
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
            },
        )
        barrier.wait()
        with in_flight:
            try:
                with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (the same request)
                    statuses.append(response.status)
            except urllib.error.HTTPError as exc:
                statuses.append(exc.code)

    threads = [threading.Thread(target=post, args=(t,)) for t in tokens]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [201] + [422] * (THREADS - 1)
    assert Booking.objects.filter(resource=resource).count() == 1
    assert_figures_consistent()
