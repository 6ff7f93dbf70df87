"""Seals of the audit trail and its verification.

A seal is one line of the seal file (``WULIAN_SEAL_FILE``, outside the database), appended and
fsynced by ``seal_chains`` (hourly Huey task, ``wulian audit seal``): the head of every shard
(chain id, length, last entry id, head hash), their Merkle root, the time and the previous
line's MAC, signed with HMAC-SM3 under the audit key (outside the database too). Lines written
before the trail was sharded seal one chain each (no ``"v"``); both kinds chain to each other.

``verify_chain`` checks the seal file (signatures, order, roots), then walks every shard in
order of ``seq``: links, each entry's HMAC, the sequence, every sealed point, and the head row.
It names the first bad seal line, or the first bad entry as (shard, sequence).
"""

import fcntl
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from wulian.audit.models import AuditEntry, AuditHead, AuditSeal
from wulian.audit.services import GENESIS, _canonical, entry_digest
from wulian.core.crypto import hmac_sm3_hex, sm3_hex

SEAL_V1_FIELDS = ("chain", "first_id", "last_id", "count", "head", "at", "prev")
SEAL_V2_FIELDS = ("v", "at", "shards", "root", "prev")


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int | None
    reason: str
    chain: int | None = None
    seq: int | None = None
    seal_line: int | None = None

    @property
    def where(self) -> str:
        if self.seal_line is not None and self.chain is None:
            return "seal file"
        if self.seq is not None:
            entry = f" (entry #{self.entry_id})" if self.entry_id else ""
            return f"shard {self.chain} sequence {self.seq}{entry}"
        if self.chain is not None:
            return f"shard {self.chain} head"
        return "chain head"


@dataclass(frozen=True)
class Verified:
    """What a verification walked: entries per shard, the last seal line and what it covers."""

    entries: int
    shards: int
    last_seal_line: int | None
    last_seal_at: str | None
    unsealed: int


# ------------------------------------------------------------------------------------ seals


def _seal_mac(body: dict, *, version: int = 1) -> str:
    return hmac_sm3_hex(settings.WULIAN_AUDIT_KEY, _canonical([f"wulian-seal-{version}", body]))


def merkle_leaf(chain: int, count: int, last_id: int, head: str) -> str:
    return sm3_hex(_canonical(["wulian-shard-head", chain, count, last_id, head]))


def merkle_root(shards: list[list]) -> str:
    """SM3 Merkle root over the shard heads ``[chain, count, last_id, head]`` in chain order; an
    odd node is carried up unchanged. One shard head and its path prove it was sealed."""
    level = [merkle_leaf(*shard) for shard in shards]
    if not level:
        return GENESIS
    while len(level) > 1:
        pairs = [level[i : i + 2] for i in range(0, len(level), 2)]
        level = [sm3_hex("wulian-node:" + p[0] + p[1]) if len(p) == 2 else p[0] for p in pairs]
    return level[0]


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
                    seal = {"mac": ""}
                if not isinstance(seal, dict):
                    seal = {"mac": ""}
                seal["line"] = number
                seals.append(seal)
    return seals


def _sealed_counts(seals: list[dict]) -> dict[int, int]:
    """The last sealed length of each chain, over both kinds of lines."""
    counts: dict[int, int] = {}
    for seal in seals:
        if seal.get("v") == 2:
            counts.update({chain: count for chain, count, _last_id, _head in seal["shards"]})
        elif "chain" in seal:
            counts[seal["chain"]] = seal["count"]
    return counts


def _current_shards() -> list[list]:
    """Every non-empty shard head as committed now, with its last entry's id. No lock: a head is
    updated in the transaction that writes its entry, so a committed head names a committed entry."""
    heads = list(
        AuditHead.objects.filter(count__gt=0).order_by("id").values_list("id", "count", "last_hash")
    )
    ids = dict(
        AuditEntry.objects.filter(hash__in=[h for _c, _n, h in heads]).values_list("hash", "id")
    )
    shards = []
    for chain, count, head in heads:
        if head not in ids:
            raise ValueError(
                f"audit shard {chain}: its head names no entry (run `wulian audit verify`)"
            )
        shards.append([chain, count, ids[head], head])
    return shards


def seal_chains(*, path: Path | None = None) -> list[dict]:
    """If any shard grew since the last seal, append one signed line sealing the heads of all
    shards (and their Merkle root) to the seal file, fsync it, and copy it into AuditSeal. The
    seal file is locked while a seal is written, so two sealers never fork the seal chain."""
    path = Path(path or settings.WULIAN_SEAL_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            seals = read_seals(path)
            shards = _current_shards()
            sealed = _sealed_counts(seals)
            if not shards or all(sealed.get(chain) == count for chain, count, _i, _h in shards):
                return []
            body: dict[str, Any] = {
                "v": 2,
                "at": timezone.now().isoformat(),
                "shards": shards,
                "root": merkle_root(shards),
                "prev": seals[-1].get("mac", "") if seals else GENESIS,
            }
            seal = {**body, "mac": _seal_mac(body, version=2)}
            handle.write(json.dumps(seal, ensure_ascii=False, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    previous = AuditSeal.objects.aggregate(last=Max("last_id"))["last"] or 0
    AuditSeal.objects.create(
        chain=0,
        first_id=previous + 1,
        last_id=max(s[2] for s in shards),
        count=sum(s[1] for s in shards),
        head=seal["root"],
        sealed_at=body["at"],
        shards=shards,
        mac=seal["mac"],
    )
    return [seal]


def _check_seals(seals: list[dict]) -> ChainProblem | None:
    prev = GENESIS
    for seal in seals:
        line = seal["line"]
        version = 2 if seal.get("v") == 2 else 1
        fields = SEAL_V2_FIELDS if version == 2 else SEAL_V1_FIELDS
        body = {k: seal.get(k) for k in fields}
        if seal.get("mac") != _seal_mac(body, version=version):
            return ChainProblem(
                None,
                f"seal line {line} is not signed by the audit key (the seal file was altered)",
                seal_line=line,
            )
        if seal["prev"] != prev:
            return ChainProblem(
                None,
                f"seal line {line} does not follow the line before it (a seal was removed)",
                seal_line=line,
            )
        if version == 2 and seal["root"] != merkle_root(seal["shards"]):
            return ChainProblem(
                None,
                f"seal line {line}: its root is not the Merkle root of its shard heads",
                seal_line=line,
            )
        prev = seal["mac"]
    return None


def _checkpoints(seals: list[dict]) -> dict[int, dict[int, list[tuple[int, str, int]]]]:
    """chain → length → [(last entry id, head hash, seal line)] for every sealed point."""
    points: dict[int, dict[int, list[tuple[int, str, int]]]] = {}
    for seal in seals:
        if seal.get("v") == 2:
            items = [
                (chain, count, last_id, head) for chain, count, last_id, head in seal["shards"]
            ]
        else:
            items = [(seal["chain"], seal["count"], seal["last_id"], seal["head"])]
        for chain, count, last_id, head in items:
            points.setdefault(chain, {}).setdefault(count, []).append((last_id, head, seal["line"]))
    return points


# ------------------------------------------------------------------------------ verification


def verify_chain(*, seal_path: Path | None = None) -> tuple[int, ChainProblem | None]:
    """Walk every shard in order, recomputing each entry's HMAC with the audit key, and hold the
    walk against the signed seals of the seal file. Returns (entries checked, first problem)."""
    checked, problem, _summary = verify_trail(seal_path=seal_path)
    return checked, problem


def verify_trail(
    *, seal_path: Path | None = None
) -> tuple[int, ChainProblem | None, Verified | None]:
    seals = read_seals(seal_path)
    problem = _check_seals(seals)
    if problem is not None:
        return 0, problem, None
    points = _checkpoints(seals)
    chains = (
        set(AuditHead.objects.values_list("id", flat=True))
        | set(AuditEntry.objects.order_by().values_list("chain", flat=True).distinct())
        | set(points)
    )
    checked = 0
    for chain in sorted(chains):
        count, problem = _verify_one(chain, points.get(chain, {}))
        checked += count
        if problem is not None:
            return checked, problem, None
    sealed = _sealed_counts(seals)
    unsealed = checked - sum(sealed.values())
    last = seals[-1] if seals else None
    return (
        checked,
        None,
        Verified(
            entries=checked,
            shards=len(chains),
            unsealed=unsealed,
            last_seal_line=last["line"] if last else None,
            last_seal_at=last.get("at") if last else None,
        ),
    )


def _verify_one(
    chain: int, points: dict[int, list[tuple[int, str, int]]]
) -> tuple[int, ChainProblem | None]:
    expected_prev = GENESIS
    checked = 0
    seen_keyed = False
    rows = (
        AuditEntry.objects.filter(chain=chain)
        .order_by("seq", "id")
        .values(
            "id",
            "seq",
            "at",
            "actor_id",
            "actor_name",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "before",
            "after",
            "channel",
            "keyed",
            "prev_hash",
            "hash",
        )
    )
    for row in rows.iterator(chunk_size=2000):
        seq = checked + 1

        def bad(reason: str, row: dict[str, Any] = row) -> ChainProblem:
            return ChainProblem(row["id"], reason, chain=chain, seq=row["seq"])

        if row["prev_hash"] != expected_prev:
            return checked, bad(
                "prev_hash does not match the previous entry (an entry was removed or reordered)"
            )
        if row["seq"] != seq:
            return checked, bad(
                f"sequence {row['seq']} where {seq} was expected (an entry was removed or renumbered)"
            )
        if not row["keyed"] and seen_keyed:
            return checked, bad("an unkeyed entry after keyed ones (the entry was rewritten)")
        seen_keyed = seen_keyed or row["keyed"]
        digest = entry_digest(
            prev_hash=row["prev_hash"],
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
            keyed=row["keyed"],
        )
        if digest != row["hash"]:
            return checked, bad("content does not match its hash (the entry was changed)")
        for last_id, sealed_head, line in points.pop(seq, []):
            if sealed_head != row["hash"] or last_id != row["id"]:
                return checked, bad(
                    f"the entry differs from seal line {line} (the trail was rewritten since it was sealed)"
                )
        expected_prev = row["hash"]
        checked += 1
    if points:
        count = min(points)
        last_id, _head, line = points[count][0]
        return checked, ChainProblem(
            last_id,
            f"sealed in seal line {line} but missing (entries were removed)",
            chain=chain,
            seq=count,
        )
    head = AuditHead.objects.filter(pk=chain).values_list("last_hash", "count").first()
    if head is not None and head != (expected_prev, checked):
        return checked, ChainProblem(
            None,
            "the shard's head does not match its last entry (entries were removed "
            "from the end, or the head was changed)",
            chain=chain,
        )
    if head is None and checked:
        return checked, ChainProblem(
            None, "the shard has entries but no head row (the head was removed)", chain=chain
        )
    return checked, None
