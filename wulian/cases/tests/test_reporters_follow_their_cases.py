"""A resident who reports a case follows it: their own reports and each one's timeline, on the
phone pages and the API, and nothing of anyone else's (issue 9, defect 4)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from wulian.cases import services
from wulian.cases.models import Case
from wulian.notifications.models import Notification
from wulian.web.demo import HONGMENJIE
from wulian.web.testing import assert_flat_queries, bearer, count_rows, links_to, query_guard


def _report(world, title="楼道灯不亮"):
    return services.report_case(
        by=world.users["resident_demo"],
        category="other",
        title=title,
        description="三单元楼道灯坏了一个月。",
    )


def test_the_reporter_opens_the_link_of_the_resolved_notification_and_sees_the_resolution(
    world, client, django_capture_on_commit_callbacks
):
    case = _report(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.resolve_case(
            case=case,
            by=world.users["hongmenjie_admin"],
            resolution="物业已更换灯泡。",
            method="other",
        )
    note = Notification.objects.get(user=world.users["resident_demo"], kind="case.resolved")
    client.force_login(world.users["resident_demo"])
    response = client.get(note.url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "物业已更换灯泡。" in page
    assert page.count('class="border-start ps-2 mb-2"') == 2  # registered, resolved


def test_the_reporter_lists_their_own_reports_and_no_one_elses(world, client):
    mine = _report(world)
    other = services.register_case(
        by=None,
        area=world.areas[HONGMENJIE],
        category="other",
        title="别人反映的问题",
        description="d",
        reporter=world.people["zheng_wei"],
    )
    client.force_login(world.users["resident_demo"])
    page = client.get(reverse("cases:mine_list")).content.decode()
    assert mine.title in page
    assert "黉门街小区楼下垃圾桶满溢" in page  # the demo's report by the same resident
    assert other.title not in page
    assert client.get(reverse("cases:mine_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("cases:mine_detail", args=[mine.pk])).status_code == 200


def test_the_timeline_shows_the_joint_meeting_that_took_the_case_up(world, client):
    from wulian.meetings import services as meetings

    case = _report(world)
    start = timezone.now() + dt.timedelta(days=2)
    meeting = meetings.convene_meeting(
        by=world.users["hongmenjie_admin"],
        area=world.areas[HONGMENJIE],
        topic="黉门街社区环境整治联席会议",
        place="社区",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        invite_orgs=[],
        agenda=[],
    )
    meetings.add_agenda_item(
        meeting=meeting, by=world.users["hongmenjie_admin"], title="", case=case, note=""
    )
    client.force_login(world.users["resident_demo"])
    page = client.get(reverse("cases:mine_detail", args=[case.pk])).content.decode()
    assert "列入联席会议议程" in page
    assert "黉门街社区 · 黉门街社区环境整治联席会议" in page
    assert (
        reverse("meetings:detail", args=[meeting.pk]) not in page
    )  # a resident cannot open meetings


def test_the_reporter_follows_their_case_over_the_api(world, client):
    case = _report(world)
    services.resolve_case(
        case=case, by=world.users["hongmenjie_admin"], resolution="已修复。", method="other"
    )
    other = Case.objects.get(title="清源小区消防通道被占用")
    headers = bearer(world.users["resident_demo"])
    listed = client.get(reverse("api:case_mine_list"), **headers).json()
    assert sorted(row["title"] for row in listed["items"]) == [
        "楼道灯不亮",
        "黉门街小区楼下垃圾桶满溢",
    ]
    detail = client.get(reverse("api:case_mine_detail", args=[case.pk]), **headers).json()
    assert (detail["status"], detail["resolution"]) == ("resolved", "已修复。")
    assert [row["what"] for row in detail["timeline"]] == ["登记", "化解"]
    assert (
        client.get(reverse("api:case_mine_detail", args=[other.pk]), **headers).status_code == 404
    )


def test_staff_pages_stay_closed_to_residents(world, client):
    case = _report(world)
    client.force_login(world.users["resident_demo"])
    assert client.get(reverse("cases:list")).status_code == 403
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 403


@query_guard("cases:mine_list", "api:case_mine_list")
@pytest.mark.parametrize("name", ["cases:mine_list", "api:case_mine_list"])
def test_the_reporters_lists_use_a_fixed_number_of_queries(world, client, name):
    user = world.users["resident_demo"]
    client.force_login(user)
    headers = bearer(user) if name.startswith("api:") else {}

    def two_more():
        _report(world, "又一件")
        _report(world, "再一件")

    assert_flat_queries(
        client,
        reverse(name),
        two_more,
        headers=headers,
        rows=count_rows if name.startswith("api:") else links_to("cases:mine_detail"),
    )
