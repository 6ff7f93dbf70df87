"""``wulian bench hotrows``: refused on SQLite with the reason, end to end on PostgreSQL with tiny
numbers (no timing and no waiting is asserted), and how a waiting backend is named."""

import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from wulian.needs.models import Need
from wulian_bench.benches.hotrows import waited_on


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the refusal is SQLite's")
def test_bench_hotrows_refuses_sqlite_and_says_why():
    with pytest.raises(
        CommandError, match=r"PostgreSQL's row locks: run it with DATABASE_URL=postgres://"
    ):
        call_command("bench", "hotrows", "--seconds", "1", stdout=io.StringIO())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_bench_hotrows_prints_both_runs_their_waits_checks_and_ratio():
    before = Need.objects.count()
    out = io.StringIO()
    call_command("bench", "hotrows", "--writers", "2", "--seconds", "1", stdout=out)
    text = out.getvalue()
    assert "each writer in its own community (2 writers" in text
    assert "all writers in ONE community (2 writers" in text
    assert text.count("errors 0)") == 2, text
    assert text.count("waiting backends: max ") == 2, text
    assert text.count("figures check: 0 differences; audit verify: intact") == 2, text
    assert (
        f"audit: {settings.WULIAN_AUDIT_SHARDS} shards, the writers' communities in 1 (at most 2 per shard)"
        in text
    )
    assert "ratio: own communities ÷ one community = " in text
    assert Need.objects.count() == before  # written into a scratch database, never this one


def test_a_waiting_backend_is_named_by_its_lock_then_its_tuple_lock_then_its_statement():
    assert (
        waited_on("tuple", "audit_audithead", "audit_audithead", "UPDATE ...")
        == "audit_audithead [tuple]"
    )
    assert (
        waited_on("transactionid", None, "audit_audithead", "SELECT 1")
        == "audit_audithead [transactionid]"
    )
    upsert = 'INSERT INTO "figures_counter" (area_id, "key", period, value) VALUES (1, 2, 3, 4) ON CONFLICT'
    assert waited_on("transactionid", None, None, upsert) == "figures_counter [transactionid]"
    locking = 'SELECT "audit_audithead"."last_hash" FROM "audit_audithead" WHERE id = 3 FOR UPDATE'
    assert waited_on("transactionid", None, None, locking) == "audit_audithead [transactionid]"
    assert waited_on("transactionid", None, None, "") == "(a transaction) [transactionid]"
