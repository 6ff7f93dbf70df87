"""``wulian bench writes``: mixed writes (claims, bookings, meeting progress reports, need posts)
from clients in different communities, against the bare endpoint and a bare write in the same run,
at 1 worker and at ``--workers``.

1. The database: a scratch one (``kit.scratch_database``), migrated, the demo world loaded.
2. Seeding (in a child process): per client, in one of the demo's four communities in turn, a
   unit with a contact (who claims) and a resident (who posts needs and books); per community a
   resource with one place per half-hour slot and needs to claim, enough for every phase; the
   demo's open action item that 清源物业's contact reports progress on; the bare write's table.
3. For 1 worker and then ``--workers`` workers (× ``--threads``), gunicorn on 127.0.0.1: the
   clients request ``/bench/bare``, then POST ``/bench/bare-write`` (the token checked, one
   insert into an indexed table in a transaction), then send the mixed writes (each client
   cycles claim, booking, progress, need post), each phase for ``--seconds`` or ``--requests``
   answers. Each need is offered to two clients and each slot booked by two residents of its
   community, so the refusals (4xx) are expected and the database must keep one of each.
4. After each run a child process counts, in the database, needs held and bookings per slot:
   double claims (claims answered 200 beyond the needs held) and double bookings (active
   bookings beyond a slot's one place) must be 0.
5. Prints per run writes/s, p50, p95, ÷ bare, ÷ bare write, the answers per kind, the errors
   (5xx and broken connections: must be 0), the doubles, and the throughput ratio from 1 worker
   to ``--workers``.
Bounded in time and count, loopback only; it stops by itself.
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

from wulian_bench.benches.writes.mix import KINDS, SLOT, Mix, mixed_writes
from wulian_bench.benches.writes.seed import check, seed
from wulian_bench.kit import HOST, Bench, Load, counted, hammer
from wulian_bench.kit import child_env as _child_env
from wulian_bench.kit import free_port as _free_port
from wulian_bench.kit import scratch_database as _scratch_database
from wulian_bench.kit import start_server as _start_server
from wulian_bench.kit import stop_server as _stop_server

__all__ = ["BENCHES", "KINDS", "SLOT", "Mix", "add_arguments", "check", "run", "seed", "table"]


def add_arguments(parser) -> None:
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument(
        "--seconds", type=float, default=8.0, help="time of each phase (default 8 s)"
    )
    parser.add_argument(
        "--requests", type=int, default=0, help="the most answers per phase (default: no limit)"
    )
    parser.add_argument(
        "--needs", type=int, default=600, help="needs seeded per run to claim (default 600)"
    )
    parser.add_argument(
        "--workers", type=int, default=4, help="gunicorn workers of the second run (default 4)"
    )
    parser.add_argument(
        "--threads", type=int, default=4, help="threads per gunicorn worker (default 4)"
    )
    # internal: the child process that seeds or checks the benchmark's database
    parser.add_argument("--seed-into", dest="seed_into", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--check", dest="check", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--runs", dest="runs", type=int, default=2, help=argparse.SUPPRESS)
    parser.add_argument("--tag", dest="tag", default=None, help=argparse.SUPPRESS)


# ---------------------------------------------------------------------- in the parent process


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "wulian", "bench", "writes", *args],
        env=env,
        check=True,
        cwd=str(settings.BASE_DIR),
        timeout=1800,
    )


def one_run(
    env: dict[str, str],
    seeded: dict[str, Any],
    run_: int,
    *,
    workers: int,
    threads: int,
    clients: int,
    seconds: float,
    requests: int,
    slots_per_run: int,
    stdout,
) -> dict[str, Any]:
    port = _free_port()
    server = _start_server(env, port, workers, threads)
    try:
        stdout.write(
            f"run {run_ + 1}: gunicorn on http://{HOST}:{port}/ ({workers} workers × {threads} threads), "
            f"{clients} clients"
        )
        hammer(
            port, clients, seconds, counted(clients, lambda _i: ("GET", "/bench/bare", None, {}))
        )  # warm-up
        bare = hammer(
            port, clients, seconds, counted(requests, lambda _i: ("GET", "/bench/bare", None, {}))
        )
        tokens = [c["unit"] for c in seeded["clients"]]

        def bare_write(index: int):
            return (
                "POST",
                "/bench/bare-write",
                b"",
                {"Authorization": f"Bearer {tokens[index % len(tokens)]}"},
            )

        bare_writes = hammer(port, clients, seconds, counted(requests, bare_write))
        mix = Mix(seeded, run_, slots_per_run)
        writes = mixed_writes(port, clients, seconds, requests, mix)
    finally:
        _stop_server(server)
    return {
        "workers": workers,
        "bare": bare,
        "bare_write": bare_writes,
        "writes": writes,
        "kinds": mix.kinds,
    }


def run(options: dict[str, Any], stdout) -> dict[str, Any] | None:
    if options.get("seed_into"):
        data = seed(
            clients=options["clients"],
            needs=options["needs"],
            runs=options["runs"],
            tag=options["tag"],
        )
        Path(options["seed_into"]).write_text(json.dumps(data))
        return None
    if options.get("check"):
        path = Path(options["check"])
        path.write_text(json.dumps(check(json.loads(path.read_text()))))
        return None
    clients, needs = max(1, options["clients"]), max(1, options["needs"])
    worker_counts = [1, options["workers"]] if options["workers"] != 1 else [1]
    workdir = Path(tempfile.mkdtemp(prefix="wulian-bench-writes-"))
    tag = uuid.uuid4().hex[:8]
    database_url, drop_database = _scratch_database(workdir, tag)
    env = _child_env(database_url)
    results = []
    try:
        stdout.write(
            f"seeding {clients} units and residents in the demo's communities, {needs} needs per run, "
            "into a scratch database…"
        )
        seed_file = workdir / "seed.json"
        _manage(
            env,
            "--seed-into",
            str(seed_file),
            "--clients",
            str(clients),
            "--needs",
            str(needs),
            "--runs",
            str(len(worker_counts)),
            "--tag",
            tag,
        )
        seeded = json.loads(seed_file.read_text())
        for run_, workers in enumerate(worker_counts):
            results.append(
                one_run(
                    env,
                    seeded,
                    run_,
                    workers=workers,
                    threads=options["threads"],
                    clients=clients,
                    seconds=options["seconds"],
                    requests=options["requests"],
                    slots_per_run=2000,
                    stdout=stdout,
                )
            )
        check_file = workdir / "check.json"
        check_file.write_text(json.dumps(seeded))
        _manage(env, "--check", str(check_file))
        held = json.loads(check_file.read_text())
    finally:
        drop_database()
        shutil.rmtree(workdir, ignore_errors=True)
    for line in table(results, held):
        stdout.write(line)
    return {"runs": results, "database": held}


def table(results: list[dict[str, Any]], held: dict[str, int]) -> list[str]:
    lines = [
        f"{'workers':>7} {'target':<14} {'answers':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'÷ bare':>7} {'÷ bare write':>12}  statuses"
    ]
    for r in results:
        bare, bare_write = r["bare"].per_second, r["bare_write"].per_second
        for label in ("bare", "bare_write", "writes"):
            load_: Load = r[label]
            lines.append(
                f"{r['workers']:>7} {label.replace('_', ' '):<14} {load_.ok:>7} {load_.per_second:>8.1f} "
                f"{load_.p(50) * 1000:>8.1f} {load_.p(95) * 1000:>8.1f} "
                f"{load_.per_second / bare if bare else 0:>7.3f} "
                f"{load_.per_second / bare_write if bare_write else 0:>12.3f}  {load_.statuses}"
            )
        per_kind = ", ".join(
            f"{kind} {dict(sorted((s, n) for (k, s), n in r['kinds'].items() if k == kind))}"
            for kind in KINDS
        )
        lines.append(f"{r['workers']:>7} per kind: {per_kind}")
    errors = sum(r[label].errors for r in results for label in ("bare", "bare_write", "writes"))
    claims_ok = sum(
        n for r in results for (k, s), n in r["kinds"].items() if k == "claim" and s == 200
    )
    bookings_ok = sum(
        n for r in results for (k, s), n in r["kinds"].items() if k == "booking" and s == 201
    )
    lines.append(f"5xx or connection errors: {errors}")
    lines.append(
        f"double claims: {claims_ok - held['held']} ({claims_ok} claims answered 200, {held['held']} needs held)"
    )
    lines.append(
        f"double bookings: {held['double_bookings']} ({bookings_ok} bookings answered 201, "
        f"{held['bookings']} active in the database)"
    )
    if len(results) > 1:
        first, last = results[0]["writes"].per_second, results[-1]["writes"].per_second
        lines.append(
            f"scaling: writes/s at {results[-1]['workers']} workers ÷ at 1 worker = "
            f"{last / first if first else 0:.2f}"
        )
    return lines


BENCHES = {
    "writes": Bench(
        help="Mixed writes (claims, bookings, progress reports, need posts) from clients in different communities "
        "vs the bare endpoint and a bare write, at 1 and N workers, with errors and doubles (loopback, bounded).",
        add_arguments=add_arguments,
        run=run,
    ),
}
