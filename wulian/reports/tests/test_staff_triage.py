"""Staff triage: a duplicate follows its original (updates reach both reporters), routing keeps
its history, a report becomes a case or a joint meeting's agenda item; the routed unit records
what it did."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wulian.cases.models import Case
from wulian.meetings import services as meetings
from wulian.notifications.models import Notification
from wulian.reports import selectors, services
from wulian.reports.models import Report, Status
from wulian.web.demo import HONGMENJIE, QINGYUAN

LANE = "清源小区消防通道晚上常被私家车占用。"
LAMP = "小区东门外路灯不亮，晚上出行不便。"


def _neighbour_report(world, text="东门路灯坏了好几天。"):
    from wulian.accounts.models import RoleKind, User
    from wulian.accounts.services import grant_role
    from wulian.people.services import create_person

    person = create_person(
        by=None, name="黄志明", phone="13880002001", home_area=world.areas[HONGMENJIE]
    )
    user = User.objects.create_user(username="neighbour", password="x", person=person)
    grant_role(user=user, kind=RoleKind.RESIDENT, org=world.orgs["hongmenjie"], by=None)
    return services.submit_report(
        by=user, category="facility", area=world.areas[HONGMENJIE], description=text
    ), user


def test_a_duplicate_follows_its_original(world, client, django_capture_on_commit_callbacks):
    original = Report.objects.get(description=LAMP)
    duplicate, neighbour = _neighbour_report(world)
    admin = world.users["hongmenjie_admin"]
    services.mark_duplicate(report=duplicate, by=admin, original=original)
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.duplicate_of) == (Status.DUPLICATE, original)
    with django_capture_on_commit_callbacks(execute=True):
        services.handle_report(report=original, by=admin, note="已更换灯泡。")
    told = set(
        Notification.objects.filter(kind="report.update", title__contains="已处理").values_list(
            "user__username", flat=True
        )
    )
    assert told == {"resident_demo", "neighbour"}
    assert [e.kind for e in selectors.timeline(duplicate)] == ["submitted", "duplicate", "handled"]
    with pytest.raises(ValidationError):
        services.route_report(report=duplicate, by=admin, org=world.orgs["hongmenjie"])
    client.force_login(neighbour)
    assert (
        "已更换灯泡。"
        in client.get(reverse("reports:mine_detail", args=[duplicate.pk])).content.decode()
    )


def test_routing_keeps_its_history(world, django_capture_on_commit_callbacks):
    report = Report.objects.get(description=LANE)
    admin = world.users["qingyuan_admin"]
    with django_capture_on_commit_callbacks(execute=True):
        services.route_report(
            report=report, by=admin, org=world.orgs["qingyuan"], note="社区先行劝导。"
        )
    report.refresh_from_db()
    assert report.routed_to == world.orgs["qingyuan"]
    assert [(e.kind, e.org.name) for e in report.events.filter(kind="routed")] == [
        ("routed", "成都清源物业服务有限公司"),
        ("routed", "清源社区党委"),
    ]
    with pytest.raises(ValidationError) as refused:
        services.route_report(
            report=report, by=admin, org=world.orgs["huaxi"]
        )  # not of 清源's street
    assert list(refused.value.message_dict) == ["org"]


def test_the_routed_unit_records_what_it_did(world, client):
    report = Report.objects.get(description=LANE)
    from wulian.accounts.models import User

    client.force_login(User.objects.get(username="qingyuan_pm_contact"))
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 200
    response = client.post(
        reverse("reports:handle", args=[report.pk]), {"note": "已劝离车辆并设置禁停标识。"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.HANDLED
    assert (
        client.post(reverse("reports:route", args=[report.pk]), {}).status_code == 403
    )  # triage is staff's


def test_a_report_becomes_a_case(world, client):
    report = Report.objects.get(description=LAMP)
    client.force_login(world.users["hongmenjie_admin"])
    assert client.post(reverse("reports:to_case", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    case = Case.objects.get(pk=report.case_id)
    assert (case.area.code, case.reporter, case.source, case.title) == (
        HONGMENJIE,
        world.people["li_xiuying"],
        "resident",
        f"随手拍#{report.pk}：{report.title}",
    )
    client.post(reverse("reports:to_case", args=[report.pk]))
    assert Case.objects.filter(title=case.title).count() == 1


def test_a_report_goes_on_a_meeting_agenda(world, client):
    report = Report.objects.get(description=LAMP)
    admin = world.users["hongmenjie_admin"]
    start = timezone.now() + dt.timedelta(days=3)
    meeting = meetings.convene_meeting(
        by=admin,
        area=world.areas[HONGMENJIE],
        topic="黉门街社区环境整治联席会议",
        place="黉门街社区党群服务中心",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        invite_orgs=[world.orgs["huaxi"]],
    )
    client.force_login(admin)
    response = client.post(reverse("reports:to_agenda", args=[report.pk]), {"meeting": meeting.pk})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.agenda_item.meeting == meeting
    assert report.agenda_item.title.startswith(f"随手拍#{report.pk}")
    assert list(report.events.values_list("kind", flat=True))[-1] == "agenda"


def test_staff_outside_the_area_see_nothing(world, client):
    report = Report.objects.get(description=LANE)
    client.force_login(world.users["hongmenjie_admin"])
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
    assert client.post(reverse("reports:to_case", args=[report.pk])).status_code == 404
    assert Report.objects.get(pk=report.pk).case_id is None
    assert world.areas[QINGYUAN].code == report.area.code
