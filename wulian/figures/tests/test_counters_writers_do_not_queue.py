"""On PostgreSQL, writers in different communities of one street do not wait on each other for
the street's, district's or city's counter rows: inside a writer's transaction only its own
area's rows are locked, the ancestors' deltas are appended to the pending table. A writer in the
SAME community does wait (the own row is locked): the probe below is able to see waiting."""

import threading

import pytest
from django.db import OperationalError, connection, transaction

from wulian.areas.models import Area
from wulian.core import counters
from wulian.figures import services
from wulian.figures.selectors import counter_value
from wulian.orgs.models import Kind, Org
from wulian.web.demo import XIHUAMEN

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.concurrency]


def _add_org(area: Area, name: str) -> None:
    counters.created(Org.objects.create(name=name, kind=Kind.PRIVATE_FIRM, area=area))


def _hold_open(
    area: Area, name: str, held: threading.Event, release: threading.Event, errors: list
) -> None:
    """Apply a counter change in ``area`` and keep the transaction open until released."""
    try:
        with transaction.atomic():
            _add_org(area, name)
            held.set()
            assert release.wait(timeout=60)
    except Exception as exc:  # noqa: BLE001 - asserted by the test
        errors.append(exc)
    finally:
        connection.close()


def _probe(area: Area, name: str, timeout: str) -> None:
    """Apply a counter change in ``area`` on this connection, failing instead of waiting longer
    than ``timeout`` for a lock."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{timeout}'")
        _add_org(area, name)


def _with_open_writer(area: Area, name: str, then) -> None:
    held, release, errors = threading.Event(), threading.Event(), []
    thread = threading.Thread(target=_hold_open, args=(area, name, held, release, errors))
    thread.start()
    try:
        assert held.wait(timeout=60)
        then()
    finally:
        release.set()
        thread.join()
    assert errors == []


def test_a_writer_in_another_community_of_the_street_does_not_wait(world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL only (SQLite serialises every writer)")
    a = world.areas[XIHUAMEN]
    b = (
        Area.objects.filter(parent_id=a.parent_id, level=a.level)
        .exclude(pk=a.pk)
        .order_by("code")
        .first()
    )
    assert b is not None, "the demo has two communities in 西华门街道"
    street, city = a.parent, a.ancestors(include_self=False)[0]
    before = {x.pk: counter_value(x, "orgs.total") for x in (a, b, street, city)}

    _with_open_writer(a, "并发计数甲", lambda: _probe(b, "并发计数乙", "2s"))  # no OperationalError

    assert {x.pk: counter_value(x, "orgs.total") for x in (a, b, street, city)} == {
        a.pk: before[a.pk] + 1,
        b.pk: before[b.pk] + 1,
        street.pk: before[street.pk] + 2,
        city.pk: before[city.pk] + 2,
    }
    counters.fold_pending()
    assert services.check() == []


def test_a_writer_in_the_same_community_waits_for_its_row(world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL only (SQLite serialises every writer)")
    a = world.areas[XIHUAMEN]
    before = counter_value(a, "orgs.total")

    def probe():
        with pytest.raises(OperationalError, match="lock timeout"):
            _probe(a, "并发计数丙", "200ms")

    _with_open_writer(a, "并发计数丁", probe)

    assert counter_value(a, "orgs.total") == before + 1
    assert services.check() == []
