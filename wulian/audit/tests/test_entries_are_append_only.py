"""Audit entries cannot be changed or removed through the model, one by one or in bulk."""

import pytest

from wulian.audit.models import AuditEntry


def _state() -> list[tuple]:
    return list(AuditEntry.objects.order_by("id").values_list("id", "object_repr", "hash"))


def test_saving_a_changed_entry_is_refused(world):
    before = _state()
    entry = AuditEntry.objects.order_by("id").first()
    entry.object_repr = "篡改"
    with pytest.raises(PermissionError, match="append-only"):
        entry.save()
    assert _state() == before


def test_deleting_an_entry_is_refused(world):
    before = _state()
    with pytest.raises(PermissionError, match="append-only"):
        AuditEntry.objects.order_by("id").first().delete()
    assert _state() == before


def test_bulk_update_and_delete_are_refused(world):
    before = _state()
    with pytest.raises(PermissionError, match="append-only"):
        AuditEntry.objects.filter(action="org.create").update(object_repr="篡改")
    with pytest.raises(PermissionError, match="append-only"):
        AuditEntry.objects.filter(action="org.create").delete()
    entries = list(AuditEntry.objects.order_by("id")[:2])
    for entry in entries:
        entry.object_repr = "篡改"
    with pytest.raises(PermissionError, match="append-only"):
        AuditEntry.objects.bulk_update(entries, ["object_repr"])
    assert _state() == before
