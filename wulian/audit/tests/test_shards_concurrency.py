"""No city-wide audit head (issue 17): while one transaction holds the head of community A's
shard, a writer in community B completes without waiting. PostgreSQL only (SQLite serialises
every writer in the database, by design)."""

import threading

import pytest
from django.db import OperationalError, connection, transaction

from wulian.audit.models import AuditEntry
from wulian.audit.seals import verify_chain
from wulian.audit.services import record, shard_for
from wulian.audit.tests.helpers import two_areas_in_different_shards

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are PostgreSQL's"
)


def _lock_timeout(value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = '{value}'")


def _record_waiting_at_most(timeout: str, *, action: str, obj):
    """Record an entry in a transaction that waits at most ``timeout`` for a lock."""
    with transaction.atomic():
        _lock_timeout(timeout)
        return record(actor=None, action=action, obj=obj)


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_a_writer_in_community_b_does_not_wait_for_an_open_transaction_in_community_a(world):
    a, b = two_areas_in_different_shards(world)
    written, release = threading.Event(), threading.Event()
    errors: list[Exception] = []

    def hold_a() -> None:
        try:
            with transaction.atomic():
                record(actor=None, action="test.hold", obj=a)
                written.set()
                release.wait(timeout=60)
        except Exception as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_a)
    holder.start()
    try:
        assert written.wait(timeout=60)
        entry = _record_waiting_at_most("2s", action="test.pass", obj=b)
        # The control: a second writer in A's shard does wait for the open transaction.
        with pytest.raises(OperationalError, match="lock timeout"):
            _record_waiting_at_most("200ms", action="test.blocked", obj=a)
    finally:
        release.set()
        holder.join(timeout=60)
    assert errors == []
    assert (entry.chain, entry.action) == (shard_for(f"area:{b.pk}"), "test.pass")
    # A's entry took its id first and committed last; the blocked one left nothing.
    assert list(
        AuditEntry.objects.filter(action__startswith="test.")
        .order_by("id")
        .values_list("action", "chain")
    ) == [("test.hold", shard_for(f"area:{a.pk}")), ("test.pass", shard_for(f"area:{b.pk}"))]
    assert verify_chain() == (AuditEntry.objects.count(), None)
