import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from wulian.accounts.tests.factories import district_tree
from wulian.dispatches import services
from wulian.dispatches.models import Finding, Inquiry, InspectionStatus
from wulian.dispatches.tests.factories import InquiryFactory, InspectionFactory
from wulian.duties.models import Duty, DutyKind

pytestmark = pytest.mark.django_db

FUTURE = dt.date(2099, 1, 1)


@pytest.fixture
def tree(db):
    return district_tree()


def _inspection(tree, **kw):
    args = dict(
        by=tree.users["qingyang_admin"],
        kind="supervision",
        target=tree.orgs["xiyuhe"],
        scheduled_on=dt.date(2026, 12, 1),
        inspector="区委社治委督导组",
        checklist=["设岗定责", "台账"],
    )
    args.update(kw)
    return services.create_inspection(**args)


def test_a_finding_becomes_a_problem_list_duty_of_the_target(tree):
    inspection = _inspection(tree)
    finding = services.add_finding(
        by=tree.users["qingyang_admin"],
        inspection=inspection,
        description="兼职委员未设岗",
        deadline=FUTURE,
    )
    duty = finding.duty
    assert (duty.lead_org, duty.duty_list.kind, duty.due_on) == (
        tree.orgs["xiyuhe"],
        DutyKind.PROBLEM,
        FUTURE,
    )
    assert duty.assigned_by_org == tree.orgs["qingyang_gc"]
    assert duty.title == "督导发现问题：兼职委员未设岗"
    assert duty.source.startswith("督导：")


def test_a_finding_with_a_past_deadline_is_refused_and_nothing_is_written(tree):
    inspection = _inspection(tree)
    counts = (Finding.objects.count(), Duty.objects.count())
    with pytest.raises(ValidationError) as exc:
        services.add_finding(
            by=tree.users["qingyang_admin"],
            inspection=inspection,
            description="x",
            deadline=dt.date(2020, 1, 1),
        )
    assert "deadline" in exc.value.message_dict
    assert (Finding.objects.count(), Duty.objects.count()) == counts


def test_recording_results_closes_the_inspection_once(tree):
    inspection = _inspection(tree, kind="unannounced")
    with pytest.raises(ValidationError):  # an item without a result
        services.record_inspection(
            by=tree.users["qingyang_admin"],
            inspection=inspection,
            results=[{"item": "设岗定责", "ok": True}],
        )
    services.record_inspection(
        by=tree.users["qingyang_admin"],
        inspection=inspection,
        results=[{"item": "设岗定责", "ok": True}, {"item": "台账", "ok": False, "note": "不全"}],
    )
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.DONE
    assert inspection.checklist[1] == {"item": "台账", "ok": False, "note": "不全"}
    with pytest.raises(ValidationError):
        services.record_inspection(
            by=tree.users["qingyang_admin"],
            inspection=inspection,
            results=[{"item": "设岗定责", "ok": False}, {"item": "台账", "ok": False}],
        )
    inspection.refresh_from_db()
    assert inspection.checklist[0]["ok"] is True


def test_inspecting_an_org_outside_ones_area_is_refused(tree):
    with pytest.raises(ValidationError):
        _inspection(tree, target=tree.orgs["yulin"])


def test_inquiry_reply_and_decision(tree):
    district = tree.users["qingyang_admin"]
    inquiry = services.send_inquiry(
        by=district,
        to_org=tree.orgs["xiyuhe"],
        subject="逾期问询",
        question="请说明原因。",
        reply_due=FUTURE,
    )
    assert inquiry.from_org == tree.orgs["qingyang_gc"]
    with pytest.raises(ValidationError):  # not the inquired org
        services.reply_inquiry(by=tree.users["xihuamen_admin"], inquiry=inquiry, reply="代答")
    services.reply_inquiry(
        by=tree.users["xiyuhe_admin"], inquiry=inquiry, reply="人员调整所致，已落实。"
    )
    with pytest.raises(ValidationError):
        services.reply_inquiry(by=tree.users["xiyuhe_admin"], inquiry=inquiry, reply="再答")
    services.decide_inquiry(
        by=district, inquiry=inquiry, decision="reminder", note="对街道分管领导提醒谈话"
    )
    with pytest.raises(ValidationError):
        services.decide_inquiry(by=district, inquiry=inquiry, decision="accountability")
    inquiry.refresh_from_db()
    assert (inquiry.reply, inquiry.decision) == ("人员调整所致，已落实。", "reminder")


def test_an_inquiry_outside_ones_area_or_due_in_the_past_is_refused(tree):
    count = Inquiry.objects.count()
    with pytest.raises(ValidationError):
        services.send_inquiry(
            by=tree.users["qingyang_admin"],
            to_org=tree.orgs["yulin"],
            subject="x",
            question="y",
            reply_due=FUTURE,
        )
    with pytest.raises(ValidationError):
        services.send_inquiry(
            by=tree.users["qingyang_admin"],
            to_org=tree.orgs["xiyuhe"],
            subject="x",
            question="y",
            reply_due=dt.date(2020, 1, 1),
        )
    assert Inquiry.objects.count() == count


def test_api_criticism_outside_scope_is_a_422_naming_the_field(world, client):
    from wulian.accounts.services import create_token

    draft, _ = services.generate_monthly_dispatch(
        scope_area=world.areas["510105000000"], period=dt.date(2026, 6, 1)
    )
    token = create_token(user=world.users["city_admin"], by=None)
    response = client.post(
        f"/api/v1/dispatches/{draft.pk}/criticisms/",
        data={"org": world.orgs["yulin"].pk, "failure": "x", "deadline": "2099-01-01"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422
    assert "org" in response.json()["errors"]
    assert draft.criticisms.count() == 0
    listed = client.get("/api/v1/dispatches/?status=draft", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert draft.pk in [d["id"] for d in listed.json()["items"]]


def test_the_factories_make_an_inspection_and_an_inquiry_of_a_street_by_its_district(db):
    inspection, inquiry = InspectionFactory(), InquiryFactory()
    assert (inspection.status, inspection.by_org.area) == (
        InspectionStatus.PLANNED,
        inspection.target.area.parent,
    )
    assert (inquiry.from_org.area, inquiry.reply, inquiry.decision) == (
        inquiry.to_org.area.parent,
        "",
        "",
    )
