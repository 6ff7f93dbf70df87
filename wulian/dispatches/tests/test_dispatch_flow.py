import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from wulian.audit.models import AuditEntry
from wulian.core.crypto import sm3_hex
from wulian.dispatches import services
from wulian.dispatches.models import (
    Criticism,
    Dispatch,
    DispatchStatus,
    Rectification,
    RectificationStatus,
)
from wulian.duties import services as duty_services
from wulian.duties.models import DutyKind

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 7, 6)  # a Monday; June 2026 holds no demo duties


@pytest.fixture
def draft(world):
    with time_machine.travel(dt.datetime(2026, 5, 6, 2, tzinfo=dt.UTC), tick=False):
        duties = duty_services.assign_duty(
            by=world.users["qingyang_admin"],
            targets=[world.orgs["xiyuhe"], world.orgs["supo"]],
            kind=DutyKind.TASK,
            title="六月事项",
            assigned_on=dt.date(2026, 5, 6),
            due_on=dt.date(2026, 6, 12),
        )
    with time_machine.travel(dt.datetime(2026, 6, 10, 2, tzinfo=dt.UTC), tick=False):
        duty_services.report_progress(
            by=world.users["xiyuhe_admin"], duty=duties[0], text="完成", done=True
        )
    qingyang = world.areas["510105000000"]
    with time_machine.travel(dt.datetime(2026, 7, 6, 2, tzinfo=dt.UTC), tick=False):
        dispatch, created = services.generate_monthly_dispatch(
            scope_area=qingyang,
            period=dt.date(2026, 6, 1),
            by=world.users["qingyang_admin"],
            today=TODAY,
        )
    assert created is True
    return dispatch


def test_monthly_figures_rank_the_streets_and_list_the_overdue_items(draft, world):
    rows = {r["org"]: r for r in draft.figures["rows"]}
    xiyuhe, supo = rows[world.orgs["xiyuhe"].name], rows[world.orgs["supo"].name]
    assert (
        xiyuhe["values"]["duties_on_time"],
        xiyuhe["values"]["duties_overdue"],
        xiyuhe["rate"],
        xiyuhe["rank"],
    ) == (1, 0, 100.0, 1)
    assert (
        supo["values"]["duties_on_time"],
        supo["values"]["duties_overdue"],
        supo["rate"],
        supo["rank"],
    ) == (0, 1, 0.0, 2)
    assert [c["key"] for c in draft.figures["columns"]][:3] == [
        "duties_due",
        "duties_on_time",
        "duties_overdue",
    ]
    overdue = [o for o in draft.figures["overdue"] if o["title"] == "六月事项"]
    assert [(o["org"], o["due_on"]) for o in overdue] == [(world.orgs["supo"].name, "2026-06-12")]
    # Jun 12 (Fri) → Jun 30 (Tue), the month's end, though generated on Jul 6: 11 working days,
    # 端午 (Jun 19) left out.
    assert overdue[0]["working_days_overdue"] == 11
    assert draft.title == "关于2026年6月青羊区城市基层党建互联互动工作调度情况的通报"
    assert draft.doc_prefix == "青社治委"


def test_a_second_generation_for_the_same_month_is_refused_for_people_and_returns_the_first_for_the_job(
    draft, world
):
    with pytest.raises(ValidationError):
        services.generate_monthly_dispatch(
            scope_area=draft.scope_area,
            period=draft.period,
            by=world.users["qingyang_admin"],
            today=TODAY,
        )
    again, created = services.generate_monthly_dispatch(
        scope_area=draft.scope_area, period=draft.period, today=TODAY
    )
    assert (again.pk, created) == (draft.pk, False)
    assert Dispatch.objects.filter(scope_area=draft.scope_area, period=draft.period).count() == 1


def test_criticism_of_an_org_outside_the_scope_is_refused_and_nothing_changes(draft, world):
    before = (Criticism.objects.count(), Rectification.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as exc:
        services.add_criticism(
            by=world.users["qingyang_admin"],
            dispatch=draft,
            org=world.orgs["yulin"],
            failure="不在范围",
            deadline=dt.date(2099, 1, 1),
        )
    assert "不在本通报的范围" in exc.value.message_dict["org"][0]
    assert (
        Criticism.objects.count(),
        Rectification.objects.count(),
        AuditEntry.objects.count(),
    ) == before


def test_publish_numbers_freezes_the_pdf_and_refuses_a_second_publish_or_an_edit(draft, world):
    admin = world.users["qingyang_admin"]
    services.add_criticism(
        by=admin,
        dispatch=draft,
        org=world.orgs["supo"],
        failure="逾期",
        deadline=dt.date(2099, 1, 1),
    )
    published = services.publish_dispatch(by=admin, dispatch=draft)
    year = published.doc_year
    assert published.status == DispatchStatus.PUBLISHED
    assert published.document_no == f"青社治委〔{year}〕{published.doc_number}号"
    data = published.pdf.open("rb").read()
    assert data.startswith(b"%PDF")
    assert sm3_hex(data) == published.pdf_sm3
    frozen = (published.pdf.name, published.pdf_sm3, published.doc_number, published.title)

    with pytest.raises(ValidationError) as exc:
        services.publish_dispatch(by=admin, dispatch=published)
    assert "不能重复发布" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        services.update_dispatch(by=admin, dispatch=published, title="改标题")
    with pytest.raises(ValidationError):
        services.add_criticism(
            by=admin,
            dispatch=published,
            org=world.orgs["xiyuhe"],
            failure="x",
            deadline=dt.date(2099, 1, 1),
        )
    with pytest.raises(ValidationError):
        services.remove_criticism(by=admin, criticism=published.criticisms.get())
    published.refresh_from_db()
    assert (published.pdf.name, published.pdf_sm3, published.doc_number, published.title) == frozen
    assert published.criticisms.count() == 1


def test_publishing_stamps_its_criticisms_with_the_publication_time(draft, world):
    admin = world.users["qingyang_admin"]
    criticism = services.add_criticism(
        by=admin,
        dispatch=draft,
        org=world.orgs["supo"],
        failure="逾期",
        deadline=dt.date(2099, 1, 1),
    )
    assert criticism.published_at is None
    published = services.publish_dispatch(by=admin, dispatch=draft)
    criticism.refresh_from_db()
    assert criticism.published_at == published.published_at


def test_a_correction_is_a_new_dispatch_referring_to_the_old_one(draft, world):
    admin = world.users["qingyang_admin"]
    published = services.publish_dispatch(by=admin, dispatch=draft)
    correction = services.start_correction(by=admin, dispatch=published)
    assert (correction.corrects_id, correction.status, correction.kind) == (
        published.pk,
        DispatchStatus.DRAFT,
        "correction",
    )
    corrected = services.publish_dispatch(by=admin, dispatch=correction)
    assert corrected.doc_number == published.doc_number + 1


def test_rectification_report_verify_and_a_report_after_verification_is_refused(draft, world):
    admin = world.users["qingyang_admin"]
    criticism = services.add_criticism(
        by=admin,
        dispatch=draft,
        org=world.orgs["xiyuhe"],
        failure="逾期",
        deadline=dt.date(2099, 1, 1),
    )
    rect = criticism.rectification
    with pytest.raises(ValidationError):  # not yet published
        services.report_rectification(
            by=world.users["xiyuhe_admin"], rectification=rect, text="已整改"
        )
    services.publish_dispatch(by=admin, dispatch=draft)
    with pytest.raises(ValidationError):  # someone else's rectification
        services.report_rectification(
            by=world.users["xihuamen_admin"], rectification=rect, text="代报"
        )
    services.report_rectification(by=world.users["xiyuhe_admin"], rectification=rect, text="已整改")
    with pytest.raises(ValidationError):  # reject needs a reason
        services.verify_rectification(by=admin, rectification=rect, approve=False)
    services.verify_rectification(by=admin, rectification=rect, approve=False, note="佐证不足")
    rect.refresh_from_db()
    assert rect.status == RectificationStatus.REJECTED
    services.report_rectification(
        by=world.users["xiyuhe_admin"], rectification=rect, text="补充佐证"
    )
    services.verify_rectification(by=admin, rectification=rect, approve=True)
    rect.refresh_from_db()
    assert rect.status == RectificationStatus.VERIFIED
    reports = rect.reports.count()
    with pytest.raises(ValidationError) as exc:
        services.report_rectification(
            by=world.users["xiyuhe_admin"], rectification=rect, text="再报"
        )
    assert "核验通过" in exc.value.messages[0]
    rect.refresh_from_db()
    assert (rect.status, rect.reports.count()) == (RectificationStatus.VERIFIED, reports)
