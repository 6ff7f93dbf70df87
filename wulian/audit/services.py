"""The one place audit entries are written, and the chain verification."""

import datetime as dt
import decimal
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from wulian.audit.models import AuditEntry, AuditHead, AuditSeal
from wulian.core import channels
from wulian.core.crypto import hmac_sm3_hex, sm3_hex

GENESIS = "0" * 64
CHAIN = 1  # the chain new entries join (issue 17 may spread writers over several)


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
                 channel: str, chain: int = 1, keyed: bool = True) -> str:
    """HMAC-SM3 of an entry with the audit key (outside the database); ``keyed=False`` is the
    plain SM3 of entries written before the trail was keyed."""
    fields = [prev_hash, at, actor_id, actor_name, action, object_type, object_id, object_repr,
              before, after, channel]
    if not keyed:
        return sm3_hex(_canonical(fields))
    return hmac_sm3_hex(settings.WULIAN_AUDIT_KEY, _canonical(["wulian-audit-1", chain, *fields]))


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


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
    chain = CHAIN
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().filter(pk=chain).first()
        if head is None:
            AuditHead.objects.get_or_create(pk=chain, defaults={"last_hash": GENESIS})
            head = AuditHead.objects.select_for_update().get(pk=chain)
        at = timezone.now()
        at_text = at.isoformat()
        digest = entry_digest(
            prev_hash=head.last_hash, at=at_text, actor_id=actor_id, actor_name=actor_name,
            action=action, object_type=object_type, object_id=object_id,
            object_repr=object_repr, before=before, after=after, channel=channel, chain=chain,
        )
        entry = AuditEntry.objects.create(
            at=at, actor_id=actor_id, actor_name=actor_name, action=action,
            object_type=object_type, object_id=object_id, object_repr=object_repr,
            before=before, after=after, channel=channel, chain=chain, keyed=True,
            prev_hash=head.last_hash, hash=digest,
        )
        AuditHead.objects.filter(pk=chain).update(last_hash=digest, count=models.F("count") + 1)
    return entry


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int | None
    reason: str


# ------------------------------------------------------------------------------------ seals

def _seal_mac(body: dict) -> str:
    return hmac_sm3_hex(settings.WULIAN_AUDIT_KEY, _canonical(["wulian-seal-1", body]))


def read_seals(path: Path | None = None) -> list[dict]:
    path = Path(path or settings.WULIAN_SEAL_FILE)
    if not path.exists():
        return []
    seals = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    seal = json.loads(line)
                except ValueError:
                    seal = {"mac": "", "line": number}
                seal["line"] = number
                seals.append(seal)
    return seals


def seal_chains(*, path: Path | None = None) -> list[dict]:
    """Seal every chain that grew since its last seal: append a signed line (chain, range, count,
    head, time, the previous line's MAC) to the seal file, fsync it, and copy it into AuditSeal."""
    path = Path(path or settings.WULIAN_SEAL_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = []
    with transaction.atomic():
        seals = read_seals(path)
        prev = seals[-1]["mac"] if seals else GENESIS
        for head in AuditHead.objects.select_for_update().order_by("id"):
            last = [s for s in seals if s.get("chain") == head.pk]
            if head.count == 0 or (last and last[-1]["count"] == head.count):
                continue
            last_id = AuditEntry.objects.filter(chain=head.pk, hash=head.last_hash).values_list("id", flat=True).first()
            if last_id is None:
                raise ValueError(f"audit chain {head.pk}: its head names no entry (run `wulian audit verify`)")
            first_id = last[-1]["last_id"] + 1 if last else (
                AuditEntry.objects.filter(chain=head.pk).order_by("id").values_list("id", flat=True).first())
            body = {"chain": head.pk, "first_id": first_id, "last_id": last_id, "count": head.count,
                    "head": head.last_hash, "at": timezone.now().isoformat(), "prev": prev}
            seal = {**body, "mac": _seal_mac(body)}
            with path.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(seal, ensure_ascii=False, sort_keys=True) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            AuditSeal.objects.create(chain=head.pk, first_id=first_id, last_id=last_id, count=head.count,
                                     head=head.last_hash, sealed_at=body["at"], mac=seal["mac"])
            prev = seal["mac"]
            written.append(seal)
    return written


def _check_seals(seals: list[dict]) -> ChainProblem | None:
    prev = GENESIS
    for seal in seals:
        body = {k: seal.get(k) for k in ("chain", "first_id", "last_id", "count", "head", "at", "prev")}
        if seal.get("mac") != _seal_mac(body):
            return ChainProblem(None, f"seal line {seal['line']} is not signed by the audit key (the seal file was altered)")
        if seal["prev"] != prev:
            return ChainProblem(None, f"seal line {seal['line']} does not follow the line before it (a seal was removed)")
        prev = seal["mac"]
    return None


# ------------------------------------------------------------------------------ verification

def verify_chain(*, seal_path: Path | None = None) -> tuple[int, ChainProblem | None]:
    """Walk every chain in order, recomputing each entry's HMAC with the audit key, and hold the
    walk against the signed seals of the seal file. Returns (entries checked, first problem)."""
    seals = read_seals(seal_path)
    problem = _check_seals(seals)
    if problem is not None:
        return 0, problem
    checked = 0
    chains = set(AuditHead.objects.values_list("id", flat=True)) | set(
        AuditEntry.objects.values_list("chain", flat=True).distinct())
    chains |= {s["chain"] for s in seals}
    for chain in sorted(chains):
        count, problem = _verify_one(chain, [s for s in seals if s["chain"] == chain])
        checked += count
        if problem is not None:
            return checked, problem
    return checked, None


def _verify_one(chain: int, seals: list[dict]) -> tuple[int, ChainProblem | None]:
    expected_prev = GENESIS
    checked = 0
    seen_keyed = False
    by_last = {s["last_id"]: s for s in seals}
    rows = AuditEntry.objects.filter(chain=chain).order_by("id").values(
        "id", "at", "actor_id", "actor_name", "action", "object_type", "object_id",
        "object_repr", "before", "after", "channel", "keyed", "prev_hash", "hash",
    )
    for row in rows.iterator(chunk_size=2000):
        if row["prev_hash"] != expected_prev:
            return checked, ChainProblem(row["id"], "prev_hash does not match the previous entry (an entry was removed or reordered)")
        if not row["keyed"] and seen_keyed:
            return checked, ChainProblem(row["id"], "an unkeyed entry after keyed ones (the entry was rewritten)")
        seen_keyed = seen_keyed or row["keyed"]
        digest = entry_digest(
            prev_hash=row["prev_hash"], at=row["at"].isoformat(), actor_id=row["actor_id"],
            actor_name=row["actor_name"], action=row["action"], object_type=row["object_type"],
            object_id=row["object_id"], object_repr=row["object_repr"], before=row["before"],
            after=row["after"], channel=row["channel"], chain=chain, keyed=row["keyed"],
        )
        if digest != row["hash"]:
            return checked, ChainProblem(row["id"], "content does not match its hash (the entry was changed)")
        expected_prev = row["hash"]
        checked += 1
        seal = by_last.pop(row["id"], None)
        if seal is not None and (seal["head"] != row["hash"] or seal["count"] != checked):
            return checked - 1, ChainProblem(row["id"], f"the entry differs from seal line {seal['line']} (the trail was rewritten since it was sealed)")
    if by_last:
        seal = min(by_last.values(), key=lambda s: s["last_id"])
        return checked, ChainProblem(seal["last_id"], f"sealed in seal line {seal['line']} but missing (entries were removed)")
    head = AuditHead.objects.filter(pk=chain).first()
    if head is not None and (head.last_hash != expected_prev or head.count != checked):
        return checked, ChainProblem(None, "the chain's head does not match its last entry (entries were removed from the end)")
    return checked, None
