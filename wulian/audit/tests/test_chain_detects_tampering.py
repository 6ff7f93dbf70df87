"""`wulian audit verify` re-walks every shard's chain: a changed, removed or reordered row, or a
changed head, is named as (shard, sequence)."""

import pytest
from django.core.management import CommandError
from django.db import connection

from wulian.audit.models import AuditEntry, AuditHead
from wulian.audit.services import record
from wulian.audit.tests.helpers import busiest_chain, chain_ids, intact_before, verify
from wulian.web.demo import HONGMENJIE, QINGYUAN, XIHUAMEN, ZHIQIANG

TABLE = AuditEntry._meta.db_table


def test_intact_trail_verifies(world):
    for code in (XIHUAMEN, QINGYUAN, HONGMENJIE, ZHIQIANG):
        record(actor=None, action="test.probe", obj=world.areas[code])
    assert AuditEntry.objects.order_by().values("chain").distinct().count() > 1
    assert verify() == f"audit chain intact: {AuditEntry.objects.count()} entries"


def test_changing_one_row_in_the_database_breaks_the_chain_at_that_entry(world):
    chain = busiest_chain()
    ids = chain_ids(chain)
    victim = ids[len(ids) // 2]
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET object_repr = %s WHERE id = %s", ["篡改", victim])  # noqa: S608 (the model's own table name; values are parameters)
    with pytest.raises(CommandError) as exc:
        verify()
    seq = ids.index(victim) + 1
    assert str(exc.value) == (
        f"audit chain BROKEN at shard {chain} sequence {seq} (entry #{victim}): content does not match its hash "
        f"(the entry was changed) ({intact_before(chain, seq)} entries intact before it)"
    )


def test_deleting_the_last_row_is_detected_at_the_shard_head(world):
    chain = busiest_chain()
    last = chain_ids(chain)[-1]
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [last])  # noqa: S608 (the model's own table name; values are parameters)
    with pytest.raises(CommandError) as exc:
        verify()
    assert str(exc.value) == (
        f"audit chain BROKEN at shard {chain} head: the shard's head does not match its last entry (entries were "
        f"removed from the end, or the head was changed) ({AuditEntry.objects.filter(chain__lte=chain).count()} "
        "entries intact before it)"
    )


def test_deleting_a_middle_row_is_detected_at_the_next_entry(world):
    chain = busiest_chain()
    ids = chain_ids(chain)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [ids[3]])  # noqa: S608 (the model's own table name; values are parameters)
    with pytest.raises(CommandError) as exc:
        verify()
    assert str(exc.value).startswith(
        f"audit chain BROKEN at shard {chain} sequence 5 (entry #{ids[4]}): prev_hash does not match the previous entry"
    )


def test_swapping_two_entries_places_is_detected_at_the_first_of_them(world):
    chain = busiest_chain()
    ids = chain_ids(chain)
    with connection.cursor() as cursor:  # entry 3 becomes 4 and 4 becomes 3
        cursor.execute(f"UPDATE {TABLE} SET seq = -1 WHERE id = %s", [ids[2]])  # noqa: S608 (the model's own table name; values are parameters)
        cursor.execute(f"UPDATE {TABLE} SET seq = 3 WHERE id = %s", [ids[3]])  # noqa: S608 (the model's own table name; values are parameters)
        cursor.execute(f"UPDATE {TABLE} SET seq = 4 WHERE id = %s", [ids[2]])  # noqa: S608 (the model's own table name; values are parameters)
    with pytest.raises(CommandError) as exc:
        verify()
    assert str(exc.value).startswith(
        f"audit chain BROKEN at shard {chain} sequence 3 (entry #{ids[3]}): prev_hash does not match the previous entry"
    )


def test_renumbering_after_a_removed_entry_is_detected_at_the_renumbered_entry(world):
    chain = busiest_chain()
    ids = chain_ids(chain)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET seq = seq + 1 WHERE id = %s", [ids[-1]])  # noqa: S608 (the model's own table name; values are parameters)
        sql = f"UPDATE {AuditHead._meta.db_table} SET count = count + 1 WHERE id = %s"  # noqa: S608 (the model's own table name; values are parameters)
        cursor.execute(sql, [chain])
    with pytest.raises(CommandError) as exc:
        verify()
    seq = len(ids) + 1
    assert str(exc.value).startswith(
        f"audit chain BROKEN at shard {chain} sequence {seq} (entry #{ids[-1]}): sequence {seq} where {seq - 1} "
        "was expected"
    )


def test_changing_a_shard_head_is_detected_at_that_head(world):
    chain = busiest_chain()
    with connection.cursor() as cursor:
        sql = f"UPDATE {AuditHead._meta.db_table} SET last_hash = %s WHERE id = %s"  # noqa: S608 (the model's own table name; values are parameters)
        cursor.execute(sql, ["f" * 64, chain])
    with pytest.raises(CommandError) as exc:
        verify()
    assert str(exc.value).startswith(
        f"audit chain BROKEN at shard {chain} head: the shard's head does not match"
    )
