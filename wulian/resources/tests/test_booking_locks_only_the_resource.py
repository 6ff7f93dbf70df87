"""A booking locks the resource row, not the rows read beside it (its org and area): on
PostgreSQL ``select_for_update()`` with ``select_related`` locks every joined row, so bookings
held open in one community made need posts and other writers touching that area row wait, and a
benchmark of mixed writes deadlocked on ``areas_area``. The lock names its own table only."""

import threading

import pytest
from django.db import connection, transaction

from wulian.resources import services
from wulian.resources.tests.conftest import at

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.concurrency]


def test_a_booking_held_open_does_not_lock_its_area_or_org(world, make_resource, clock):
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL only (SQLite serialises every writer)")
    resource = make_resource(name="锁范围测试室", capacity=5)
    resident = world.users["resident_demo"]
    held, release, errors = threading.Event(), threading.Event(), []

    def book_and_hold():
        try:
            with transaction.atomic():
                services.book_resource(
                    resource=resource, by=resident, start=at(2, 10), end=at(2, 11)
                )
                held.set()
                assert release.wait(timeout=60)
        except Exception as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=book_and_hold)
    thread.start()
    try:
        assert held.wait(timeout=60)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '2s'")
            # Both rows must be free: a lock wait here raises instead of passing.
            cursor.execute("SELECT id FROM areas_area WHERE id = %s FOR UPDATE", [resource.area_id])
            cursor.execute("SELECT id FROM orgs_org WHERE id = %s FOR UPDATE", [resource.org_id])
    finally:
        release.set()
        thread.join()
    assert errors == []
