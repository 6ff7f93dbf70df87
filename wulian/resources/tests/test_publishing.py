"""Publishing and changing resources: validation names the field and writes nothing; every change
is kept as a version in the resource's history."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.audit.models import AuditEntry
from wulian.resources import services
from wulian.resources.models import Resource, ResourceChange


def _state():
    return (
        list(Resource.objects.order_by("pk").values_list("pk", "version", "capacity", "is_open")),
        ResourceChange.objects.count(),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"capacity": 0}, "capacity"),
        ({"name": "  "}, "name"),
        ({"terms": "fee", "terms_text": "", "fee_amount": "5"}, "terms_text"),
        ({"terms": "fee", "terms_text": "按小时收费"}, "fee_amount"),
        ({"terms": "free", "fee_amount": "5"}, "fee_amount"),
        ({"fee_amount": "-1", "terms": "compensated", "terms_text": "x"}, "fee_amount"),
        ({"per_person_day": 0}, "per_person_day"),
        ({"per_person_day": 3, "per_person_week": 2}, "per_person_week"),
        ({"per_household_day": 1, "per_person_day": 2}, "per_household_day"),
        ({"hours": [(0, dt.time(18), dt.time(8))]}, "hours"),
        ({"hours": [(0, dt.time(8), dt.time(12)), (0, dt.time(11), dt.time(14))]}, "hours"),
        ({"hours": [(7, dt.time(8), dt.time(12))]}, "hours"),
    ],
)
def test_bad_resource_is_refused_naming_the_field(world, make_resource, clock, changes, field):
    before = _state()
    with pytest.raises(ValidationError) as exc:
        make_resource(**changes)
    assert list(exc.value.message_dict) == [field]
    assert _state() == before


def test_only_units_open_resources(world, make_resource, clock):
    with pytest.raises(ValidationError) as exc:
        make_resource(org=world.orgs["hongmenjie"])
    assert list(exc.value.message_dict) == ["org"]


def test_another_unit_cannot_publish_or_change_huaxis_resource(world, parking):
    with pytest.raises(PermissionDenied):
        services.update_resource(resource=parking, by=world.users["library_contact"], capacity=5)
    with pytest.raises(PermissionDenied):
        services.close_resource(resource=parking, by=world.users["xihuamen_admin"])
    assert Resource.objects.get(pk=parking.pk).capacity == 2


def test_changes_are_versions_with_a_summary_and_a_snapshot(world, parking):
    contact = world.users["huaxi_contact"]
    services.update_resource(
        resource=parking, by=contact, capacity=5, hours=[(0, dt.time(9), dt.time(17))]
    )
    services.close_resource(resource=parking, by=contact, reason="施工")
    services.open_resource(resource=parking, by=contact)
    rows = list(parking.changes.order_by("version").values_list("version", "kind", "summary", "by"))
    assert rows == [
        (1, "created", "发布资源", None),
        (2, "updated", "修改了：容量、开放时间", contact.pk),
        (3, "closed", "关闭：施工", contact.pk),
        (4, "opened", "开放", contact.pk),
    ]
    assert parking.changes.get(version=2).data["hours"] == ["0:09:00-17:00"]
    parking.refresh_from_db()
    assert (parking.version, parking.is_open, parking.closed_since) == (4, True, None)


def test_closing_twice_is_refused(world, parking):
    services.close_resource(resource=parking, by=None, reason="施工")
    with pytest.raises(ValidationError) as exc:
        services.close_resource(resource=parking, by=None, reason="施工")
    assert exc.value.message_dict == {"is_open": ["该资源已经是关闭状态。"]}
