"""What the benchmarks (``wulian_bench/benches/<name>.py``) share: how one declares itself, a
throwaway copy of the configured database, the environment of their child processes, and a
gunicorn on 127.0.0.1 that they start and stop themselves. It imports no wulian app."""

import contextlib
import http.client
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.db import connection

HOST = "127.0.0.1"
START_TIMEOUT = 180  # seconds for gunicorn to answer /healthz (a busy machine is slow to import)


@dataclass(frozen=True)
class Bench:
    """One benchmark: ``add_arguments(parser)`` adds its options, ``run(options, stdout)`` runs it
    (bounded in time and count, against 127.0.0.1 only) and prints its figures."""

    help: str
    add_arguments: Callable[[Any], None]
    run: Callable[[dict[str, Any], Any], None]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def pg_url(db: dict[str, Any], name: str) -> str:
    auth = quote(db["USER"] or "postgres")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def pg_admin(db: dict[str, Any], sql: str) -> None:
    import psycopg

    with psycopg.connect(pg_url(db, "postgres"), autocommit=True) as conn:
        conn.execute(sql)


def scratch_database(
    workdir: Path, tag: str, *, copy: bool = True
) -> tuple[str, Callable[[], None]]:
    """A database for a benchmark's children, and how to remove it afterwards: on SQLite a file in
    ``workdir`` (a backup of the configured one when ``copy``), on PostgreSQL a new database on
    the same server. The configured database is never written."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        target = workdir / f"bench-{tag}.sqlite3"
        if copy:
            with sqlite3.connect(str(db["NAME"])) as src, sqlite3.connect(str(target)) as dst:
                src.backup(dst)
        return f"sqlite:///{target}", lambda: None
    if db["ENGINE"] == "django.db.backends.postgresql":
        name = f"wulian_bench_{tag}"
        pg_admin(db, f'CREATE DATABASE "{name}"')
        return pg_url(db, name), lambda: pg_admin(
            db, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
        )
    raise RuntimeError(f"unsupported database engine {db['ENGINE']}")


def child_env(database_url: str) -> dict[str, str]:
    """The environment of a benchmark's child processes: that database, this checkout's code and
    tools (installed: the children route ``/bench/bare`` and run ``wulian bench``), a real (not
    immediate) queue, and no API rate limits (the clients share one address)."""
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url
    here = [str(settings.BASE_DIR), str(Path(__file__).resolve().parent.parent)]
    env["PYTHONPATH"] = os.pathsep.join([*here, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["DJANGO_SETTINGS_MODULE"] = "wulian.settings"
    env["WULIAN_TOOLS"] = "1"
    env["WULIAN_API_RATE_USER"] = env["WULIAN_API_RATE_IP"] = ""
    env.pop("HUEY_IMMEDIATE", None)
    return env


def start_server(
    env: dict[str, str], port: int, workers: int, threads: int | None = None
) -> subprocess.Popen:
    """gunicorn on 127.0.0.1:port, returned once ``/healthz`` answers 200."""
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "wulian.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
    ]
    if threads:
        args += ["--threads", str(threads), "--worker-class", "gthread"]
    server = subprocess.Popen(
        args + ["--log-level", "warning", "--keep-alive", "5", "--preload"],
        env=env,
        cwd=str(settings.BASE_DIR),
        start_new_session=True,
    )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise RuntimeError(f"gunicorn did not answer within {START_TIMEOUT} s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (inclusive method) of ``values``, 0 when there are none."""
    import statistics

    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


@dataclass
class Load:
    """What ``hammer`` saw: statuses (and ``"connection error"``), latencies and elapsed time."""

    statuses: dict[Any, int]
    latencies: list[float]
    seconds: float

    @property
    def ok(self) -> int:
        return sum(n for s, n in self.statuses.items() if isinstance(s, int) and s < 400)

    @property
    def per_second(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    @property
    def errors(self) -> int:
        """Server errors and broken connections (a refusal, 4xx, is an answer, not an error)."""
        return sum(n for s, n in self.statuses.items() if not isinstance(s, int) or s >= 500)

    def p(self, q: float) -> float:
        return percentile(self.latencies, q)


def hammer(
    port: int,
    clients: int,
    seconds: float,
    next_request: Callable[[int], Any],
    on_answer: Callable[[int, int], None] | None = None,
) -> Load:
    """``clients`` threads, each on one keep-alive connection, send ``next_request(index)`` (a
    ``(method, path, body, headers)`` tuple, or None to stop) until it says stop or ``seconds``
    pass. Every request is timed; ``on_answer(index, status)`` hears every answer."""
    import threading
    from collections import Counter

    statuses: Counter = Counter()
    latencies: list[float] = []
    lock = threading.Lock()
    start_line = threading.Barrier(clients + 1)
    deadline: list[float] = []

    def client(index: int) -> None:
        seen: Counter = Counter()
        times: list[float] = []
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        start_line.wait()
        while time.monotonic() < deadline[0]:
            request = next_request(index)
            if request is None:
                break
            method, path, body, headers = request
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                times.append(time.perf_counter() - started)
                seen[response.status] += 1
                if on_answer is not None:
                    on_answer(index, response.status)
            except (OSError, http.client.HTTPException):
                seen["connection error"] += 1
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=60)
        conn.close()
        with lock:
            statuses.update(seen)
            latencies.extend(times)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    deadline.append(time.monotonic() + seconds)
    started = time.monotonic()
    start_line.wait()
    for t in threads:
        t.join(timeout=seconds + 90)
    return Load(dict(statuses), latencies, time.monotonic() - started)


def counted(requests: int, make: Callable[[int], Any]) -> Callable[[int], Any]:
    """``make`` wrapped to stop after ``requests`` requests in all (0: no limit)."""
    import threading

    left = [requests]
    lock = threading.Lock()

    def next_request(index: int):
        if requests:
            with lock:
                if left[0] <= 0:
                    return None
                left[0] -= 1
        return make(index)

    return next_request


# ------------------------------------------------------- in a child process, on its database


def load(scale: str) -> None:
    """Migrate, load the demo world if it is not there, and the case-scale city for ``chengdu``."""
    from django.core.management import call_command

    from wulian.web.demo import demo_loaded, load_demo

    call_command("migrate", verbosity=0, interactive=False)
    if not demo_loaded():
        load_demo()
    if scale == "chengdu":
        from wulian_bench.scale import already_generated, generate_chengdu

        if not already_generated():
            generate_chengdu()


def signed_in_cookie(username: str) -> str:
    """A session for ``username`` with its second factor verified, as after a real login."""
    from django.conf import settings as dj_settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from wulian.accounts.models import User

    user = User.objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return f"{dj_settings.SESSION_COOKIE_NAME}={session.session_key}"
