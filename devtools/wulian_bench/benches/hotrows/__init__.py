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
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import CommandError
from django.db import connection

from wulian_bench.benches.hotrows.measure import checks, measure, shards_used, waited_on
from wulian_bench.benches.hotrows.seed import seed
from wulian_bench.kit import Bench
from wulian_bench.kit import child_env as _child_env
from wulian_bench.kit import scratch_database as _scratch_database

__all__ = ["BENCHES", "add_arguments", "child", "measure", "run", "seed", "waited_on"]


RUNS = (("own", "each writer in its own community"), ("one", "all writers in ONE community"))


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
        result[run].update(checks(), audit=shards_used(users[run]))
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
