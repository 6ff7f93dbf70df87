"""``wulian bench hotrows``: do writers in different communities wait on each other's rows?
PostgreSQL only (SQLite serialises every writer in the database: there is nothing to measure).

1. The database: a scratch one on the same server (``kit.scratch_database``), migrated; nothing
   of the configured database is read or written.
2. Seeding (in a child process): a city, a district, four streets and ``--writers`` communities
   under them; per writer and per run a resident (who posts) and the contact of a unit of the
   community (who claims).
3. Two runs of ``--seconds`` each, ``--writers`` threads each with its own connection and users:
   every thread loops over one transaction that posts a need in its community and claims it
   (``needs.services.post_need`` then ``claim_need``: counters and audit entries written inside
   the transaction), first each in its OWN community, then all in ONE community. A roll-up thread
   folds the pending ancestors' deltas every second, as the worker does. A sampler polls
   ``pg_stat_activity`` and ``pg_locks`` every ``--sample-ms`` and counts the backends waiting on a
   lock, by relation and lock type (``tuple``: queued behind another waiter for one row;
   ``transactionid``: waiting for the row's holder to commit).
4. After each run the pending deltas are folded, ``figures check`` and ``audit verify`` run.
5. Prints per run transactions/s and writes/s (two service writes per transaction), errors, the
   most and the mean waiting backends, the relations waited on, the audit shards the communities
   fall in, the checks, and the throughput ratio (own communities ÷ one community).
Bounded in time, its own scratch database; it stops by itself.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import CommandError
from django.db import connection

from wulian_bench.kit import Bench
from wulian_bench.kit import child_env as _child_env
from wulian_bench.kit import scratch_database as _scratch_database

RUNS = (("own", "each writer in its own community"), ("one", "all writers in ONE community"))
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


def add_arguments(parser) -> None:
    parser.add_argument(
        "--writers",
        type=int,
        default=32,
        help="concurrent writers, one community each (default 32)",
    )
    parser.add_argument(
        "--seconds", type=float, default=10.0, help="time of each run (default 10 s)"
    )
    parser.add_argument(
        "--sample-ms", type=float, default=20.0, help="lock sampling period (default 20 ms)"
    )
    parser.add_argument(
        "--shards", type=int, default=0, help="audit shards (default: WULIAN_AUDIT_SHARDS)"
    )
    # internal: the child process that seeds and writes into the scratch database
    parser.add_argument("--run-into", dest="run_into", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--tag", dest="tag", default=None, help=argparse.SUPPRESS)


# ----------------------------------------------------------------------- in the child process


def _area(parent, level: str, code: str, name: str):
    from wulian.areas.models import Area

    path = f"{parent.path if parent else ''}{code}/"
    return Area.objects.create(
        level=level,
        code=code,
        name=name,
        parent=parent,
        path=path,
        depth=parent.depth + 1 if parent else 0,
        is_urban=True,
    )


def _machine() -> dict[str, Any]:
    """CPUs, CPU model and load average, as docs/figures.md records them with each run."""
    import os

    model = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            "unknown",
        )
        if Path("/proc/cpuinfo").exists()
        else "unknown"
    )
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def _writer_users(community, tag: str, index: int) -> tuple[Any, Any]:
    """A resident of ``community`` and the contact of a unit located there, through the services
    where the platform has them."""
    from wulian.accounts.models import RoleKind, User
    from wulian.accounts.services import grant_role
    from wulian.orgs.models import Kind, Org
    from wulian.people.services import create_person

    leader = Org.objects.get(leads=community)
    person = create_person(
        by=None, name=f"压测居民{index}", phone=f"139{index:08d}", home_area=community
    )
    resident = User.objects.create(username=f"hot-{tag}-r{index:03d}", person=person)
    grant_role(user=resident, kind=RoleKind.RESIDENT, org=leader, by=None)
    unit = Org.objects.create(name=f"压测单位{index}", kind=Kind.PRIVATE_FIRM, area=community)
    contact = User.objects.create(username=f"hot-{tag}-u{index:03d}")
    grant_role(user=contact, kind=RoleKind.UNIT_CONTACT, org=unit, by=None)
    return resident, contact


def seed(*, writers: int, tag: str) -> dict[str, list[tuple[Any, Any]]]:
    from django.core.management import call_command

    from wulian.areas.models import Level
    from wulian.figures import services as figures
    from wulian.orgs.models import Kind, Org, PartyBody

    call_command("migrate", verbosity=0, interactive=False)
    city = _area(None, Level.CITY, "990000000000", "压测市")
    district = _area(city, Level.DISTRICT, "990100000000", "压测区")
    streets = [
        _area(district, Level.STREET, f"990101{s + 1:03d}000", f"压测街道{s + 1}") for s in range(4)
    ]
    communities = [
        _area(
            streets[i % 4],
            Level.COMMUNITY,
            f"990101{i % 4 + 1:03d}{i // 4 + 1:03d}",
            f"压测社区{i + 1}",
        )
        for i in range(writers)
    ]
    for c in communities:
        Org.objects.create(
            name=f"{c.name}党委",
            kind=Kind.PARTY_ORG,
            leads=c,
            area=c,
            party_body=PartyBody.COMMITTEE,
        )
    users = {
        "own": [_writer_users(c, tag, i) for i, c in enumerate(communities)],
        "one": [_writer_users(communities[0], tag, writers + i) for i in range(writers)],
    }
    figures.recompute()  # the areas and units above were written without counters
    return users


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


def _checks() -> dict[str, Any]:
    from wulian.audit.seals import verify_chain
    from wulian.figures import services as figures

    figures.roll_up_pending()
    entries, problem = verify_chain()
    return {
        "figures_differences": len(figures.check()),
        "audit_entries": entries,
        "audit_problem": None if problem is None else str(problem),
    }


def _shards(pairs: list[tuple[Any, Any]]) -> dict[str, int]:
    from wulian.audit.services import shard_count, shard_for

    used = Counter(shard_for(f"area:{resident.person.home_area_id}") for resident, _ in pairs)
    return {"shards": shard_count(), "used": len(used), "most_per_shard": max(used.values())}


def child(options: dict[str, Any]) -> dict[str, Any]:
    if options["shards"]:
        settings.WULIAN_AUDIT_SHARDS = options["shards"]
    users = seed(writers=options["writers"], tag=options["tag"])
    url = _child_env_url()
    result: dict[str, Any] = {}
    for run, _label in RUNS:
        result[run] = measure(
            users[run], seconds=options["seconds"], sample_ms=options["sample_ms"], url=url
        )
        result[run].update(_checks(), audit=_shards(users[run]))
    return result


def _child_env_url() -> str:
    import os

    return os.environ["DATABASE_URL"]


# ---------------------------------------------------------------------- in the parent process


def _print_run(stdout, label: str, writers: int, r: dict[str, Any]) -> None:
    stdout.write(f"\n{label} ({writers} writers, {r['seconds']:.1f} s):")
    stdout.write(
        f"  transactions/s {r['per_s']:.1f}   writes/s {2 * r['per_s']:.1f}   "
        f"({r['transactions']} transactions of post + claim; errors {r['errors'] or 0})"
    )
    stdout.write(
        f"  waiting backends: max {r['max_waiting']}, mean {r['mean_waiting']:.2f} "
        f"over {r['samples']} samples"
    )
    waited = ", ".join(f"{name} {n}" for name, n in r["relations"].items()) or "none"
    stdout.write(f"  waited on (backend × samples): {waited}")
    a = r["audit"]
    stdout.write(
        f"  audit: {a['shards']} shards, the writers' communities in {a['used']} "
        f"(at most {a['most_per_shard']} per shard)"
    )
    verdict = "intact" if r["audit_problem"] is None else f"BROKEN: {r['audit_problem']}"
    stdout.write(
        f"  figures check: {r['figures_differences']} differences; audit verify: {verdict} "
        f"({r['audit_entries']} entries)"
    )


def run(options: dict[str, Any], stdout) -> dict[str, Any] | None:
    if options.get("run_into"):
        Path(options["run_into"]).write_text(json.dumps(child(options)))
        return None
    if connection.vendor != "postgresql":
        raise CommandError(
            "wulian bench hotrows measures PostgreSQL's row locks: run it with "
            "DATABASE_URL=postgres://… (SQLite serialises every writer, there is nothing to measure)."
        )
    writers = max(1, options["writers"])
    machine = _machine()
    workdir = Path(tempfile.mkdtemp(prefix="wulian-bench-"))
    tag = uuid.uuid4().hex[:8]
    database_url, drop_database = _scratch_database(workdir, tag, copy=False)
    env = _child_env(database_url)
    stdout.write(
        f"machine: {machine['cpus']} CPUs ({machine['cpu_model']}), load average {machine['load']}"
    )
    stdout.write(
        f"migrating a scratch database and seeding {writers} communities; then 2 runs of "
        f"{options['seconds']:.0f} s, locks sampled every {options['sample_ms']:.0f} ms…"
    )
    try:
        result_file = workdir / "result.json"
        args = [
            "--run-into",
            str(result_file),
            "--tag",
            tag,
            "--writers",
            str(writers),
            "--seconds",
            str(options["seconds"]),
            "--sample-ms",
            str(options["sample_ms"]),
            "--shards",
            str(options["shards"]),
        ]
        subprocess.run(
            [sys.executable, "-m", "wulian", "bench", "hotrows", *args],
            env=env,
            check=True,
            cwd=str(settings.BASE_DIR),
            timeout=900 + 2 * options["seconds"],
        )
        result = json.loads(result_file.read_text())
    finally:
        drop_database()
        shutil.rmtree(workdir, ignore_errors=True)
    for run_name, label in RUNS:
        _print_run(stdout, label, writers, result[run_name])
    own, one = result["own"]["per_s"], result["one"]["per_s"]
    result["ratio"] = own / one if one else 0.0
    result["machine"] = machine
    result["machine_after"] = _machine()
    stdout.write(f"\nratio: own communities ÷ one community = {result['ratio']:.2f}")
    stdout.write(f"load average after: {result['machine_after']['load']}")
    return result


BENCHES = {
    "hotrows": Bench(
        help="Writers in different communities vs in one: throughput and lock waits (PostgreSQL, bounded).",
        add_arguments=add_arguments,
        run=run,
    ),
}
