import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.accounts.tests.factories import district_tree
from wulian.audit.models import AuditEntry
from wulian.duties import services
from wulian.duties.models import Duty, DutyKind, DutyList, DutyStatus, ProgressReport
from wulian.duties.tests.factories import DutyFactory, DutyListFactory

D = dt.date


@pytest.fixture
def tree(db):
    return district_tree()


def _assign(tree, **kw):
    args = dict(
        by=tree.users["qingyang_admin"],
        targets=[tree.orgs["xiyuhe"], tree.orgs["supo"]],
        kind=DutyKind.TASK,
        title="建立街道党建联席会议制度",
        due_on=D(2026, 12, 31),
        assigned_on=D(2026, 11, 2),
        done_criteria="印发制度文件并召开首次会议",
    )
    args.update(kw)
    return services.assign_duty(**args)


def test_assign_duty_creates_one_duty_per_street_in_one_assignment(tree):
    audits = AuditEntry.objects.count()
    duties = _assign(tree)
    assert [d.lead_org for d in duties] == [tree.orgs["xiyuhe"], tree.orgs["supo"]]
    assert len({d.assignment for d in duties}) == 1
    assert {d.duty_list.kind for d in duties} == {DutyKind.TASK}
    assert {d.duty_list.year for d in duties} == {2026}
    assert {d.assigned_by_org for d in duties} == {tree.orgs["qingyang_gc"]}
    assert AuditEntry.objects.count() == audits + 1


def test_a_duty_due_before_it_was_assigned_is_refused_and_nothing_is_written(tree):
    counts = (Duty.objects.count(), DutyList.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as exc:
        _assign(tree, due_on=D(2026, 11, 1))
    assert "due_on" in exc.value.message_dict
    assert "不能早于下达日期" in exc.value.message_dict["due_on"][0]
    assert (Duty.objects.count(), DutyList.objects.count(), AuditEntry.objects.count()) == counts


def test_assigning_to_an_org_outside_ones_area_is_refused(tree):
    count = Duty.objects.count()
    with pytest.raises(ValidationError) as exc:
        _assign(tree, targets=[tree.orgs["xiyuhe"], tree.orgs["yulin"]])
    assert "targets" in exc.value.message_dict
    assert Duty.objects.count() == count


def test_lead_org_reports_progress_and_marks_done_on_time(tree, settings):
    duty = _assign(tree)[0]
    services.report_progress(by=tree.users["xiyuhe_admin"], duty=duty, text="已起草制度")
    report = services.report_progress(
        by=tree.users["xiyuhe_admin"], duty=duty, text="已印发", done=True
    )
    duty.refresh_from_db()
    assert report.marks_done is True
    assert duty.status == DutyStatus.DONE
    assert duty.on_time is True
    assert duty.reports.count() == 2


def test_progress_on_someone_elses_duty_is_refused_as_a_matter_of_rights_and_nothing_changes(tree):
    duty = _assign(tree)[0]  # 西御河街道's
    audits = AuditEntry.objects.count()
    for user in ("xihuamen_admin", "qingyang_admin"):
        with pytest.raises(PermissionDenied):
            services.report_progress(by=tree.users[user], duty=duty, text="代为报告", done=True)
    duty.refresh_from_db()
    assert (duty.status, duty.done_on, ProgressReport.objects.filter(duty=duty).count()) == (
        DutyStatus.OPEN,
        None,
        0,
    )
    assert AuditEntry.objects.count() == audits


def test_progress_after_done_is_refused(tree):
    duty = _assign(tree)[0]
    services.report_progress(by=tree.users["xiyuhe_admin"], duty=duty, text="完成", done=True)
    with pytest.raises(ValidationError):
        services.report_progress(by=tree.users["xiyuhe_admin"], duty=duty, text="再报")
    assert duty.reports.count() == 1


def test_create_duty_in_own_list_and_duplicate_list_is_refused(tree):
    admin = tree.users["xiyuhe_admin"]
    duty_list = services.create_duty_list(
        by=admin, org=tree.orgs["xihuamen"], year=2030, kind=DutyKind.RESPONSIBILITY
    )
    duty = services.create_duty(
        by=admin,
        duty_list=duty_list,
        title="社区党委书记抓党建述职",
        due_on=D(2030, 12, 20),
        assigned_on=D(2030, 11, 1),
        co_orgs=[tree.orgs["library"]],
    )
    assert duty.lead_org == tree.orgs["xihuamen"]
    assert list(duty.co_orgs.all()) == [tree.orgs["library"]]
    with pytest.raises(ValidationError):
        services.create_duty_list(
            by=admin, org=tree.orgs["xihuamen"], year=2030, kind=DutyKind.RESPONSIBILITY
        )
    assert (
        DutyList.objects.filter(
            org=tree.orgs["xihuamen"], year=2030, kind=DutyKind.RESPONSIBILITY
        ).count()
        == 1
    )


def test_a_co_org_reports_progress_but_may_not_mark_the_duty_done(tree):
    admin = tree.users["xiyuhe_admin"]
    duty_list = services.create_duty_list(
        by=admin, org=tree.orgs["xihuamen"], year=2030, kind=DutyKind.TASK
    )
    duty = services.create_duty(
        by=admin,
        duty_list=duty_list,
        title="共建活动",
        due_on=D(2030, 12, 20),
        assigned_on=D(2030, 11, 1),
        co_orgs=[tree.orgs["library"]],
    )
    contact = tree.users["library_contact"]
    services.report_progress(by=contact, duty=duty, text="已配合")
    with pytest.raises(PermissionDenied):
        services.report_progress(by=contact, duty=duty, text="完成", done=True)
    duty.refresh_from_db()
    assert (duty.status, duty.reports.count()) == (DutyStatus.OPEN, 1)


def test_a_list_for_an_org_outside_ones_scope_is_refused_as_a_matter_of_rights(tree):
    with pytest.raises(PermissionDenied):
        services.create_duty_list(
            by=tree.users["xihuamen_admin"], org=tree.orgs["xiyuhe"], year=2030, kind=DutyKind.TASK
        )
    assert DutyList.objects.filter(org=tree.orgs["xiyuhe"], year=2030).count() == 0


def test_the_factories_make_a_duty_in_a_new_orgs_list_of_2030(db):
    duty = DutyFactory(duty_list=DutyListFactory(kind=DutyKind.TASK))
    assert (duty.lead_org, duty.duty_list.year, duty.duty_list.kind, duty.status) == (
        duty.duty_list.org,
        2030,
        DutyKind.TASK,
        DutyStatus.OPEN,
    )
