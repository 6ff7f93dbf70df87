"""In the child process: one run of writers, the sampler of waiting backends, the roll-up thread,
and the checks after the run."""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from typing import Any

# Each backend waiting for a lock: what it waits for, the relation of that lock or of the tuple
# lock it holds while waiting for the row's holder, and its statement (an upsert that meets a row
# another transaction wrote waits for that transaction and holds no tuple lock: its statement
# names the table).
WAITERS = """
SELECT a.pid, w.locktype, w.relation::regclass::text, t.relation::regclass::text, a.query
FROM pg_stat_activity a
JOIN pg_locks w ON w.pid = a.pid AND NOT w.granted
LEFT JOIN LATERAL (SELECT relation FROM pg_locks WHERE pid = a.pid AND locktype = 'tuple' LIMIT 1) t ON true
WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
"""
STATEMENT_TABLE = re.compile(
    r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|SELECT\b.*?\bFROM)\s+"?(\w+)"?', re.I | re.S
)


def waited_on(locktype: str, relation: str | None, tuple_relation: str | None, query: str) -> str:
    """``relation [lock type]`` for one waiting backend."""
    found = STATEMENT_TABLE.match(query or "")
    name = relation or tuple_relation or (found.group(1) if found else "(a transaction)")
    return f"{name} [{locktype}]"


def _sample(url: str, period: float, stop: threading.Event, out: dict[str, Any]) -> None:
    import psycopg

    waiting: list[int] = []
    by_relation: Counter = Counter()
    with psycopg.connect(url, autocommit=True) as conn:
        while not stop.is_set():
            found = conn.execute(WAITERS).fetchall()
            waiting.append(len({row[0] for row in found}))
            by_relation.update(waited_on(*row[1:]) for row in found)
            stop.wait(period)
    out.update(
        samples=len(waiting),
        max_waiting=max(waiting, default=0),
        mean_waiting=sum(waiting) / len(waiting) if waiting else 0.0,
        relations=dict(by_relation.most_common()),
    )


def _fold_every_second(stop: threading.Event) -> None:
    from django.db import connection as conn

    from wulian.core import counters

    while not stop.wait(1.0):
        counters.fold_pending()
    conn.close()


def _write(users: tuple[Any, Any], deadline: float, out: Counter) -> None:
    from django.db import connection as conn
    from django.db import transaction

    from wulian.needs import services
    from wulian.needs.models import Category

    resident, contact = users
    while time.monotonic() < deadline:
        try:
            with transaction.atomic():
                need = services.post_need(
                    by=resident,
                    title="压测需求",
                    category=Category.OTHER,
                    description="基准测试生成的需求。",
                )
                services.claim_need(need=need, by=contact)
            out["ok"] += 1
        except Exception as exc:  # noqa: BLE001 - counted and printed
            out[type(exc).__name__] += 1
    conn.close()


def measure(
    pairs: list[tuple[Any, Any]], *, seconds: float, sample_ms: float, url: str
) -> dict[str, Any]:
    stop, sampled = threading.Event(), {}
    outcomes = [Counter() for _ in pairs]
    sampler = threading.Thread(target=_sample, args=(url, sample_ms / 1000, stop, sampled))
    folder = threading.Thread(target=_fold_every_second, args=(stop,))
    sampler.start()
    folder.start()
    started = time.monotonic()
    writers = [
        threading.Thread(target=_write, args=(p, started + seconds, outcomes[i]))
        for i, p in enumerate(pairs)
    ]
    for t in writers:
        t.start()
    for t in writers:
        t.join(timeout=seconds + 120)
    elapsed = time.monotonic() - started
    stop.set()
    sampler.join(timeout=30)
    folder.join(timeout=60)
    total = sum(outcomes, Counter())
    ok = total.pop("ok", 0)
    return {
        "transactions": ok,
        "seconds": elapsed,
        "per_s": ok / elapsed if elapsed else 0.0,
        "errors": dict(total),
        **sampled,
    }


def checks() -> dict[str, Any]:
    from wulian.audit.seals import verify_chain
    from wulian.figures import services as figures

    figures.roll_up_pending()
    entries, problem = verify_chain()
    return {
        "figures_differences": len(figures.check()),
        "audit_entries": entries,
        "audit_problem": None if problem is None else str(problem),
    }


def shards_used(pairs: list[tuple[Any, Any]]) -> dict[str, int]:
    from wulian.audit.services import shard_count, shard_for

    used = Counter(shard_for(f"area:{resident.person.home_area_id}") for resident, _ in pairs)
    return {"shards": shard_count(), "used": len(used), "most_per_shard": max(used.values())}
