"""The audit trail is keyed (issue 16, defect 8): someone who can write the database but does not
hold WULIAN_AUDIT_KEY cannot rewrite an entry and recompute the hashes so that `wulian audit
verify` says intact; signed seals in a file outside the database catch a rewrite of the whole trail."""

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from wulian.audit.models import AuditEntry, AuditHead, AuditSeal
from wulian.audit.services import GENESIS, entry_digest, record

TABLE = AuditEntry._meta.db_table


def _verify() -> str:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue().strip()


def _plain_rehash_from(first_id: int, *, change: dict | None = None, unkeyed: bool = False) -> None:
    """What an attacker with database access does: change a row, then recompute every hash after
    it (the old, unkeyed SM3 formula, or an HMAC under a key of their own) and the head."""
    rows = AuditEntry.objects.order_by("id").values()
    prev = GENESIS
    with connection.cursor() as cursor:
        for row in rows:
            if row["id"] < first_id:
                prev = row["hash"]
                continue
            if row["id"] == first_id and change:
                row.update(change)
            fields = dict(prev_hash=prev, at=row["at"].isoformat(), actor_id=row["actor_id"],
                          actor_name=row["actor_name"], action=row["action"], object_type=row["object_type"],
                          object_id=row["object_id"], object_repr=row["object_repr"], before=row["before"],
                          after=row["after"], channel=row["channel"])
            if unkeyed:
                digest = entry_digest(**fields, keyed=False)
            else:
                real = settings.WULIAN_AUDIT_KEY
                settings.WULIAN_AUDIT_KEY = b"attacker-key-attacker-key-attack"
                try:
                    digest = entry_digest(**fields)
                finally:
                    settings.WULIAN_AUDIT_KEY = real
            cursor.execute(f"UPDATE {TABLE} SET object_repr=%s, prev_hash=%s, hash=%s, keyed=%s WHERE id=%s",
                           [row["object_repr"], prev, digest, not unkeyed, row["id"]])
            prev = digest
        cursor.execute(f"UPDATE {AuditHead._meta.db_table} SET last_hash=%s WHERE id=1", [prev])


def _victim() -> int:
    record(actor=None, action="test.keyed", object_type="test", object_repr="原文")
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True)[3]


def test_new_entries_are_keyed_with_hmac_sm3_in_chain_one(world):
    entry = record(actor=None, action="test.keyed", object_type="test", object_repr="原文")
    assert (entry.chain, entry.keyed) == (1, True)
    assert entry.hash == entry_digest(
        prev_hash=entry.prev_hash, at=entry.at.isoformat(), actor_id=None, actor_name="system",
        action="test.keyed", object_type="test", object_id="", object_repr="原文", before=None,
        after=None, channel=entry.channel, chain=1)
    assert entry.hash != entry_digest(
        prev_hash=entry.prev_hash, at=entry.at.isoformat(), actor_id=None, actor_name="system",
        action="test.keyed", object_type="test", object_id="", object_repr="原文", before=None,
        after=None, channel=entry.channel, keyed=False)


def test_rewriting_a_row_and_recomputing_every_hash_without_the_key_is_caught(world):
    victim = _victim()
    _plain_rehash_from(victim, change={"object_repr": "篡改"})
    assert AuditEntry.objects.get(pk=victim).object_repr == "篡改"
    with pytest.raises(CommandError) as exc:
        _verify()
    assert str(exc.value).startswith(f"audit chain BROKEN at entry #{victim}: content does not match its hash")


def test_rewriting_as_unkeyed_entries_is_caught_at_the_first_one_after_a_keyed_entry(world):
    record(actor=None, action="test.keyed", object_type="test", object_repr="原文")
    ids = list(AuditEntry.objects.order_by("id").values_list("id", flat=True))
    victim = ids[-2]
    _plain_rehash_from(victim, change={"object_repr": "篡改"}, unkeyed=True)
    first_keyed = AuditEntry.objects.filter(keyed=True).order_by("id").values_list("id", flat=True).first()
    with pytest.raises(CommandError) as exc:
        _verify()
    if first_keyed is not None and first_keyed < victim:
        assert str(exc.value).startswith(f"audit chain BROKEN at entry #{victim}: an unkeyed entry after keyed ones")
    else:  # every entry of this database was rewritten as unkeyed: only a seal can tell
        pytest.fail("the demo trail is keyed: the rewrite must follow keyed entries")


def test_a_seal_outside_the_database_catches_a_rewrite_of_the_whole_trail(world):
    record(actor=None, action="test.keyed", object_type="test", object_repr="原文")
    out = StringIO()
    call_command("audit", "seal", stdout=out)
    seals = [json.loads(line) for line in settings.WULIAN_SEAL_FILE.read_text().splitlines()]
    head = AuditHead.objects.get(pk=1)
    assert [(s["chain"], s["count"], s["head"]) for s in seals] == [(1, head.count, head.last_hash)]
    assert AuditSeal.objects.filter(mac=seals[0]["mac"]).exists()
    assert _verify() == f"audit chain intact: {head.count} entries"
    # Every entry rewritten as "legacy" plain SM3, so the keyed-after-unkeyed rule cannot fire.
    first = AuditEntry.objects.order_by("id").values_list("id", flat=True).first()
    _plain_rehash_from(first, change={"object_repr": "篡改"}, unkeyed=True)
    with pytest.raises(CommandError) as exc:
        _verify()
    last = seals[0]["last_id"]
    assert str(exc.value).startswith(
        f"audit chain BROKEN at entry #{last}: the entry differs from seal line 1 (the trail was rewritten since it was sealed)")


def test_an_altered_or_removed_seal_line_is_caught(world):
    record(actor=None, action="test.keyed", object_type="test")
    call_command("audit", "seal", stdout=StringIO())
    record(actor=None, action="test.keyed", object_type="test")
    call_command("audit", "seal", stdout=StringIO())
    path = settings.WULIAN_SEAL_FILE
    lines = path.read_text().splitlines()
    assert len(lines) == 2
    forged = json.loads(lines[0])
    forged["count"] -= 1
    path.write_text(json.dumps(forged) + "\n" + lines[1] + "\n")
    with pytest.raises(CommandError) as exc:
        _verify()
    assert str(exc.value).startswith("audit chain BROKEN at seal file: seal line 1 is not signed by the audit key")
    path.write_text(lines[1] + "\n")
    with pytest.raises(CommandError) as exc:
        _verify()
    assert str(exc.value).startswith("audit chain BROKEN at seal file: seal line 1 does not follow the line before it")


def test_removing_sealed_entries_from_the_end_is_caught_even_with_the_head_rewritten(world):
    record(actor=None, action="test.keyed", object_type="test")
    call_command("audit", "seal", stdout=StringIO())
    last = AuditEntry.objects.order_by("-id").first()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id=%s", [last.pk])
        cursor.execute(f"UPDATE {AuditHead._meta.db_table} SET last_hash=%s, count=count-1 WHERE id=1", [last.prev_hash])
    with pytest.raises(CommandError) as exc:
        _verify()
    assert str(exc.value).startswith(f"audit chain BROKEN at entry #{last.pk}: sealed in seal line 1 but missing")
