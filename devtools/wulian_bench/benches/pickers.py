"""``wulian bench pickers``: the pickers' endpoints per keystroke, against the bare endpoint.

1. The database: ``--database-url`` (one already holding ``wulian demo --scale chengdu``; the
   benchmark adds one session to it) or, by default, a new temporary SQLite file that a child
   process migrates and fills with the demo world and, with ``--scale chengdu`` (the default),
   the case-scale city (slow: see docs/figures.md); removed afterwards.
2. A child process on that database picks the words typed (``--words`` organisation, person and
   area names, at random with a fixed seed) and signs city_admin in (a session with its second
   factor verified, as after a real login).
3. gunicorn on 127.0.0.1 (a free port). One client types each word as a person does: one request
   per keystroke from the second character on (``/pick/orgs?above=1&q=华西``, then ``…q=华西医``),
   then requests ``/bench/bare`` as many times.
4. Prints p50 / p95 per keystroke for each endpoint, the same for the bare endpoint and the ratio
   (picker ÷ bare), stops the server and removes what it made. Loopback only; bounded in count
   and time (``--seconds`` per phase).
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from django.conf import settings

from wulian_bench.kit import HOST, Bench, load, percentile, signed_in_cookie
from wulian_bench.kit import child_env as _child_env
from wulian_bench.kit import free_port as _free_port
from wulian_bench.kit import start_server as _start_server
from wulian_bench.kit import stop_server as _stop_server

ENDPOINTS = [
    ("orgs", "/pick/orgs?above=1&q="),
    ("people", "/pick/people?q="),
    ("areas", "/pick/areas?q="),
]


def add_arguments(parser) -> None:
    parser.add_argument(
        "--scale",
        choices=["chengdu", "demo"],
        default="chengdu",
        help="the temporary database holds the case-scale city (default) or only the demo world",
    )
    parser.add_argument(
        "--database-url",
        dest="database_url",
        default=None,
        help="use this database (already loaded) instead of a temporary one",
    )
    parser.add_argument(
        "--words", type=int, default=30, help="words typed per endpoint (default 30)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument(
        "--seconds", type=float, default=120.0, help="time limit of each phase (default 120 s)"
    )
    parser.add_argument("--seed-into", dest="seed_into", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--load", dest="load", default=None, help=argparse.SUPPRESS)


# ----------------------------------------------------------------------- in the child process


def seed(words: int) -> dict[str, Any]:
    """The words to type and a signed-in city_admin session."""

    from wulian.areas.models import Area
    from wulian.orgs.models import Org
    from wulian.people.models import Person

    rng = random.Random(2026)

    def sample(names: list[str]) -> list[str]:
        names = [n for n in names if len(n) >= 2]
        return rng.sample(names, min(words, len(names)))

    def prefix(name: str) -> str:  # what one types: up to four characters from the start
        return name[: min(len(name), 4)]

    org_names = list(Org.objects.order_by("pk").values_list("name", flat=True))
    people_names = list(Person.objects.order_by("pk").values_list("name", flat=True)[:50000])
    area_names = list(
        Area.objects.exclude(level="grid").order_by("pk").values_list("name", flat=True)
    )
    return {
        "cookie": signed_in_cookie("city_admin"),
        "words": {
            "orgs": [prefix(n) for n in sample(org_names)],
            "people": [prefix(n) for n in sample(people_names)],
            "areas": [prefix(n) for n in sample(area_names)],
        },
        "counts": {
            "orgs": len(org_names),
            "people": Person.objects.count(),
            "areas": len(area_names),
        },
    }


# ---------------------------------------------------------------------- in the parent process


def _manage(env: dict[str, str], *args: str, timeout: int) -> None:
    subprocess.run(
        [sys.executable, "-m", "wulian", "bench", "pickers", *args],
        env=env,
        check=True,
        cwd=str(settings.BASE_DIR),
        timeout=timeout,
    )


def keystrokes(words: list[str]) -> list[str]:
    """What a person's typing sends: every prefix of two characters or more."""
    return [word[:n] for word in words for n in range(2, len(word) + 1)]


def _time_requests(
    port: int, paths: list[str], cookie: str, seconds: float
) -> tuple[list[float], dict, list[int]]:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    times: list[float] = []
    statuses: dict = {}
    found: list[int] = []
    deadline = time.monotonic() + seconds
    headers = {"Cookie": cookie, "Accept": "application/json"}
    for path in paths:
        if time.monotonic() > deadline:
            break
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            statuses["connection error"] = statuses.get("connection error", 0) + 1
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
            continue
        times.append(time.perf_counter() - started)
        statuses[response.status] = statuses.get(response.status, 0) + 1
        if response.status == 200 and path.startswith("/pick/"):
            found.append(len(json.loads(body)["results"]))
    conn.close()
    return times, statuses, found


def measure(port: int, seeded: dict[str, Any], seconds: float) -> dict[str, Any]:
    from urllib.parse import quote

    out: dict[str, Any] = {}
    # warm-up: one request per endpoint and the bare one
    _time_requests(
        port, [p + quote("成都") for _, p in ENDPOINTS] + ["/bench/bare"], seeded["cookie"], seconds
    )
    total = 0
    for name, prefix in ENDPOINTS:
        paths = [prefix + quote(k) for k in keystrokes(seeded["words"][name])]
        total += len(paths)
        times, statuses, found = _time_requests(port, paths, seeded["cookie"], seconds)
        out[name] = {
            "n": len(times),
            "p50": percentile(times, 50),
            "p95": percentile(times, 95),
            "statuses": statuses,
            "empty": sum(1 for f in found if f == 0),
        }
    times, statuses, _ = _time_requests(port, ["/bench/bare"] * total, seeded["cookie"], seconds)
    out["bare"] = {
        "n": len(times),
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "statuses": statuses,
    }
    return out


def run(options: dict[str, Any], stdout) -> dict[str, Any] | None:
    if options.get("load"):
        load(options["load"])
        return None
    if options.get("seed_into"):
        Path(options["seed_into"]).write_text(json.dumps(seed(options["words"])))
        return None
    workdir = Path(tempfile.mkdtemp(prefix="wulian-bench-pickers-"))
    server = None
    try:
        if options["database_url"]:
            database_url = options["database_url"]
        else:
            database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
            stdout.write(
                f"loading a temporary database ({options['scale']}): migrate, demo"
                + (", case-scale city (slow)…" if options["scale"] == "chengdu" else "…")
            )
            started = time.monotonic()
            _manage(_child_env(database_url), "--load", options["scale"], timeout=4 * 3600)
            stdout.write(f"  loaded in {time.monotonic() - started:.0f} s")
        env = _child_env(database_url)
        env["WULIAN_VAR_DIR"] = str(workdir)
        seed_file = workdir / "seed.json"
        _manage(env, "--seed-into", str(seed_file), "--words", str(options["words"]), timeout=900)
        seeded = json.loads(seed_file.read_text())
        port = _free_port()
        server = _start_server(env, port, options["workers"])
        counts = seeded["counts"]
        stdout.write(
            f"gunicorn on http://{HOST}:{port}/ ({options['workers']} workers); as city_admin over "
            f"{counts['orgs']} organisations, {counts['people']} people, {counts['areas']} areas; "
            f"{options['words']} words per picker, one request per keystroke from the second character"
        )
        result = measure(port, seeded, options["seconds"])
    finally:
        if server is not None:
            _stop_server(server)
        shutil.rmtree(workdir, ignore_errors=True)
    bare = result["bare"]
    for name, _ in ENDPOINTS:
        r = result[name]
        ratio50 = r["p50"] / bare["p50"] if bare["p50"] else 0.0
        ratio95 = r["p95"] / bare["p95"] if bare["p95"] else 0.0
        stdout.write(
            f"/pick/{name:<7} {r['n']:>4} keystrokes  p50 {r['p50'] * 1000:7.1f} ms  "
            f"p95 {r['p95'] * 1000:7.1f} ms   ratio to bare p50 {ratio50:6.1f}×  p95 {ratio95:6.1f}×   "
            f"(statuses {r['statuses']}, {r['empty']} empty answers)"
        )
    stdout.write(
        f"/bench/bare    {bare['n']:>4} requests    p50 {bare['p50'] * 1000:7.1f} ms  "
        f"p95 {bare['p95'] * 1000:7.1f} ms   (statuses {bare['statuses']})"
    )
    return result


BENCHES = {
    "pickers": Bench(
        help="The pickers' endpoints per keystroke (p50/p95) vs the bare endpoint, at case scale (loopback, bounded).",
        add_arguments=add_arguments,
        run=run,
    ),
}
