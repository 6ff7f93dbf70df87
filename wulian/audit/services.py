"""The one place audit entries are written: each joins the chain of its shard.

The trail is ``WULIAN_AUDIT_SHARDS`` chains (shards, ids 1…N), each with its own head row. An
entry goes to the shard of its area subtree (the object's community, else its area, else a hash
of the object), and a writer locks only that shard's head, in its own transaction: writers in
other shards never wait for it, and an entry rolled back with its transaction leaves no trace.
Seals and verification: ``wulian.audit.seals``.
"""

import datetime as dt
import decimal
import json
import uuid
import zlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction
from django.utils import timezone

from wulian.audit.models import AuditEntry, AuditHead
from wulian.core import channels
from wulian.core.crypto import hmac_sm3_hex, sm3_hex

GENESIS = "0" * 64
# Attributes that place an object in the territorial tree, most specific subtree first.
AREA_ATTRIBUTES = ("community_id", "area_id", "home_area_id")


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_safe(v) for v in value]
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, bytes):
        return value.hex()
    return value


def snapshot(obj: models.Model, *, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """The concrete fields of a row as JSON-safe values (foreign keys as ids)."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude:
            continue
        data[field.attname] = _json_safe(getattr(obj, field.attname))
    return data


def entry_digest(
    *,
    prev_hash: str,
    at: str,
    actor_id: int | None,
    actor_name: str,
    action: str,
    object_type: str,
    object_id: str,
    object_repr: str,
    before: Any,
    after: Any,
    channel: str,
    chain: int = 1,
    keyed: bool = True,
) -> str:
    """HMAC-SM3 of an entry with the audit key (outside the database); ``keyed=False`` is the
    plain SM3 of entries written before the trail was keyed."""
    fields = [
        prev_hash,
        at,
        actor_id,
        actor_name,
        action,
        object_type,
        object_id,
        object_repr,
        before,
        after,
        channel,
    ]
    if not keyed:
        return sm3_hex(_canonical(fields))
    return hmac_sm3_hex(settings.WULIAN_AUDIT_KEY, _canonical(["wulian-audit-1", chain, *fields]))


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def shard_count() -> int:
    shards = int(getattr(settings, "WULIAN_AUDIT_SHARDS", 256))
    if not 1 <= shards <= 32767:
        raise ImproperlyConfigured(f"WULIAN_AUDIT_SHARDS must be from 1 to 32767, not {shards}.")
    return shards


def shard_key(
    *,
    obj: models.Model | None,
    area: Any = None,
    object_type: str = "",
    object_id: str = "",
    action: str = "",
) -> str:
    """What places an entry: the area subtree it belongs to (the explicit ``area``, else the
    object's community, area or home area, else the area itself), else the object."""
    if area is not None:
        return f"area:{getattr(area, 'pk', area)}"
    if obj is not None:
        for name in AREA_ATTRIBUTES:
            value = getattr(obj, name, None)
            if value is not None:
                return f"area:{value}"
        if obj._meta.label_lower == "areas.area":
            return f"area:{obj.pk}"
    if object_type or object_id:
        return f"object:{object_type}:{object_id}"
    return f"action:{action}"


def shard_for(key: str, *, shards: int | None = None) -> int:
    """The shard (chain id, 1…N) of a key: deterministic across processes and restarts."""
    return 1 + zlib.crc32(key.encode()) % (shards or shard_count())


def _outer_block() -> Any:
    """The transaction's outermost atomic block (a test case's own blocks do not count)."""
    for block in connection.atomic_blocks:
        if not getattr(block, "_from_testcase", False):
            return block
    return None


def _transaction_shard(chain: int) -> int:
    """The shard this transaction already writes to, or ``chain``: a transaction holds at most
    one head lock, so two transactions never wait for each other's heads in opposite orders (a
    deadlock), and an import of many rows locks one shard, not all. The mark is an on-commit
    no-op: Django drops it when the transaction commits or rolls back, or when the savepoint it
    was made in is rolled back (which also releases that head's lock on PostgreSQL)."""
    block = _outer_block()
    held = getattr(connection, "_wulian_audit_shard", None)
    if (
        held is not None
        and held[0] is block
        and any(hook[1] is held[1] for hook in connection.run_on_commit)
    ):
        return held[2]

    def mark() -> None:
        pass

    transaction.on_commit(mark)
    connection._wulian_audit_shard = (block, mark, chain)  # type: ignore[attr-defined]
    return chain


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    before: Any = None,
    after: Any = None,
    channel: str | None = None,
    area: Any = None,
) -> AuditEntry:
    """Append one entry to the chain of its shard. Call inside the service's transaction.
    ``area`` (an Area or its id) places the entry when the object does not say where it is."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    actor_id = getattr(actor, "pk", None)
    actor_name = getattr(actor, "username", "") or ("system" if actor is None else str(actor))
    before, after = _json_safe(before), _json_safe(after)
    channel = channel or channels.current()
    wanted = shard_for(
        shard_key(obj=obj, area=area, object_type=object_type, object_id=object_id, action=action)
    )
    # No savepoint of its own: inside a service the entry lives and dies with its transaction.
    with transaction.atomic(savepoint=False):
        chain = _transaction_shard(wanted)
        head = (
            AuditHead.objects.select_for_update()
            .filter(pk=chain)
            .values_list("last_hash", "count")
            .first()
        )
        if head is None:
            AuditHead.objects.get_or_create(pk=chain, defaults={"last_hash": GENESIS})
            head = (
                AuditHead.objects.select_for_update()
                .filter(pk=chain)
                .values_list("last_hash", "count")
                .get()
            )
        prev_hash, count = head
        at = timezone.now()
        # what the digest covers is what the row holds (besides its time, given as text to it)
        content: dict[str, Any] = {
            "actor_id": actor_id,
            "actor_name": actor_name,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "object_repr": object_repr,
            "before": before,
            "after": after,
            "channel": channel,
            "chain": chain,
        }
        digest = entry_digest(prev_hash=prev_hash, at=at.isoformat(), **content)
        entry = AuditEntry.objects.create(
            at=at, seq=count + 1, keyed=True, prev_hash=prev_hash, hash=digest, **content
        )
        AuditHead.objects.filter(pk=chain).update(last_hash=digest, count=count + 1)
    return entry
