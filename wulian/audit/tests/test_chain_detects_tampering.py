"""`wulian audit verify` re-walks the SM3 chain: a changed row or a removed last row is caught."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from wulian.audit.models import AuditEntry


def _verify() -> str:
    from io import StringIO

    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def test_intact_chain_verifies(world):
    count = AuditEntry.objects.count()
    assert _verify().strip() == f"audit chain intact: {count} entries"


def test_changing_one_row_in_the_database_breaks_the_chain_at_that_entry(world):
    ids = list(AuditEntry.objects.order_by("id").values_list("id", flat=True))
    victim = ids[len(ids) // 2]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET object_repr = %s WHERE id = %s", ["篡改", victim]
        )
    with pytest.raises(CommandError) as exc:
        _verify()
    assert str(exc.value).startswith(f"audit chain BROKEN at entry #{victim}: content does not match its hash")
    assert f"({ids.index(victim)} entries intact before it)" in str(exc.value)


def test_deleting_the_last_row_is_detected_at_the_chain_head(world):
    last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
    count = AuditEntry.objects.count()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [last])
    with pytest.raises(CommandError) as exc:
        _verify()
    assert str(exc.value) == (
        "audit chain BROKEN at chain head: the chain's head does not match its last entry "
        f"(entries were removed from the end) ({count - 1} entries intact before it)"
    )


def test_deleting_a_middle_row_is_detected_at_the_next_entry(world):
    ids = list(AuditEntry.objects.order_by("id").values_list("id", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [ids[3]])
    with pytest.raises(CommandError) as exc:
        _verify()
    assert str(exc.value).startswith(f"audit chain BROKEN at entry #{ids[4]}: prev_hash does not match")
