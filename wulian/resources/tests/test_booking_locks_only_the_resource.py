"""A booking locks the resource row, not the rows read beside it (its org and area): on
PostgreSQL ``select_for_update()`` with ``select_related`` locks every joined row, so bookings
held open in one community made need posts and other writers touching that area row wait, and a
benchmark of mixed writes deadlocked on ``areas_area``. The lock names its own table only."""

import pytest
from django.db import connection

from wulian.core.tests.concurrency import held_open, waiting_at_most
from wulian.resources import services
from wulian.resources.tests.conftest import at

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.concurrency]


def test_a_booking_held_open_does_not_lock_its_area_or_org(world, make_resource, clock):
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL only (SQLite serialises every writer)")
    resource = make_resource(name="锁范围测试室", capacity=5)
    resident = world.users["resident_demo"]

    def book() -> None:
        services.book_resource(resource=resource, by=resident, start=at(2, 10), end=at(2, 11))

    with held_open(book), waiting_at_most("2s"), connection.cursor() as cursor:
        # Both rows must be free: a lock wait here raises instead of passing.
        cursor.execute("SELECT id FROM areas_area WHERE id = %s FOR UPDATE", [resource.area_id])
        cursor.execute("SELECT id FROM orgs_org WHERE id = %s FOR UPDATE", [resource.org_id])
