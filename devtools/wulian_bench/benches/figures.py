"""``wulian bench figures``: the city dashboard's figures endpoint against a raw SQL aggregate of
the same figures, and the endpoint at 1× against 10× facts.

1. Databases: two new, temporary ones (SQLite files in a temporary folder; on PostgreSQL, two
   databases created next to the configured one and dropped afterwards).
2. Seeding, in a child process per database: migrate, the demo world, then the scale generator
   (``wulian_bench.scale``) at 1× and at 10× the facts on the same territory; an API token for the
   city administrator. The same child then times the raw SQL aggregate of the city's figures
   (the same figures the endpoint serves: totals and per district, straight from the fact tables).
3. gunicorn on 127.0.0.1 (a free port) on each database in turn; one client requests
   ``GET /api/v1/figures/areas/510100000000`` ``--requests`` times (after a warm-up).
4. Prints both comparisons side by side, stops the server and removes the databases.
Targets: endpoint ≤ 1/20 of the raw aggregate; endpoint at 10× ≤ 1.5 × endpoint at 1×.
Bounded in count and time, loopback only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from wulian_bench.kit import HOST, Bench, pg_admin
from wulian_bench.kit import child_env as _child_env
from wulian_bench.kit import free_port as _free_port
from wulian_bench.kit import pg_url as _pg_url
from wulian_bench.kit import start_server as _start_server
from wulian_bench.kit import stop_server as _stop_server
from wulian_bench.raw_figures import CITY, city_totals, raw_aggregate


def add_arguments(parser) -> None:
    parser.add_argument(
        "--size",
        type=float,
        default=1.0,
        help="scale of the territory and orgs (1 = the case study)",
    )
    parser.add_argument(
        "--facts", type=float, default=10.0, help="the larger fact multiple (default 10)"
    )
    parser.add_argument(
        "--requests", type=int, default=50, help="endpoint requests timed per database (default 50)"
    )
    parser.add_argument(
        "--repeats", type=int, default=5, help="raw aggregate runs timed per database (default 5)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument(
        "--seconds", type=float, default=120.0, help="time limit of each request phase"
    )
    # internal: the child process that seeds a database and times the raw aggregate
    parser.add_argument("--seed-into", dest="seed_into", default=None, help=argparse.SUPPRESS)
    parser.add_argument(
        "--seed-facts", dest="seed_facts", type=float, default=1.0, help=argparse.SUPPRESS
    )
    parser.add_argument(
        "--base-only", dest="base_only", action="store_true", help=argparse.SUPPRESS
    )


# ----------------------------------------------------------------------- in the child process


def seed_base() -> dict[str, Any]:
    from django.core.management import call_command

    from wulian.web.demo import demo_loaded, load_demo

    call_command("migrate", verbosity=0, interactive=False)
    if not demo_loaded():
        load_demo()
    return {"base": True}


def seed(*, size: float, facts: float, repeats: int) -> dict[str, Any]:
    from django.core.management import call_command

    from wulian.accounts.models import User
    from wulian.accounts.services import create_token
    from wulian.web.demo import demo_loaded, load_demo
    from wulian_bench.scale import generate_chengdu

    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    if not demo_loaded():
        load_demo()
    made = generate_chengdu(None, size=size, facts=facts)
    with connection.cursor() as cursor:  # a settled database, as autovacuum / checkpoints leave it
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            cursor.execute("VACUUM ANALYZE")
    seeded = time.monotonic() - started
    rows = sum(v for v in made.values() if isinstance(v, int))
    times = []
    for _i in range(max(1, repeats)):
        t0 = time.perf_counter()
        raw = raw_aggregate()
        times.append(time.perf_counter() - t0)
    token = create_token(user=User.objects.get(username="city_admin"), by=None)
    return {
        "token": token,
        "raw": times,
        "rows": rows,
        "seed_seconds": seeded,
        "totals": city_totals(raw),
    }


# ---------------------------------------------------------------------- in the parent process


def _seed_child(
    env: dict[str, str],
    *,
    size: float = 1.0,
    facts: float = 1.0,
    repeats: int = 1,
    base_only: bool = False,
) -> dict[str, Any]:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "wulian",
            "bench",
            "figures",
            "--seed-into",
            "1",
            "--seed-facts",
            str(facts),
            "--size",
            str(size),
            "--repeats",
            str(repeats),
        ]
        + (["--base-only"] if base_only else []),
        env=env,
        cwd=str(settings.BASE_DIR),
        timeout=3600,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise RuntimeError(f"seeding failed ({out.returncode}):\n{out.stderr[-3000:]}")
    line = [x for x in out.stdout.splitlines() if x.startswith("{")][-1]
    return json.loads(line)


def _time_endpoint(
    env: dict[str, str], token: str, *, requests: int, workers: int, seconds: float
) -> tuple[list[float], dict[str, Any]]:
    """The endpoint's times, and its (last warm-up) answer."""
    port = _free_port()
    server = _start_server(env, port, workers, 2)
    try:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        headers = {"Authorization": f"Bearer {token}"}
        path = f"/api/v1/figures/areas/{CITY}"
        for _i in range(3):  # warm-up: imports, connections, caches
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
            if response.status != 200:
                raise RuntimeError(f"endpoint answered {response.status}: {body[:200]!r}")
        answer = json.loads(body)
        times = []
        deadline = time.monotonic() + seconds
        for _i in range(requests):
            if time.monotonic() > deadline:
                break
            t0 = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            times.append(time.perf_counter() - t0)
        conn.close()
        return times, answer
    finally:
        _stop_server(server)


def _databases(workdir: Path, stdout) -> tuple[list[str], Any]:
    """A base database (migrated, demo world) seeded once in a child process, copied into the two
    databases for 1× and 10×; their URLs and a cleanup function."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        import sqlite3

        base = workdir / "figures-base.sqlite3"
        stdout.write("seeding the base database (territory, demo world) ...")
        _seed_child(_child_env(f"sqlite:///{base}"), base_only=True)
        urls = []
        for label in ("1x", "10x"):
            target = workdir / f"figures-{label}.sqlite3"
            with sqlite3.connect(str(base)) as src, sqlite3.connect(str(target)) as dst:
                src.backup(dst)
            urls.append(f"sqlite:///{target}")
        return urls, lambda: None
    if db["ENGINE"] == "django.db.backends.postgresql":
        tag = uuid.uuid4().hex[:8]
        base = f"wulian_figbench_{tag}_base"
        names = [f"wulian_figbench_{tag}_1x", f"wulian_figbench_{tag}_10x"]

        # CREATE/DROP DATABASE cannot run inside a transaction (the caller may be in one):
        # use a separate autocommit connection to the maintenance database.

        def drop() -> None:
            for name in [*names, base]:
                pg_admin(db, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        try:
            pg_admin(db, f'CREATE DATABASE "{base}"')
            stdout.write("seeding the base database (territory, demo world) ...")
            _seed_child(_child_env(_pg_url(db, base)), base_only=True)
            for name in names:
                pg_admin(db, f'CREATE DATABASE "{name}" TEMPLATE "{base}"')
        except BaseException:
            drop()
            raise
        return [_pg_url(db, n) for n in names], drop
    raise RuntimeError(f"unsupported database engine {db['ENGINE']}")


def _disagreements(raw: dict[str, int], served: dict[str, float]) -> list[str]:
    """The figures where the raw aggregate's city total and the endpoint's answer differ."""
    return [
        f"{key}: raw {value}, endpoint {served.get(key, 0):g}"
        for key, value in sorted(raw.items())
        if value != served.get(key, 0)
    ]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def run(options: dict[str, Any], stdout) -> dict[str, Any] | None:
    if options.get("seed_into") and options.get("base_only"):
        result = seed_base()
        stdout.write(json.dumps(result))
        return result
    if options.get("seed_into"):
        result = seed(size=options["size"], facts=options["seed_facts"], repeats=options["repeats"])
        stdout.write(json.dumps(result))
        return result
    engine = connection.vendor
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="wulian-figbench-") as tmp:
        urls, cleanup = _databases(Path(tmp), stdout)
        try:
            for label, url, facts in [("1x", urls[0], 1.0), ("10x", urls[1], options["facts"])]:
                stdout.write(f"seeding {label} ({engine}) ...")
                env = _child_env(url)
                seeded = _seed_child(
                    env, size=options["size"], facts=facts, repeats=options["repeats"]
                )
                stdout.write(
                    f"  {seeded['rows']:,} rows in {seeded['seed_seconds']:.0f}s; timing the endpoint ..."
                )
                times, answer = _time_endpoint(
                    env,
                    seeded["token"],
                    requests=options["requests"],
                    workers=options["workers"],
                    seconds=options["seconds"],
                )
                results[label] = {
                    "rows": seeded["rows"],
                    "endpoint": statistics.median(times),
                    "raw": statistics.median(seeded["raw"]),
                    "requests": len(times),
                    "disagree": _disagreements(seeded["totals"], answer["figures"]),
                    "compared": len(seeded["totals"]),
                }
        finally:
            cleanup()
    one, ten = results["1x"], results["10x"]
    stdout.write("")
    stdout.write(
        f"wulian bench figures — {engine}, size {options['size']}, facts 1× and {options['facts']:g}×"
    )
    stdout.write(f"{'':34s}{'1× facts':>14s}{'10× facts':>14s}")
    stdout.write(f"{'fact rows seeded':34s}{one['rows']:>14,}{ten['rows']:>14,}")
    stdout.write(
        f"{'dashboard endpoint, median ms':34s}{_ms(one['endpoint']):>14s}{_ms(ten['endpoint']):>14s}"
    )
    stdout.write(
        f"{'raw SQL aggregate, median ms':34s}{_ms(one['raw']):>14s}{_ms(ten['raw']):>14s}"
    )
    r1, r10 = one["endpoint"] / one["raw"], ten["endpoint"] / ten["raw"]
    stdout.write(
        f"{'endpoint / raw (target ≤ 1/20)':34s}{'1/' + format(1 / r1, '.1f'):>14s}{'1/' + format(1 / r10, '.1f'):>14s}"
    )
    growth = ten["endpoint"] / one["endpoint"]
    stdout.write(f"{'endpoint 10× / 1× (target ≤ 1.5)':34s}{'':>14s}{growth:>14.2f}")
    for label, result in (("1×", one), ("10×", ten)):
        if result["disagree"]:
            stdout.write(
                f"{label}: the endpoint and the raw aggregate disagree on {len(result['disagree'])} "
                f"of {result['compared']} figures: " + "; ".join(result["disagree"][:10])
            )
        else:
            stdout.write(
                f"{label}: the endpoint and the raw aggregate agree on all {result['compared']} city figures."
            )
    agree = not one["disagree"] and not ten["disagree"]
    verdict = "met" if r1 <= 0.05 and r10 <= 0.05 and growth <= 1.5 and agree else "NOT met"
    stdout.write(f"targets {verdict}.")
    results["ratio_1x"], results["ratio_10x"], results["growth"] = r1, r10, growth
    return results


BENCHES = {
    "figures": Bench(
        help="city dashboard figures endpoint vs a raw SQL aggregate, and at 1× vs 10× facts",
        add_arguments=add_arguments,
        run=run,
    ),
}
