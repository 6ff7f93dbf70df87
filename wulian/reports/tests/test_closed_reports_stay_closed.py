"""A report its reporter confirmed solved (已办结) is not routed, merged or turned into a case:
each is refused with a clear message and nothing changes."""

import pytest
from django.core.exceptions import ValidationError

from wulian.cases.models import Case
from wulian.reports import services
from wulian.reports.models import Answer, Report, ReportEvent, Status

LAMP = "小区东门外路灯不亮，晚上出行不便。"


def _closed(world):
    report = Report.objects.get(description=LAMP)
    admin = world.users["hongmenjie_admin"]
    services.handle_report(report=report, by=admin, note="已更换灯泡。")
    services.answer_report(
        report=Report.objects.get(pk=report.pk),
        by=world.users["resident_demo"],
        answer=Answer.RESOLVED,
    )
    report.refresh_from_db()
    assert report.status == Status.CLOSED
    return report, admin


@pytest.mark.parametrize("act", ["route", "merge", "case"])
def test_a_closed_report_is_not_triaged_again(world, act):
    report, admin = _closed(world)
    events, cases = ReportEvent.objects.count(), Case.objects.count()
    other = (
        Report.objects.exclude(pk=report.pk)
        .filter(area=report.area)
        .exclude(status=Status.CLOSED)
        .first()
    )
    triage = {
        "route": lambda: services.route_report(
            report=report, by=admin, org=world.orgs["hongmenjie"]
        ),
        "merge": lambda: services.mark_duplicate(report=report, by=admin, original=other),
        "case": lambda: services.report_to_case(report=report, by=admin),
    }[act]
    with pytest.raises(ValidationError) as caught:
        triage()
    assert caught.value.messages == [
        f"反映 #{report.pk} 已办结（居民已确认解决），不能再转交、合并或转为矛盾纠纷。"
    ]
    fresh = Report.objects.get(pk=report.pk)
    assert (fresh.status, fresh.routed_to_id, fresh.duplicate_of_id, fresh.case_id) == (
        Status.CLOSED,
        report.routed_to_id,
        None,
        None,
    )
    assert (ReportEvent.objects.count(), Case.objects.count()) == (events, cases)
