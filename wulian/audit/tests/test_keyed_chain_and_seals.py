"""The audit trail is keyed (issue 16, defect 8): someone who can write the database but does not
hold WULIAN_AUDIT_KEY cannot rewrite an entry and recompute the hashes so that `wulian audit
verify` says intact; signed seals in a file outside the database catch a rewrite of a whole shard."""

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from wulian.audit.models import AuditEntry, AuditHead, AuditSeal
from wulian.audit.seals import merkle_root
from wulian.audit.services import GENESIS, entry_digest, record
from wulian.audit.tests.helpers import chain_ids, verify

TABLE = AuditEntry._meta.db_table


def _plain_rehash_from(first_id: int, *, change: dict | None = None, unkeyed: bool = False) -> None:
    """What an attacker with database access does: change a row, then recompute every hash after
    it in its shard (the old, unkeyed SM3 formula, or an HMAC under a key of their own) and the head."""
    chain = AuditEntry.objects.get(pk=first_id).chain
    rows = AuditEntry.objects.filter(chain=chain).order_by("seq").values()
    prev = GENESIS
    with connection.cursor() as cursor:
        for row in rows:
            if row["id"] < first_id:
                prev = row["hash"]
                continue
            if row["id"] == first_id and change:
                row.update(change)
            fields = dict(
                prev_hash=prev,
                at=row["at"].isoformat(),
                actor_id=row["actor_id"],
                actor_name=row["actor_name"],
                action=row["action"],
                object_type=row["object_type"],
                object_id=row["object_id"],
                object_repr=row["object_repr"],
                before=row["before"],
                after=row["after"],
                channel=row["channel"],
                chain=chain,
            )
            if unkeyed:
                digest = entry_digest(**fields, keyed=False)
            else:
                real = settings.WULIAN_AUDIT_KEY
                settings.WULIAN_AUDIT_KEY = b"attacker-key-attacker-key-attack"
                try:
                    digest = entry_digest(**fields)
                finally:
                    settings.WULIAN_AUDIT_KEY = real
            cursor.execute(
                f"UPDATE {TABLE} SET object_repr=%s, prev_hash=%s, hash=%s, keyed=%s WHERE id=%s",  # noqa: S608 (the model's own table name; values are parameters)
                [row["object_repr"], prev, digest, not unkeyed, row["id"]],
            )
            prev = digest
        sql = f"UPDATE {AuditHead._meta.db_table} SET last_hash=%s WHERE id=%s"  # noqa: S608 (the model's own table name; values are parameters)
        cursor.execute(sql, [prev, chain])


def _probe() -> AuditEntry:
    return record(actor=None, action="test.keyed", object_type="test", object_repr="原文")


def test_new_entries_are_keyed_with_hmac_sm3_over_their_shard(world):
    entry = _probe()
    assert entry.keyed is True
    assert entry.seq == AuditEntry.objects.filter(chain=entry.chain).count()
    content = {
        "prev_hash": entry.prev_hash,
        "at": entry.at.isoformat(),
        "actor_id": None,
        "actor_name": "system",
        "action": "test.keyed",
        "object_type": "test",
        "object_id": "",
        "object_repr": "原文",
        "before": None,
        "after": None,
        "channel": entry.channel,
    }
    assert entry.hash == entry_digest(**content, chain=entry.chain)
    assert entry.hash != entry_digest(**content, keyed=False)


def test_rewriting_a_row_and_recomputing_every_hash_without_the_key_is_caught(world):
    chain = _probe().chain
    victim = chain_ids(chain)[0]
    _plain_rehash_from(victim, change={"object_repr": "篡改"})
    assert AuditEntry.objects.get(pk=victim).object_repr == "篡改"
    with pytest.raises(CommandError) as exc:
        verify()
    assert str(exc.value).startswith(
        f"audit chain BROKEN at shard {chain} sequence 1 (entry #{victim}): content does not match its hash"
    )


def test_rewriting_as_unkeyed_entries_is_caught_at_the_first_one_after_a_keyed_entry(world):
    _probe()
    chain = _probe().chain
    ids = chain_ids(chain)
    victim = ids[-1]
    _plain_rehash_from(victim, change={"object_repr": "篡改"}, unkeyed=True)
    with pytest.raises(CommandError) as exc:
        verify()
    assert str(exc.value).startswith(
        f"audit chain BROKEN at shard {chain} sequence {len(ids)} (entry #{victim}): an unkeyed entry after keyed ones"
    )


def test_a_seal_outside_the_database_catches_a_rewrite_of_a_whole_shard(world):
    chain = _probe().chain
    out = StringIO()
    call_command("audit", "seal", stdout=out)
    seals = [json.loads(line) for line in settings.WULIAN_SEAL_FILE.read_text().splitlines()]
    heads = list(
        AuditHead.objects.filter(count__gt=0).order_by("id").values_list("id", "count", "last_hash")
    )
    assert [(c, n, h) for c, n, _last, h in seals[0]["shards"]] == heads
    assert seals[0]["root"] == merkle_root(seals[0]["shards"])
    assert AuditSeal.objects.filter(mac=seals[0]["mac"], chain=0, head=seals[0]["root"]).exists()
    assert out.getvalue().startswith(
        f"sealed {len(heads)} shards ({AuditEntry.objects.count()} entries), root "
    )
    assert verify() == f"audit chain intact: {AuditEntry.objects.count()} entries"
    # Every entry of the shard rewritten as "legacy" plain SM3, so the keyed-after-unkeyed rule cannot fire.
    ids = chain_ids(chain)
    _plain_rehash_from(ids[0], change={"object_repr": "篡改"}, unkeyed=True)
    with pytest.raises(CommandError) as exc:
        verify()
    assert str(exc.value).startswith(
        f"audit chain BROKEN at shard {chain} sequence {len(ids)} (entry #{ids[-1]}): the entry differs from seal "
        "line 1 (the trail was rewritten since it was sealed)"
    )


def test_sealing_again_with_nothing_new_writes_nothing(world):
    _probe()
    call_command("audit", "seal", stdout=StringIO())
    out = StringIO()
    call_command("audit", "seal", stdout=out)
    assert out.getvalue().strip() == "nothing new to seal"
    assert len(settings.WULIAN_SEAL_FILE.read_text().splitlines()) == 1


def test_an_altered_or_removed_seal_line_is_caught(world):
    _probe()
    call_command("audit", "seal", stdout=StringIO())
    _probe()
    call_command("audit", "seal", stdout=StringIO())
    path = settings.WULIAN_SEAL_FILE
    lines = path.read_text().splitlines()
    assert len(lines) == 2
    forged = json.loads(lines[0])
    forged["shards"][0][1] -= 1
    forged["root"] = merkle_root(forged["shards"])
    path.write_text(json.dumps(forged) + "\n" + lines[1] + "\n")
    with pytest.raises(CommandError) as exc:
        verify()
    assert str(exc.value).startswith(
        "audit chain BROKEN at seal file: seal line 1 is not signed by the audit key"
    )
    path.write_text(lines[1] + "\n")
    with pytest.raises(CommandError) as exc:
        verify()
    assert str(exc.value).startswith(
        "audit chain BROKEN at seal file: seal line 1 does not follow the line before it"
    )


def test_removing_sealed_entries_from_the_end_is_caught_even_with_the_head_rewritten(world):
    last = _probe()
    call_command("audit", "seal", stdout=StringIO())
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id=%s", [last.pk])  # noqa: S608 (the model's own table name; values are parameters)
        cursor.execute(
            f"UPDATE {AuditHead._meta.db_table} SET last_hash=%s, count=count-1 WHERE id=%s",  # noqa: S608 (the model's own table name; values are parameters)
            [last.prev_hash, last.chain],
        )
    with pytest.raises(CommandError) as exc:
        verify()
    assert str(exc.value).startswith(
        f"audit chain BROKEN at shard {last.chain} sequence {last.seq} (entry #{last.pk}): sealed in seal line 1 "
        "but missing (entries were removed)"
    )
