"""``wulian bench claims``: claims per second under concurrent clients, against the same server's
bare baseline endpoint (``/bench/bare``), as a ratio.

1. The database: a temporary copy of the configured SQLite file, or, on PostgreSQL, a temporary
   database on the same server (migrated, demo loaded, dropped afterwards). The configured
   database is never written.
2. Seeding (in a child process on that database): N needs in 黉门街社区 and one unit with a
   contact and an API token per client.
3. gunicorn on 127.0.0.1 (a free port) on that database.
4. The clients (threads, keep-alive HTTP) claim distinct needs through ``POST
   /api/v1/needs/<id>/claim`` until the needs run out or the time is up; then the same clients
   request ``/bench/bare`` until the count or the time is up.
5. Prints claims/s, baseline req/s and their ratio, stops the server and removes the copy.
Bounded in time and count, loopback only; it stops by itself.
"""

import argparse
import http.client
import json
import queue
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

from wulian_bench.kit import HOST, Bench
from wulian_bench.kit import child_env as _child_env
from wulian_bench.kit import free_port as _free_port
from wulian_bench.kit import scratch_database as _database_url
from wulian_bench.kit import start_server as _start_server
from wulian_bench.kit import stop_server as _stop_server


def add_arguments(parser) -> None:
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument(
        "--needs", type=int, default=1000, help="needs seeded, the most claims made (default 1000)"
    )
    parser.add_argument(
        "--bare-requests",
        type=int,
        default=10000,
        help="the most baseline requests (default 10000)",
    )
    parser.add_argument(
        "--seconds", type=float, default=20.0, help="time limit of each phase (default 20 s)"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument(
        "--threads", type=int, default=4, help="threads per gunicorn worker (default 4)"
    )
    # internal: the child process that seeds or cleans the benchmark's database
    parser.add_argument("--seed-into", dest="seed_into", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--tag", dest="tag", default=None, help=argparse.SUPPRESS)


# ----------------------------------------------------------------------- in the child process


def seed(*, needs: int, clients: int, tag: str) -> dict[str, Any]:
    """Needs to claim and one unit contact (with a token) per client, all tagged."""
    from django.core.management import call_command

    from wulian.accounts.models import Role, RoleKind, User
    from wulian.accounts.services import create_token
    from wulian.needs import services
    from wulian.needs.models import Category
    from wulian.orgs.models import Kind, Org
    from wulian.web.demo import HONGMENJIE, demo_loaded, load_demo

    call_command("migrate", verbosity=0, interactive=False)
    if not demo_loaded():
        load_demo()
    resident = User.objects.get(username="resident_demo")
    from wulian.areas.models import Area

    community = Area.objects.get(code=HONGMENJIE)
    tokens = []
    for i in range(clients):
        org = Org.objects.create(
            name=f"压测单位-{tag}-{i:02d}", kind=Kind.PRIVATE_FIRM, area=community
        )
        user = User.objects.create(username=f"bench-{tag}-{i:02d}")
        Role.objects.create(user=user, kind=RoleKind.UNIT_CONTACT, org=org)
        tokens.append(create_token(user=user, by=None))
    ids = [
        services.post_need(
            by=resident,
            title=f"压测需求-{tag}-{i}",
            category=Category.OTHER,
            area=community,
            description="基准测试生成的需求。",
        ).pk
        for i in range(needs)
    ]
    return {"tokens": tokens, "needs": ids}


# ---------------------------------------------------------------------- in the parent process


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "wulian", "bench", "claims", *args],
        env=env,
        check=True,
        cwd=str(settings.BASE_DIR),
        timeout=900,
    )


def _run_clients(port: int, clients: int, seconds: float, next_request) -> tuple[Counter, float]:
    """Each client keeps one connection and sends requests until ``next_request`` says stop or
    the time is up. Returns the statuses seen and the elapsed time."""
    statuses: Counter = Counter()
    lock = threading.Lock()
    start_line = threading.Barrier(clients + 1)
    deadline_box: list[float] = []

    def client(index: int) -> None:
        seen: Counter = Counter()
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        start_line.wait()
        while time.monotonic() < deadline_box[0]:
            request = next_request(index)
            if request is None:
                break
            method, path, body, headers = request
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                seen[response.status] += 1
            except (OSError, http.client.HTTPException):
                seen["connection error"] += 1
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
        conn.close()
        with lock:
            statuses.update(seen)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    deadline_box.append(time.monotonic() + seconds)
    started = time.monotonic()
    start_line.wait()
    for t in threads:
        t.join(timeout=seconds + 60)
    return statuses, time.monotonic() - started


def measure(
    *,
    port: int,
    clients: int,
    seconds: float,
    tokens: list[str],
    need_ids: list[int],
    bare_requests: int,
) -> dict[str, Any]:
    todo: queue.SimpleQueue = queue.SimpleQueue()
    for pk in need_ids:
        todo.put(pk)

    def next_claim(index: int):
        try:
            pk = todo.get_nowait()
        except queue.Empty:
            return None
        headers = {
            "Authorization": f"Bearer {tokens[index % len(tokens)]}",
            "Content-Type": "application/json",
        }
        return "POST", f"/api/v1/needs/{pk}/claim", b"{}", headers

    claims, claim_seconds = _run_clients(port, clients, seconds, next_claim)

    left = [bare_requests]
    left_lock = threading.Lock()

    def next_bare(index: int):
        with left_lock:
            if left[0] <= 0:
                return None
            left[0] -= 1
        return "GET", "/bench/bare", None, {}

    bare, bare_seconds = _run_clients(port, clients, seconds, next_bare)
    claims_per_s = claims[200] / claim_seconds if claim_seconds else 0.0
    bare_per_s = bare[200] / bare_seconds if bare_seconds else 0.0
    return {
        "clients": clients,
        "claims": dict(claims),
        "claim_seconds": claim_seconds,
        "claims_per_s": claims_per_s,
        "bare": dict(bare),
        "bare_seconds": bare_seconds,
        "bare_per_s": bare_per_s,
        "ratio": claims_per_s / bare_per_s if bare_per_s else 0.0,
        "server_errors": sum(
            n for s, n in {**claims, **bare}.items() if isinstance(s, int) and s >= 500
        )
        + sum(n for s, n in list(claims.items()) + list(bare.items()) if s == "connection error"),
    }


def run(options: dict[str, Any], stdout) -> dict[str, Any] | None:
    if options.get("seed_into"):
        data = seed(needs=options["needs"], clients=options["clients"], tag=options["tag"])
        Path(options["seed_into"]).write_text(json.dumps(data))
        return None
    clients, needs = max(1, options["clients"]), max(1, options["needs"])
    workdir = Path(tempfile.mkdtemp(prefix="wulian-bench-"))
    tag = uuid.uuid4().hex[:8]
    server = None
    database_url, drop_database = _database_url(workdir, tag)
    env = _child_env(database_url)
    try:
        stdout.write(
            f"seeding {needs} needs and {clients} unit contacts into a temporary database…"
        )
        seed_file = workdir / "seed.json"
        _manage(
            env,
            "--seed-into",
            str(seed_file),
            "--needs",
            str(needs),
            "--clients",
            str(clients),
            "--tag",
            tag,
        )
        seeded = json.loads(seed_file.read_text())
        port = _free_port()
        server = _start_server(env, port, options["workers"], options["threads"])
        stdout.write(
            f"gunicorn on http://{HOST}:{port}/ ({options['workers']} workers × {options['threads']} threads); "
            f"{clients} clients, at most {options['seconds']:.0f} s per phase"
        )
        result = measure(
            port=port,
            clients=clients,
            seconds=options["seconds"],
            tokens=seeded["tokens"],
            need_ids=seeded["needs"],
            bare_requests=options["bare_requests"],
        )
    finally:
        if server is not None:
            _stop_server(server)
        drop_database()
        shutil.rmtree(workdir, ignore_errors=True)
    stdout.write(
        f"claims:   {result['claims'].get(200, 0)} ok in {result['claim_seconds']:.2f} s "
        f"→ {result['claims_per_s']:.1f} claims/s   (statuses {result['claims']})"
    )
    stdout.write(
        f"baseline: {result['bare'].get(200, 0)} ok in {result['bare_seconds']:.2f} s "
        f"→ {result['bare_per_s']:.1f} req/s on /bench/bare   (statuses {result['bare']})"
    )
    stdout.write(f"ratio:    claims/s ÷ baseline req/s = {result['ratio']:.3f}")
    stdout.write(f"5xx or connection errors: {result['server_errors']}")
    return result


BENCHES = {
    "claims": Bench(
        help="Claims per second under concurrent clients vs the bare baseline endpoint (loopback, bounded).",
        add_arguments=add_arguments,
        run=run,
    ),
}
