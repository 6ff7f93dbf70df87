"""The audit log page and its export make as many queries for 3 entries as for 1."""

import pytest
from django.urls import reverse

from wulian.audit.models import AuditEntry
from wulian.audit.services import record
from wulian.web.testing import assert_flat_queries, query_guard

LISTS = ["audit:list", "audit:export"]


def _record(world, n: int) -> None:
    for i in range(n):
        record(
            actor=world.users["xihuamen_admin"],
            action="test.query_probe",
            object_type="test.thing",
            object_id=str(i),
            object_repr=f"探针{i}",
            after={"n": i},
        )


@query_guard(*LISTS)
@pytest.mark.parametrize("name", LISTS)
def test_audit_lists_make_as_many_queries_for_3_entries_as_for_1(world, login, client, name):
    login("audit_admin")
    _record(world, 1)
    assert_flat_queries(
        client, f"{reverse(name)}?action=test.query_probe", lambda: _record(world, 2)
    )
    assert AuditEntry.objects.filter(action="test.query_probe").count() == 3
