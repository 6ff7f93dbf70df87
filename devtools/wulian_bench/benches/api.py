"""``wulian bench api``: the API's lists and details, two staff pages and the organisation picker
under concurrent clients, each against the bare endpoint (``/bench/bare``) in the same run.

1. The database: ``--database-url`` (one already loaded, e.g. a kept ``--scale chengdu`` database:
   the benchmark only adds a token and a session to it), or a scratch one (``kit.scratch_database``:
   a copy of the configured SQLite file, or a new PostgreSQL database next to the configured one)
   that a child process migrates and fills with the demo world and, with ``--scale chengdu``, the
   case-scale city (``wulian_bench.scale``: slow, see docs/figures.md); removed afterwards.
2. A child process on that database makes API tokens for city_admin (lists, details, figures) and
   huaxi_contact (the needs menu: a provider's view) and a signed-in city_admin session (second
   factor verified, as after a real login) for the pages and the picker.
3. gunicorn on 127.0.0.1 (``--workers`` × ``--threads``, a free port). For each target in turn,
   after one warm-up request per client, ``--clients`` clients on keep-alive connections send
   requests for ``--seconds`` (or until ``--requests`` answers); ``/bench/bare`` is measured
   first and again last, and the ratios use the mean of both (the machine is shared).
4. Prints one row per target: answers, req/s, p50, p95, throughput ÷ bare and p95 ÷ bare p95.
Bounded in time and count, loopback only; it stops by itself.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings

from wulian_bench.kit import HOST, Bench, Load, counted, hammer, load, signed_in_cookie
from wulian_bench.kit import child_env as _child_env
from wulian_bench.kit import free_port as _free_port
from wulian_bench.kit import scratch_database as _scratch_database
from wulian_bench.kit import start_server as _start_server
from wulian_bench.kit import stop_server as _stop_server

CITY = "510100000000"
PICK_WORD = "华西"


def add_arguments(parser) -> None:
    parser.add_argument(
        "--scale",
        choices=["demo", "chengdu"],
        default="demo",
        help="the scratch database holds the demo world (default) or also the case-scale city (slow)",
    )
    parser.add_argument(
        "--database-url",
        dest="database_url",
        default=None,
        help="use this database (already loaded, e.g. kept from an earlier --scale chengdu) instead "
        "of a scratch one; it gains one token per user and one session",
    )
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--seconds", type=float, default=5.0, help="time per target (default 5 s)")
    parser.add_argument(
        "--requests", type=int, default=0, help="the most answers per target (default: no limit)"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument(
        "--threads", type=int, default=4, help="threads per gunicorn worker (default 4)"
    )
    # internal: the child process that loads and seeds the benchmark's database
    parser.add_argument("--load", dest="load", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--seed-into", dest="seed_into", default=None, help=argparse.SUPPRESS)


# ----------------------------------------------------------------------- in the child process


def seed() -> dict[str, Any]:
    from wulian.accounts.models import User
    from wulian.accounts.services import create_token
    from wulian.needs.models import Need
    from wulian.people.models import Person

    tokens = {
        u: create_token(user=User.objects.get(username=u), by=None, name="bench api")
        for u in ("city_admin", "huaxi_contact")
    }
    return {
        "tokens": tokens,
        "cookie": signed_in_cookie("city_admin"),
        "need": Need.objects.order_by("pk").values_list("pk", flat=True).first(),
        "counts": {"needs": Need.objects.count(), "people": Person.objects.count()},
    }


# ---------------------------------------------------------------------- in the parent process


def _manage(env: dict[str, str], *args: str, timeout: int) -> None:
    subprocess.run(
        [sys.executable, "-m", "wulian", "bench", "api", *args],
        env=env,
        check=True,
        cwd=str(settings.BASE_DIR),
        timeout=timeout,
    )


def targets(seeded: dict[str, Any]) -> list[tuple[str, str, dict[str, str]]]:
    """(label, path, headers) for every target but the bare endpoint."""
    city = {
        "Authorization": f"Bearer {seeded['tokens']['city_admin']}",
        "Accept": "application/json",
    }
    provider = {
        "Authorization": f"Bearer {seeded['tokens']['huaxi_contact']}",
        "Accept": "application/json",
    }
    page = {"Cookie": seeded["cookie"]}
    return [
        ("/api/v1/areas/", "/api/v1/areas/", city),
        ("/api/v1/people/", "/api/v1/people/", city),
        ("/api/v1/resources/", "/api/v1/resources/", city),
        ("/api/v1/figures/areas/<city>", f"/api/v1/figures/areas/{CITY}", city),
        ("/api/v1/needs/<id>/", f"/api/v1/needs/{seeded['need']}/", city),
        ("/api/v1/needs/menu", "/api/v1/needs/menu", provider),
        ("/people/ (page)", "/people/", page),
        ("/needs/list/ (page)", "/needs/list/", page),
        (
            "/pick/orgs?q=<2 characters>",
            f"/pick/orgs?above=1&q={quote(PICK_WORD)}",
            page | {"Accept": "application/json"},
        ),
    ]


def measure(
    port: int, seeded: dict[str, Any], *, clients: int, seconds: float, requests: int
) -> dict[str, Load]:
    def phase(path: str, headers: dict[str, str]) -> Load:
        hammer(
            port, clients, seconds, counted(clients, lambda _i: ("GET", path, None, headers))
        )  # warm-up
        return hammer(
            port, clients, seconds, counted(requests, lambda _i: ("GET", path, None, headers))
        )

    out: dict[str, Load] = {"bare (first)": phase("/bench/bare", {})}
    for label, path, headers in targets(seeded):
        out[label] = phase(path, headers)
    out["bare (last)"] = phase("/bench/bare", {})
    return out


def table(result: dict[str, Load]) -> list[str]:
    first, last = result["bare (first)"], result["bare (last)"]
    bare_rate = (first.per_second + last.per_second) / 2
    bare_p95 = (first.p(95) + last.p(95)) / 2
    lines = [
        f"{'target':<32} {'answers':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'÷ bare':>7} {'p95 ÷ bare':>10}  statuses"
    ]
    for label, load_ in result.items():
        rate = load_.per_second / bare_rate if bare_rate else 0.0
        p95 = load_.p(95) / bare_p95 if bare_p95 else 0.0
        lines.append(
            f"{label:<32} {load_.ok:>7} {load_.per_second:>8.1f} {load_.p(50) * 1000:>8.1f} "
            f"{load_.p(95) * 1000:>8.1f} {rate:>7.3f} {p95:>9.1f}×  {load_.statuses}"
        )
    errors = sum(load_.errors for load_ in result.values())
    refused = sum(
        n
        for load_ in result.values()
        for s, n in load_.statuses.items()
        if isinstance(s, int) and s >= 400
    )
    lines.append(
        f"bare: {bare_rate:.1f} req/s, p95 {bare_p95 * 1000:.1f} ms (mean of first and last)"
    )
    lines.append(f"5xx or connection errors: {errors}; other refusals (4xx): {refused}")
    return lines


def run(options: dict[str, Any], stdout) -> dict[str, Load] | None:
    if options.get("load"):
        load(options["load"])
        return None
    if options.get("seed_into"):
        Path(options["seed_into"]).write_text(json.dumps(seed()))
        return None
    workdir = Path(tempfile.mkdtemp(prefix="wulian-bench-api-"))
    server = None
    drop_database = lambda: None  # noqa: E731
    try:
        if options["database_url"]:
            database_url = options["database_url"]
        else:
            database_url, drop_database = _scratch_database(workdir, uuid.uuid4().hex[:8])
            stdout.write(
                f"loading a scratch database ({options['scale']}): migrate, demo"
                + (", case-scale city (slow)…" if options["scale"] == "chengdu" else "…")
            )
            started = time.monotonic()
            _manage(_child_env(database_url), "--load", options["scale"], timeout=4 * 3600)
            stdout.write(f"  loaded in {time.monotonic() - started:.0f} s")
        env = _child_env(database_url)
        seed_file = workdir / "seed.json"
        _manage(env, "--seed-into", str(seed_file), timeout=900)
        seeded = json.loads(seed_file.read_text())
        port = _free_port()
        server = _start_server(env, port, options["workers"], options["threads"])
        clients = max(1, options["clients"])
        stdout.write(
            f"gunicorn on http://{HOST}:{port}/ ({options['workers']} workers × {options['threads']} threads); "
            f"{clients} clients, {options['seconds']:.0f} s"
            + (f" or {options['requests']} answers" if options["requests"] else "")
            + f" per target; {seeded['counts']['needs']} needs, {seeded['counts']['people']} people"
        )
        result = measure(
            port, seeded, clients=clients, seconds=options["seconds"], requests=options["requests"]
        )
    finally:
        if server is not None:
            _stop_server(server)
        drop_database()
        shutil.rmtree(workdir, ignore_errors=True)
    for line in table(result):
        stdout.write(line)
    return result


BENCHES = {
    "api": Bench(
        help="API lists and details, staff pages and the picker under concurrent clients vs the bare endpoint "
        "(req/s, p50, p95, ratios; loopback, bounded).",
        add_arguments=add_arguments,
        run=run,
    ),
}
