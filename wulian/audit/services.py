"""The one place audit entries are written, and the chain verification."""

import datetime as dt
import decimal
import json
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from wulian.audit.models import AuditEntry, AuditHead
from wulian.core import channels
from wulian.core.crypto import sm3_hex

GENESIS = "0" * 64


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


def entry_digest(*, prev_hash: str, at: str, actor_id: int | None, actor_name: str, action: str,
                 object_type: str, object_id: str, object_repr: str, before: Any, after: Any,
                 channel: str) -> str:
    payload = json.dumps(
        [prev_hash, at, actor_id, actor_name, action, object_type, object_id, object_repr,
         before, after, channel],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )
    return sm3_hex(payload)


def record(*, actor, action: str, obj: models.Model | None = None, object_type: str = "",
           object_id: str = "", object_repr: str = "", before: Any = None, after: Any = None,
           channel: str | None = None) -> AuditEntry:
    """Append one entry to the chain. Call inside the service's transaction."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    actor_id = getattr(actor, "pk", None)
    actor_name = getattr(actor, "username", "") or ("system" if actor is None else str(actor))
    before, after = _json_safe(before), _json_safe(after)
    channel = channel or channels.current()
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            AuditHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS})
            head = AuditHead.objects.select_for_update().get(pk=1)
        at = timezone.now()
        at_text = at.isoformat()
        digest = entry_digest(
            prev_hash=head.last_hash, at=at_text, actor_id=actor_id, actor_name=actor_name,
            action=action, object_type=object_type, object_id=object_id,
            object_repr=object_repr, before=before, after=after, channel=channel,
        )
        entry = AuditEntry.objects.create(
            at=at, actor_id=actor_id, actor_name=actor_name, action=action,
            object_type=object_type, object_id=object_id, object_repr=object_repr,
            before=before, after=after, channel=channel, prev_hash=head.last_hash, hash=digest,
        )
        AuditHead.objects.filter(pk=1).update(last_hash=digest, count=models.F("count") + 1)
    return entry


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int | None
    reason: str


def verify_chain() -> tuple[int, ChainProblem | None]:
    """Walk the chain in order. Returns (entries checked, first problem or None)."""
    expected_prev = GENESIS
    checked = 0
    rows = AuditEntry.objects.order_by("id").values(
        "id", "at", "actor_id", "actor_name", "action", "object_type", "object_id",
        "object_repr", "before", "after", "channel", "prev_hash", "hash",
    )
    for row in rows.iterator(chunk_size=2000):
        if row["prev_hash"] != expected_prev:
            return checked, ChainProblem(row["id"], "prev_hash does not match the previous entry (an entry was removed or reordered)")
        digest = entry_digest(
            prev_hash=row["prev_hash"], at=row["at"].isoformat(), actor_id=row["actor_id"],
            actor_name=row["actor_name"], action=row["action"], object_type=row["object_type"],
            object_id=row["object_id"], object_repr=row["object_repr"], before=row["before"],
            after=row["after"], channel=row["channel"],
        )
        if digest != row["hash"]:
            return checked, ChainProblem(row["id"], "content does not match its hash (the entry was changed)")
        expected_prev = row["hash"]
        checked += 1
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and (head.last_hash != expected_prev or head.count != checked):
        return checked, ChainProblem(None, "the chain's head does not match its last entry (entries were removed from the end)")
    return checked, None
