"""No city-wide audit head (issue 17): while one transaction holds the head of community A's
shard, a writer in community B completes without waiting. PostgreSQL only (SQLite serialises
every writer in the database, by design)."""

import pytest
from django.db import OperationalError, connection

from wulian.audit.models import AuditEntry
from wulian.audit.seals import verify_chain
from wulian.audit.services import record, shard_for
from wulian.audit.tests.helpers import two_areas_in_different_shards
from wulian.core.tests.concurrency import held_open, waiting_at_most

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are PostgreSQL's"
)


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_a_writer_in_community_b_does_not_wait_for_an_open_transaction_in_community_a(world):
    a, b = two_areas_in_different_shards(world)
    with held_open(lambda: record(actor=None, action="test.hold", obj=a)):
        with waiting_at_most("2s"):
            entry = record(actor=None, action="test.pass", obj=b)
        # The control: a second writer in A's shard does wait for the open transaction.
        with pytest.raises(OperationalError, match="lock timeout"), waiting_at_most("200ms"):
            record(actor=None, action="test.blocked", obj=a)
    assert (entry.chain, entry.action) == (shard_for(f"area:{b.pk}"), "test.pass")
    # A's entry took its id first and committed last; the blocked one left nothing.
    assert list(
        AuditEntry.objects.filter(action__startswith="test.")
        .order_by("id")
        .values_list("action", "chain")
    ) == [("test.hold", shard_for(f"area:{a.pk}")), ("test.pass", shard_for(f"area:{b.pk}"))]
    assert verify_chain() == (AuditEntry.objects.count(), None)
