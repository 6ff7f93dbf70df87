"""What ``/healthz`` checks: the database, the shared cache and the task queue, each timed.

Kernel code: it imports no wulian app. A failing part makes the whole answer 503, so a load
balancer takes the process out of rotation; the body says which part failed and why (the
exception's class only, never a connection string or a password).
"""

import time
import uuid

from django.core.cache import cache
from django.db import connection


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    found = cache.get(key)
    cache.delete(key)
    if found != "1":
        raise RuntimeError("cache did not return what was stored")


def _queue() -> int:
    from huey.contrib.djhuey import HUEY

    return HUEY.storage.queue_size()


CHECKS = (("database", _database), ("cache", _cache), ("queue", _queue))


def check_health() -> tuple[bool, dict]:
    """Run every check; answer (all passed, {part: {ok, ms, detail}})."""
    parts = {}
    for name, check in CHECKS:
        started = time.perf_counter()
        try:
            value = check()
        except Exception as error:  # noqa: BLE001 - a health check reports every failure
            parts[name] = {"ok": False, "error": type(error).__name__}
        else:
            parts[name] = {"ok": True}
            if value is not None:
                parts[name]["size"] = value
        parts[name]["ms"] = round((time.perf_counter() - started) * 1000, 2)
    return all(part["ok"] for part in parts.values()), parts
