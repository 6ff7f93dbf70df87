"""Inspections and inquiries are acts of a higher level upon a lower one: the inspected or
questioned org's own staff (whose scope covers their own area) never schedule, record, find
against or decide on themselves; the level above still does."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from wulian.dispatches import services
from wulian.dispatches.models import Finding, Inquiry, Inspection, InspectionStatus
from wulian.duties.models import Duty

pytestmark = pytest.mark.django_db

FUTURE = dt.date(2099, 1, 1)
CHECKLIST = ["设岗定责", "台账"]


def _inspection(world, by="qingyang_admin"):
    return services.create_inspection(by=world.users[by], kind="supervision", target=world.orgs["xiyuhe"],
                                      scheduled_on=dt.date(2026, 12, 1), inspector="区委社治委督导组",
                                      checklist=CHECKLIST)


def test_the_inspected_org_cannot_record_its_own_inspection(world):
    inspection = _inspection(world)
    results = [{"item": "设岗定责", "ok": True}, {"item": "台账", "ok": True}]
    with pytest.raises(ValidationError) as exc:
        services.record_inspection(by=world.users["xiyuhe_admin"], inspection=inspection, results=results)
    assert list(exc.value.message_dict) == ["inspection"]
    inspection.refresh_from_db()
    assert (inspection.status, [e["ok"] for e in inspection.checklist]) == (InspectionStatus.PLANNED, [None, None])
    services.record_inspection(by=world.users["qingyang_admin"], inspection=inspection, results=results)
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.DONE


def test_the_inspected_org_cannot_add_a_finding_against_itself(world):
    inspection = _inspection(world)
    counts = (Finding.objects.count(), Duty.objects.count())
    with pytest.raises(ValidationError) as exc:
        services.add_finding(by=world.users["xiyuhe_admin"], inspection=inspection, description="台账不全",
                             deadline=FUTURE)
    assert list(exc.value.message_dict) == ["inspection"]
    assert (Finding.objects.count(), Duty.objects.count()) == counts
    finding = services.add_finding(by=world.users["qingyang_admin"], inspection=inspection, description="台账不全",
                                   deadline=FUTURE)
    assert list(inspection.findings.all()) == [finding]


def test_the_questioned_org_cannot_decide_its_own_inquiry(world):
    inquiry = services.send_inquiry(by=world.users["qingyang_admin"], to_org=world.orgs["xiyuhe"], subject="逾期问询",
                                    question="请说明原因。", reply_due=FUTURE)
    with pytest.raises(ValidationError) as exc:
        services.decide_inquiry(by=world.users["xiyuhe_admin"], inquiry=inquiry, decision="none")
    assert list(exc.value.message_dict) == ["inquiry"]
    inquiry.refresh_from_db()
    assert (inquiry.decision, inquiry.decided_at, inquiry.decided_by) == ("", None, None)
    services.decide_inquiry(by=world.users["qingyang_admin"], inquiry=inquiry, decision="reminder")
    inquiry.refresh_from_db()
    assert inquiry.decision == "reminder"


def test_an_org_cannot_schedule_an_inspection_of_itself(world):
    counts = (Inspection.objects.count(), Inquiry.objects.count())
    with pytest.raises(ValidationError) as exc:
        _inspection(world, by="xiyuhe_admin")
    assert list(exc.value.message_dict) == ["target"]
    assert (Inspection.objects.count(), Inquiry.objects.count()) == counts
    assert _inspection(world).target == world.orgs["xiyuhe"]
