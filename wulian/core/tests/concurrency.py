"""Real parallel transactions for the PostgreSQL concurrency tests: one transaction held open on
another thread (its row locks kept) while the test writes beside it, and a transaction that fails
instead of waiting for a lock. Nothing sleeps: the threads wait on events, bounded by a timeout
that only a failure reaches."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connection, transaction

BOUND = 60  # seconds: how long a failing test may wait for the other thread, never waited out


@contextmanager
def held_open(write: Callable[[], object], *, bound: float = BOUND) -> Iterator[None]:
    """Run ``write()`` in a transaction on another thread and keep that transaction open, with
    what it wrote and locked, for the body of the ``with``. On leaving, let it commit, wait for
    the thread, and re-raise what ``write()`` raised there (a failure before the body starts is
    raised at once, the body never runs)."""
    written, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def hold() -> None:
        try:
            with transaction.atomic():
                write()
                written.set()
                if not release.wait(timeout=bound):
                    raise TimeoutError("the test never released the transaction held open")
        except BaseException as exc:  # noqa: BLE001 - re-raised on the test's thread
            errors.append(exc)
        finally:
            written.set()  # also when write() failed: the test stops waiting
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        if not written.wait(timeout=bound):
            raise TimeoutError("the transaction to hold open did not finish its writes")
        if errors:
            raise errors[0]
        yield
    finally:
        release.set()
        holder.join(timeout=bound)
    if holder.is_alive():
        raise TimeoutError("the transaction held open did not end")
    if errors:
        raise errors[0]


@contextmanager
def waiting_at_most(timeout: str) -> Iterator[None]:
    """A transaction on this thread's connection that raises ``OperationalError`` ("lock
    timeout") instead of waiting longer than ``timeout`` (PostgreSQL's units: ``"200ms"``,
    ``"2s"``) for a lock."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [timeout])
        yield
