"""The test suite checks its own counters: after every test that wrote a counted table, the
pending roll-ups are folded and ``figures.services.check`` (what ``wulian figures check`` runs)
must find 0 differences, or the test errors at teardown with the differences.

Loaded from the root ``conftest.py``. Cheap by construction: a connection wrapper notes the
tables each ``INSERT`` / ``UPDATE`` / ``DELETE`` names; a test that wrote no counted table (a fact
table, a row that places facts, the counters) checks nothing, and one that did checks only the
key families (``needs``, ``funds`` …) of what it wrote. Writing the areas themselves (a move,
a deletion), or the counters without any fact, checks every family.

A test that corrupts counters on purpose says so: ``@pytest.mark.counters_unchecked``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

ALL = "*"
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)', re.IGNORECASE)
_tables: dict[str, set[str]] = {}  # db table -> the key families a write to it can change


def families_by_table() -> dict[str, set[str]]:
    """Each counted table and the families a write to it can change (built once)."""
    if not _tables:
        from django.apps import apps

        from wulian.core import counters
        from wulian.figures.services import families_of

        out: dict[str, set[str]] = {}
        for reg in counters.registrations():
            out.setdefault(reg.model._meta.db_table, set()).update(families_of(reg))
        for model, hops in counters.hops().items():
            for hop in hops:
                for reg in counters.registrations(hop.fact):
                    out.setdefault(model._meta.db_table, set()).update(families_of(reg))
        for label in (counters.COUNTER_MODEL, counters.PENDING_MODEL):
            out[apps.get_model(label)._meta.db_table] = {ALL}
        _tables.update(out)
    return _tables


class Writes:
    """A connection wrapper noting the families of the counted tables written."""

    def __init__(self) -> None:
        from django.apps import apps

        from wulian.core import counters

        self.tables = families_by_table()
        self.area_table = apps.get_model(counters.AREA_MODEL)._meta.db_table
        self.counter_tables = {t for t, f in self.tables.items() if f == {ALL}}
        self.families: set[str] = set()
        self.counters_written = False
        self.areas_changed = False

    def __call__(self, execute, sql, params, many, context):
        match = _WRITE.match(sql)
        if match:
            table = match.group(1)
            if table in self.counter_tables:
                self.counters_written = True
            elif table in self.tables:
                self.families |= self.tables[table]
            elif table == self.area_table and sql.lstrip()[:6].upper() != "INSERT":
                self.areas_changed = True
        return execute(sql, params, many, context)

    def scope(self) -> set[str] | None | bool:
        """``None``: check every family; a set: these; ``False``: nothing to check."""
        if self.areas_changed or (self.counters_written and not self.families):
            return None
        return self.families or False


def _uses_db(request) -> bool:
    return (
        "_django_db_helper" in request.fixturenames
        or request.node.get_closest_marker("django_db") is not None
    )


@pytest.fixture(autouse=True)
def _counters_checked(request) -> Iterator[None]:
    if request.node.get_closest_marker("counters_unchecked") or not _uses_db(request):
        yield
        return
    request.getfixturevalue("_django_db_helper")  # set up first, so torn down after this check
    from django.db import connection

    writes = Writes()
    failed = request.session.testsfailed
    with connection.execute_wrapper(writes):
        yield
    scope = writes.scope()
    if scope is False or request.session.testsfailed != failed or connection.needs_rollback:
        return
    differences = _check(None if scope is None else set(scope))
    if differences:
        lines = "\n".join(
            f"  {d.area_code} {d.area_name} {d.key} {d.period or '*'}: stored {d.stored}, "
            f"fresh {d.fresh}"
            for d in differences[:30]
        )
        pytest.fail(
            f"{len(differences)} counters differ from their facts after this test "
            f"(mark it counters_unchecked only if it corrupts them on purpose):\n{lines}",
            pytrace=False,
        )


def _check(families: set[str] | None):
    from wulian.core import counters
    from wulian.figures.services import check

    counters.fold_pending()
    return check(families=families)
