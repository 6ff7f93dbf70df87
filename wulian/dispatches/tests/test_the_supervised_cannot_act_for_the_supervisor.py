"""Inspections and inquiries are acts of a higher level upon a lower one: the inspected or
questioned org's own staff (whose scope covers their own area) never schedule, record, find
against or decide on themselves; the level above still does."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.dispatches import services
from wulian.dispatches.models import Finding, Inquiry, Inspection, InspectionStatus
from wulian.dispatches.rules import DECIDE_REFUSAL, RECORD_REFUSAL
from wulian.duties.models import Duty

pytestmark = pytest.mark.django_db

FUTURE = dt.date(2099, 1, 1)
CHECKLIST = ["设岗定责", "台账"]


def _inspection(world, by="qingyang_admin"):
    return services.create_inspection(
        by=world.users[by],
        kind="supervision",
        target=world.orgs["xiyuhe"],
        scheduled_on=dt.date(2026, 12, 1),
        inspector="区委社治委督导组",
        checklist=CHECKLIST,
    )


def test_the_inspected_org_cannot_record_its_own_inspection(world):
    inspection = _inspection(world)
    results = [{"item": "设岗定责", "ok": True}, {"item": "台账", "ok": True}]
    with pytest.raises(PermissionDenied) as exc:
        services.record_inspection(
            by=world.users["xiyuhe_admin"], inspection=inspection, results=results
        )
    assert str(exc.value) == str(RECORD_REFUSAL)
    inspection.refresh_from_db()
    assert (inspection.status, [e["ok"] for e in inspection.checklist]) == (
        InspectionStatus.PLANNED,
        [None, None],
    )
    services.record_inspection(
        by=world.users["qingyang_admin"], inspection=inspection, results=results
    )
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.DONE


def test_the_inspected_org_cannot_add_a_finding_against_itself(world):
    inspection = _inspection(world)
    counts = (Finding.objects.count(), Duty.objects.count())
    with pytest.raises(PermissionDenied) as exc:
        services.add_finding(
            by=world.users["xiyuhe_admin"],
            inspection=inspection,
            description="台账不全",
            deadline=FUTURE,
        )
    assert str(exc.value) == str(RECORD_REFUSAL)
    assert (Finding.objects.count(), Duty.objects.count()) == counts
    finding = services.add_finding(
        by=world.users["qingyang_admin"],
        inspection=inspection,
        description="台账不全",
        deadline=FUTURE,
    )
    assert list(inspection.findings.all()) == [finding]


def test_the_questioned_org_cannot_decide_its_own_inquiry(world):
    inquiry = services.send_inquiry(
        by=world.users["qingyang_admin"],
        to_org=world.orgs["xiyuhe"],
        subject="逾期问询",
        question="请说明原因。",
        reply_due=FUTURE,
    )
    with pytest.raises(PermissionDenied) as exc:
        services.decide_inquiry(by=world.users["xiyuhe_admin"], inquiry=inquiry, decision="none")
    assert str(exc.value) == str(DECIDE_REFUSAL)
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


def _api(client, world, username, url, body):
    from wulian.accounts.services import create_token

    token = create_token(user=world.users[username], by=None)
    return client.post(
        url, data=body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


def test_the_supervised_org_gets_403_before_its_body_is_read_on_api_and_pages(world, client, login):
    """Found by an attacker probe: the API validated the body first (422 with the fields), the
    pages answered 400 and still showed the record and findings forms to the supervised admin."""
    inspection = _inspection(world)
    inquiry = services.send_inquiry(
        by=world.users["qingyang_admin"],
        to_org=world.orgs["xiyuhe"],
        subject="逾期问询",
        question="请说明原因。",
        reply_due=FUTURE,
    )
    bad = '{"deadline": "not a date", "decision": "nonsense", "results": 5}'
    for url in (
        f"/api/v1/dispatches/inspections/{inspection.pk}/record/",
        f"/api/v1/dispatches/inspections/{inspection.pk}/findings/",
        f"/api/v1/dispatches/inquiries/{inquiry.pk}/decide/",
    ):
        assert _api(client, world, "xiyuhe_admin", url, bad).status_code == 403, url
        assert _api(client, world, "qingyang_admin", url, bad).status_code == 422, url
    login("xiyuhe_admin")
    page = client.get(f"/dispatches/inspections/{inspection.pk}/")
    assert (page.status_code, page.context["may_record"], page.context["finding_form"]) == (
        200,
        False,
        None,
    )
    assert client.get(f"/dispatches/inquiries/{inquiry.pk}/").context["decide_form"] is None
    for url in (
        f"/dispatches/inspections/{inspection.pk}/record/",
        f"/dispatches/inspections/{inspection.pk}/findings/",
        f"/dispatches/inquiries/{inquiry.pk}/decide/",
    ):
        assert (
            client.post(
                url, {"description": "x", "deadline": "2099-01-01", "decision": "none"}
            ).status_code
            == 403
        ), url
    inspection.refresh_from_db()
    inquiry.refresh_from_db()
    assert (inspection.status, inspection.findings.count(), inquiry.decided_at) == (
        InspectionStatus.PLANNED,
        0,
        None,
    )
