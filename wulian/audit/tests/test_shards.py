"""The trail is WULIAN_AUDIT_SHARDS chains: an entry joins the shard of its area subtree, a
transaction keeps to one shard, and an entry rolled back with its transaction leaves no trace."""

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction

from wulian.audit.models import AuditEntry, AuditHead
from wulian.audit.seals import _seal_mac, merkle_leaf, merkle_root
from wulian.audit.services import GENESIS, record, shard_for, shard_key
from wulian.audit.tests.helpers import two_areas_in_different_shards, verify
from wulian.core.crypto import sm3_hex


def _heads() -> list[tuple]:
    return list(AuditHead.objects.order_by("id").values_list("id", "last_hash", "count"))


def test_an_entry_joins_the_shard_of_its_community(world):
    a, b = two_areas_in_different_shards(world)
    org = world.orgs["library"]
    assert record(actor=None, action="test.area", obj=a).chain == shard_for(f"area:{a.pk}")
    assert record(actor=None, action="test.area", obj=b).chain == shard_for(f"area:{b.pk}")
    assert record(actor=None, action="test.org", obj=org).chain == shard_for(f"area:{org.area_id}")
    assert record(actor=None, action="test.org", obj=org, area=b).chain == shard_for(f"area:{b.pk}")
    assert shard_key(obj=None, object_type="test.thing", object_id="7") == "object:test.thing:7"
    assert shard_key(obj=None, action="test.nothing") == "action:test.nothing"


def test_shards_are_numbered_from_one_to_the_setting(world, settings):
    settings.WULIAN_AUDIT_SHARDS = 4
    assert {shard_for(f"area:{pk}") for pk in range(100)} == {1, 2, 3, 4}
    settings.WULIAN_AUDIT_SHARDS = 1
    assert record(actor=None, action="test.one", obj=world.orgs["library"]).chain == 1


def test_each_shard_counts_its_own_sequence(world):
    a, b = two_areas_in_different_shards(world)
    first = record(actor=None, action="test.seq", obj=a)
    other = record(actor=None, action="test.seq", obj=b)
    second = record(actor=None, action="test.seq", obj=a)
    assert (second.chain, second.seq, second.prev_hash) == (first.chain, first.seq + 1, first.hash)
    assert AuditHead.objects.get(pk=other.chain).count == other.seq
    assert AuditHead.objects.get(pk=first.chain).last_hash == second.hash


def test_one_transaction_keeps_to_the_shard_of_its_first_entry(world):
    a, b = two_areas_in_different_shards(world)
    with transaction.atomic():
        first = record(actor=None, action="test.sticky", obj=a)
        second = record(actor=None, action="test.sticky", obj=b)
    assert (first.chain, second.chain) == (shard_for(f"area:{a.pk}"), shard_for(f"area:{a.pk}"))
    assert record(actor=None, action="test.sticky", obj=b).chain == shard_for(f"area:{b.pk}")
    assert verify().startswith("audit chain intact")


def _record_then_fail(obj):
    with transaction.atomic():
        record(actor=None, action="test.rolled_back", obj=obj)
        raise RuntimeError("the service failed after recording")


def test_an_entry_rolled_back_with_its_transaction_leaves_no_trace(world):
    a, _b = two_areas_in_different_shards(world)
    heads, count = _heads(), AuditEntry.objects.count()
    with pytest.raises(RuntimeError):
        _record_then_fail(a)
    assert (_heads(), AuditEntry.objects.count()) == (heads, count)
    assert AuditEntry.objects.filter(action="test.rolled_back").exists() is False
    entry = record(actor=None, action="test.after", obj=a)
    head = dict((c, (h, n)) for c, h, n in heads).get(entry.chain, (GENESIS, 0))
    assert (entry.prev_hash, entry.seq) == (head[0], head[1] + 1)
    assert verify() == f"audit chain intact: {count + 1} entries"


def test_a_rolled_back_savepoint_frees_its_shard_for_the_rest_of_the_transaction(world):
    a, b = two_areas_in_different_shards(world)
    with transaction.atomic():
        try:
            with transaction.atomic():
                record(actor=None, action="test.savepoint", obj=a)
                raise RuntimeError("one import row failed")
        except RuntimeError:
            pass
        kept = record(actor=None, action="test.savepoint", obj=b)
    assert list(
        AuditEntry.objects.filter(action="test.savepoint").values_list("id", flat=True)
    ) == [kept.pk]
    assert kept.chain == shard_for(f"area:{b.pk}")
    assert verify().startswith("audit chain intact")


def test_a_seal_holds_every_shard_head_under_one_merkle_root(world):
    a, b = two_areas_in_different_shards(world)
    record(actor=None, action="test.seal", obj=a)
    record(actor=None, action="test.seal", obj=b)
    call_command("audit", "seal", stdout=StringIO())
    seal = json.loads(settings.WULIAN_SEAL_FILE.read_text())
    shards = seal["shards"]
    assert [s[0] for s in shards] == sorted(
        AuditHead.objects.filter(count__gt=0).values_list("id", flat=True)
    )
    leaves = [merkle_leaf(*s) for s in shards]
    while len(leaves) > 1:
        leaves = [
            sm3_hex("wulian-node:" + leaves[i] + leaves[i + 1])
            if i + 1 < len(leaves)
            else leaves[i]
            for i in range(0, len(leaves), 2)
        ]
    assert seal["root"] == leaves[0] == merkle_root(shards)
    assert seal["prev"] == GENESIS
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert out.getvalue().splitlines()[1] == (
        f"{AuditHead.objects.count()} shards; last seal: line 1 at {seal['at']}; 0 entries written since (not yet sealed)"
    )


def test_a_seal_signed_with_another_key_is_refused(world, settings):
    record(actor=None, action="test.forged", object_type="test")
    call_command("audit", "seal", stdout=StringIO())
    path = settings.WULIAN_SEAL_FILE
    seal = json.loads(path.read_text())
    seal["shards"][0][3] = "e" * 64
    seal["root"] = merkle_root(seal["shards"])
    real = settings.WULIAN_AUDIT_KEY
    settings.WULIAN_AUDIT_KEY = b"attacker-key-attacker-key-attack"
    seal["mac"] = _seal_mac({k: seal[k] for k in ("v", "at", "shards", "root", "prev")}, version=2)
    settings.WULIAN_AUDIT_KEY = real
    path.write_text(json.dumps(seal) + "\n")
    with pytest.raises(CommandError) as exc:
        verify()
    assert str(exc.value).startswith(
        "audit chain BROKEN at seal file: seal line 1 is not signed by the audit key"
    )


def test_seal_lines_of_single_chains_written_before_the_shards_still_verify(world):
    """A seal file started before the trail was sharded: its per-chain lines and the new Merkle
    lines form one signed sequence, and both kinds are held against the entries."""
    entry = record(actor=None, action="test.legacy", object_type="test")
    chain = entry.chain
    body = {
        "chain": chain,
        "first_id": AuditEntry.objects.filter(chain=chain).order_by("seq")[0].pk,
        "last_id": entry.pk,
        "count": entry.seq,
        "head": entry.hash,
        "at": "2026-12-01T00:00:00+00:00",
        "prev": GENESIS,
    }
    path = settings.WULIAN_SEAL_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**body, "mac": _seal_mac(body)}) + "\n")
    record(actor=None, action="test.legacy", object_type="test")
    call_command("audit", "seal", stdout=StringIO())
    assert verify() == f"audit chain intact: {AuditEntry.objects.count()} entries"
    lines = path.read_text().splitlines()
    assert json.loads(lines[1])["prev"] == json.loads(lines[0])["mac"]
    body["head"] = "d" * 64  # the old line, re-signed: a sealed point that no longer matches
    path.write_text(json.dumps({**body, "mac": _seal_mac(body)}) + "\n")
    with pytest.raises(CommandError) as exc:
        verify()
    assert str(exc.value).startswith(
        f"audit chain BROKEN at shard {chain} sequence {entry.seq} (entry #{entry.pk}): the entry differs from seal line 1"
    )


def test_a_write_costs_one_head_lock_one_insert_and_one_head_update(
    world, django_assert_num_queries
):
    a, _b = two_areas_in_different_shards(world)
    record(actor=None, action="test.cost", obj=a)
    with django_assert_num_queries(3) as captured:  # inside the test's transaction, as in a service
        entry = record(actor=None, action="test.cost", obj=a)
    head_table = AuditHead._meta.db_table
    assert [q["sql"].split()[0] for q in captured.captured_queries] == [
        "SELECT",
        "INSERT",
        "UPDATE",
    ]
    assert head_table in captured.captured_queries[2]["sql"]
    assert AuditHead.objects.get(pk=entry.chain).count == entry.seq
