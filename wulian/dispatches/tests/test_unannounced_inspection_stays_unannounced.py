"""暗访督查 is not announced: the inspected org does not see a planned unannounced inspection of
itself (list, detail, API), and nobody records an inspection's results before its date."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wulian.accounts.tests.factories import district_tree
from wulian.dispatches import services
from wulian.dispatches.models import InspectionStatus
from wulian.dispatches.selectors import visible_inspections

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(db):
    return district_tree()


def _inspection(tree, *, kind: str, on: dt.date):
    return services.create_inspection(
        by=tree.users["qingyang_admin"],
        kind=kind,
        target=tree.orgs["xiyuhe"],
        scheduled_on=on,
        inspector="区委社治委督导组",
        checklist=["台账"],
    )


def test_the_inspected_org_does_not_see_its_planned_unannounced_inspection(tree, client):
    later = timezone.localdate() + dt.timedelta(days=9)
    hidden = _inspection(tree, kind="unannounced", on=later)
    announced = _inspection(tree, kind="supervision", on=later)
    street, district = tree.users["xiyuhe_admin"], tree.users["qingyang_admin"]

    assert set(visible_inspections(street)) == {announced}
    assert set(visible_inspections(district)) == {
        hidden,
        announced,
    }  # the inspecting level sees both
    client.force_login(street)
    assert client.get(reverse("dispatches:inspection_detail", args=[hidden.pk])).status_code == 404
    assert (
        client.get(reverse("dispatches:inspection_detail", args=[announced.pk])).status_code == 200
    )


def test_once_carried_out_the_unannounced_inspection_is_shown_to_the_inspected_org(tree):
    today = timezone.localdate()
    inspection = _inspection(tree, kind="unannounced", on=today)
    services.record_inspection(
        by=tree.users["qingyang_admin"],
        inspection=inspection,
        results=[{"item": "台账", "ok": False, "note": "不全"}],
    )
    assert inspection in set(visible_inspections(tree.users["xiyuhe_admin"]))


def test_results_are_not_recorded_before_the_inspection_date(tree):
    inspection = _inspection(
        tree, kind="supervision", on=timezone.localdate() + dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as exc:
        services.record_inspection(
            by=tree.users["qingyang_admin"],
            inspection=inspection,
            results=[{"item": "台账", "ok": True}],
        )
    assert "scheduled_on" in exc.value.message_dict
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.PLANNED
