"""改期 and 取消: by the convening org, before the meeting is held, with a reason and a history."""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from wulian.audit.models import AuditEntry
from wulian.figures.models import ALL_TIME
from wulian.figures.selectors import counter_value
from wulian.figures.services import check
from wulian.meetings import services
from wulian.meetings.models import (
    Attendance,
    ChangeKind,
    JointMeeting,
    MeetingChange,
    MeetingStatus,
)
from wulian.notifications.models import Notification
from wulian.web.demo import XIHUAMEN


def _convene(world, days=2):
    start = (timezone.now() + dt.timedelta(days=days)).replace(second=0, microsecond=0)
    return services.convene_meeting(
        by=world.users["xihuamen_admin"],
        area=world.areas[XIHUAMEN],
        topic="院落改造议事",
        place="党群服务中心",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        invite_orgs=[world.orgs["library"]],
    )


def _state(meeting):
    """What a refused change must leave as it was."""
    m = JointMeeting.objects.get(pk=meeting.pk)
    return (
        m.status,
        m.starts_at,
        m.ends_at,
        m.sequence,
        MeetingChange.objects.filter(meeting=m).count(),
        AuditEntry.objects.count(),
        Notification.objects.count(),
    )


def _later(meeting, days=5):
    return meeting.starts_at + dt.timedelta(days=days), meeting.ends_at + dt.timedelta(days=days)


def test_the_convener_reschedules_and_the_invitees_are_told(
    world, django_capture_on_commit_callbacks
):
    meeting = _convene(world)
    old_start, old_end = meeting.starts_at, meeting.ends_at
    new_start, new_end = _later(meeting)
    with django_capture_on_commit_callbacks(execute=True):
        change = services.reschedule_meeting(
            meeting=meeting,
            by=world.users["xihuamen_staff"],
            starts_at=new_start,
            ends_at=new_end,
            reason="  场地检修  ",
        )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.starts_at, meeting.ends_at, meeting.sequence) == (
        MeetingStatus.SCHEDULED,
        new_start,
        new_end,
        1,
    )
    assert (
        change.kind,
        change.old_starts_at,
        change.old_ends_at,
        change.new_starts_at,
        change.new_ends_at,
        change.reason,
        change.by,
    ) == (
        ChangeKind.RESCHEDULED,
        old_start,
        old_end,
        new_start,
        new_end,
        "场地检修",
        world.users["xihuamen_staff"],
    )
    notes = Notification.objects.filter(
        user=world.users["library_contact"], kind="meeting.rescheduled"
    )
    assert [n.title for n in notes] == ["联席会议改期：院落改造议事"]
    assert "场地检修" in notes[0].body
    entry = AuditEntry.objects.get(action="meeting.reschedule", object_id=str(meeting.pk))
    assert (entry.before["starts_at"], entry.after["starts_at"], entry.after["reason"]) == (
        old_start.isoformat(),
        new_start.isoformat(),
        "场地检修",
    )


def test_rescheduling_twice_keeps_both_changes_in_order(world):
    meeting = _convene(world)
    first = _later(meeting, 3)
    services.reschedule_meeting(
        meeting=meeting,
        by=world.users["xihuamen_admin"],
        starts_at=first[0],
        ends_at=first[1],
        reason="领导出差",
    )
    second = _later(meeting, 4)
    services.reschedule_meeting(
        meeting=meeting,
        by=world.users["xihuamen_admin"],
        starts_at=second[0],
        ends_at=second[1],
        reason="与区级会议冲突",
    )
    assert [(c.reason, c.new_starts_at) for c in meeting.changes.all()] == [
        ("领导出差", first[0]),
        ("与区级会议冲突", second[0]),
    ]
    assert JointMeeting.objects.get(pk=meeting.pk).sequence == 2


@pytest.mark.parametrize(
    ("field", "make", "message"),
    [
        (
            "starts_at",
            lambda m: (
                timezone.now() - dt.timedelta(hours=1),
                timezone.now() + dt.timedelta(hours=1),
                "改期",
            ),
            "已过",
        ),
        (
            "ends_at",
            lambda m: (
                m.starts_at + dt.timedelta(days=1),
                m.starts_at + dt.timedelta(days=1),
                "改期",
            ),
            "结束时间应晚于开始时间",
        ),
        (
            "ends_at",
            lambda m: (m.starts_at + dt.timedelta(days=1), None, "改期"),
            "请填写新的结束时间",
        ),
        ("starts_at", lambda m: (None, m.ends_at, "改期"), "请填写新的开始时间"),
        (
            "reason",
            lambda m: (m.starts_at + dt.timedelta(days=1), m.ends_at + dt.timedelta(days=1), "  "),
            "请填写改期原因",
        ),
        ("starts_at", lambda m: (m.starts_at, m.ends_at, "改期"), "与原定时间相同"),
    ],
)
def test_bad_reschedule_input_names_the_field_and_changes_nothing(world, field, make, message):
    meeting = _convene(world)
    starts_at, ends_at, reason = make(meeting)
    before = _state(meeting)
    with pytest.raises(ValidationError) as exc:
        services.reschedule_meeting(
            meeting=meeting,
            by=world.users["xihuamen_admin"],
            starts_at=starts_at,
            ends_at=ends_at,
            reason=reason,
        )
    assert message in exc.value.message_dict[field][0]
    assert _state(meeting) == before


def test_a_time_without_an_offset_is_read_as_shanghai_time(world):
    meeting = _convene(world)
    naive = dt.datetime.combine(timezone.localdate() + dt.timedelta(days=9), dt.time(9, 30))
    services.reschedule_meeting(
        meeting=meeting,
        by=world.users["xihuamen_admin"],
        starts_at=naive,
        ends_at=naive + dt.timedelta(hours=1),
        reason="改到周中",
    )
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.starts_at).replace(tzinfo=None) == naive


def test_the_convener_cancels_and_the_invitees_are_told(world, django_capture_on_commit_callbacks):
    meeting = _convene(world)
    with django_capture_on_commit_callbacks(execute=True):
        change = services.cancel_meeting(
            meeting=meeting, by=world.users["xihuamen_admin"], reason="台风预警"
        )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (MeetingStatus.CANCELLED, 1)
    assert (change.kind, change.old_starts_at, change.new_starts_at, change.reason) == (
        ChangeKind.CANCELLED,
        meeting.starts_at,
        None,
        "台风预警",
    )
    notes = Notification.objects.filter(
        user=world.users["library_contact"], kind="meeting.cancelled"
    )
    assert [(n.title, "台风预警" in n.body) for n in notes] == [
        ("联席会议取消：院落改造议事", True)
    ]
    entry = AuditEntry.objects.get(action="meeting.cancel", object_id=str(meeting.pk))
    assert (entry.before, entry.after["status"], entry.after["reason"]) == (
        {"status": "scheduled"},
        "cancelled",
        "台风预警",
    )


def test_cancelling_without_a_reason_is_refused(world):
    meeting = _convene(world)
    before = _state(meeting)
    with pytest.raises(ValidationError) as exc:
        services.cancel_meeting(meeting=meeting, by=world.users["xihuamen_admin"], reason=" ")
    assert exc.value.message_dict["reason"] == ["请填写取消原因。"]
    assert _state(meeting) == before


def test_a_cancelled_meeting_cannot_be_checked_into_closed_or_changed(world):
    meeting = _convene(world, days=0)  # starting about now: attendance would otherwise be allowed
    token = services.checkin_token(meeting)
    admin = world.users["xihuamen_admin"]
    services.cancel_meeting(meeting=meeting, by=admin, reason="改为线上沟通")
    meeting.refresh_from_db()
    before = _state(meeting)
    with pytest.raises(ValidationError) as exc:
        services.checkin(token=token, by=world.users["library_contact"])
    assert exc.value.message_dict["token"] == ["会议已取消，不能再修改。"]
    with pytest.raises(ValidationError) as exc:
        services.record_attendance(meeting=meeting, by=admin, name="王主任")
    assert exc.value.message_dict["name"] == ["会议已取消，不能登记参会。"]
    with pytest.raises(ValidationError) as exc:
        services.close_meeting(
            meeting=meeting,
            by=admin,
            host="王主任",
            recorder="李干事",
            minutes="纪要",
            decisions=[{"text": "议定"}],
        )
    assert exc.value.message_dict["meeting"] == ["会议已取消，不能再修改。"]
    with pytest.raises(ValidationError) as exc:
        services.cancel_meeting(meeting=meeting, by=admin, reason="再取消")
    assert exc.value.message_dict["meeting"] == ["会议已取消，不能重复取消。"]
    new_start, new_end = _later(meeting)
    with pytest.raises(ValidationError) as exc:
        services.reschedule_meeting(
            meeting=meeting, by=admin, starts_at=new_start, ends_at=new_end, reason="恢复"
        )
    assert exc.value.message_dict["meeting"] == ["会议已取消，不能改期。"]
    assert _state(meeting) == before
    assert (Attendance.objects.filter(meeting=meeting).count(), meeting.decisions.count()) == (0, 0)


def test_a_held_meeting_cannot_be_rescheduled_or_cancelled(world, street_meeting, closed_meeting):
    admin = world.users["xiyuhe_admin"]
    new_start = timezone.now() + dt.timedelta(days=3)
    before = _state(closed_meeting)
    with pytest.raises(ValidationError) as exc:
        services.reschedule_meeting(
            meeting=closed_meeting,
            by=admin,
            starts_at=new_start,
            ends_at=new_start + dt.timedelta(hours=1),
            reason="补开",
        )
    assert exc.value.message_dict["meeting"] == ["会议已召开并闭会，不能改期。"]
    with pytest.raises(ValidationError) as exc:
        services.cancel_meeting(meeting=closed_meeting, by=admin, reason="作废")
    assert exc.value.message_dict["meeting"] == ["会议已召开并闭会，不能取消。"]
    assert _state(closed_meeting) == before


def test_a_meeting_someone_attended_counts_as_held(world, street_meeting):
    admin = world.users["xiyuhe_admin"]
    services.record_attendance(
        meeting=street_meeting, by=admin, name="张科长", org=world.orgs["dept_housing"]
    )
    before = _state(street_meeting)
    new_start = timezone.now() + dt.timedelta(days=3)
    with pytest.raises(ValidationError) as exc:
        services.reschedule_meeting(
            meeting=street_meeting,
            by=admin,
            starts_at=new_start,
            ends_at=new_start + dt.timedelta(hours=1),
            reason="人没到齐",
        )
    assert exc.value.message_dict["meeting"] == ["会议已有人签到，视为已召开，不能改期。"]
    with pytest.raises(ValidationError) as exc:
        services.cancel_meeting(meeting=street_meeting, by=admin, reason="人没到齐")
    assert exc.value.message_dict["meeting"] == ["会议已有人签到，视为已召开，不能取消。"]
    assert _state(street_meeting) == before


def test_only_the_convening_org_in_scope_may_change_a_meeting(world):
    meeting = _convene(world)
    new_start, new_end = _later(meeting)
    before = _state(meeting)
    # The street above sees the meeting but is not its convener: refused as a matter of rights.
    with pytest.raises(PermissionDenied) as exc:
        services.cancel_meeting(meeting=meeting, by=world.users["xiyuhe_admin"], reason="上级取消")
    assert "西华门" in str(exc.value)
    with pytest.raises(PermissionDenied) as exc:
        services.reschedule_meeting(
            meeting=meeting,
            by=world.users["xiyuhe_admin"],
            starts_at=new_start,
            ends_at=new_end,
            reason="上级改期",
        )
    assert "西华门" in str(exc.value)
    # Another district's community is outside the scope; a unit contact has no such permission.
    for user in ("hongmenjie_admin", "library_contact"):
        with pytest.raises(PermissionDenied):
            services.cancel_meeting(meeting=meeting, by=world.users[user], reason="越权")
        with pytest.raises(PermissionDenied):
            services.reschedule_meeting(
                meeting=meeting,
                by=world.users[user],
                starts_at=new_start,
                ends_at=new_end,
                reason="越权",
            )
    assert _state(meeting) == before


def test_a_qr_code_shown_before_rescheduling_still_checks_in(world, street_meeting):
    token = services.checkin_token(street_meeting)
    new_start = timezone.now() + dt.timedelta(minutes=30)
    services.reschedule_meeting(
        meeting=street_meeting,
        by=world.users["xiyuhe_admin"],
        starts_at=new_start,
        ends_at=new_start + dt.timedelta(hours=2),
        reason="推迟半小时",
    )
    attendance, created = services.checkin(
        token=token, by=world.users["library_contact"], name="赵馆员"
    )
    assert (created, attendance.meeting_id, attendance.org) == (
        True,
        street_meeting.pk,
        world.orgs["library"],
    )


def _counter(area, key, period=ALL_TIME):
    return counter_value(area, key, period)


def _month(value):
    return timezone.localtime(value).strftime("%Y-%m")


def test_figures_stay_right_after_rescheduling_and_cancelling(world, closed_meeting):
    area = world.areas[XIHUAMEN]
    moved, cancelled = _convene(world), _convene(world, days=3)
    new_start = moved.starts_at + dt.timedelta(days=40)
    old_month, new_month, cancelled_month = (
        _month(moved.starts_at),
        _month(new_start),
        _month(cancelled.starts_at),
    )
    months = {old_month, new_month, cancelled_month}
    before = {m: _counter(area, "meetings.total", m) for m in months}
    total, held = _counter(area, "meetings.total"), _counter(area, "meetings.held")
    services.reschedule_meeting(
        meeting=moved,
        by=world.users["xihuamen_admin"],
        starts_at=new_start,
        ends_at=new_start + dt.timedelta(hours=2),
        reason="顺延到下月",
    )
    services.cancel_meeting(
        meeting=cancelled, by=world.users["xihuamen_admin"], reason="并入下月会议"
    )
    assert check() == []
    # The cancelled meeting no longer counts; neither counts as held; the moved one changed month.
    assert (_counter(area, "meetings.total"), _counter(area, "meetings.held")) == (total - 1, held)
    want = dict(before)
    want[old_month] -= 1
    want[new_month] += 1
    want[cancelled_month] -= 1
    assert {m: _counter(area, "meetings.total", m) for m in months} == want


def _ics(client, meeting) -> list[str]:
    response = client.get(reverse("meetings:ics", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode().split("\r\n")


def test_the_calendar_file_carries_the_new_time_and_a_higher_sequence(world, client):
    meeting = _convene(world)
    client.force_login(world.users["library_contact"])
    assert {"SEQUENCE:0", "STATUS:CONFIRMED"} <= set(_ics(client, meeting))
    new_start, new_end = _later(meeting)
    services.reschedule_meeting(
        meeting=meeting,
        by=world.users["xihuamen_admin"],
        starts_at=new_start,
        ends_at=new_end,
        reason="场地检修",
    )
    lines = _ics(client, meeting)
    assert {
        f"UID:meeting-{meeting.pk}@wulian",
        "SEQUENCE:1",
        "STATUS:CONFIRMED",
        f"DTSTART:{new_start.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}",
        f"DTEND:{new_end.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}",
    } <= set(lines)
    services.cancel_meeting(meeting=meeting, by=world.users["xihuamen_admin"], reason="台风预警")
    assert {f"UID:meeting-{meeting.pk}@wulian", "SEQUENCE:2", "STATUS:CANCELLED"} <= set(
        _ics(client, meeting)
    )


def test_the_pages_reschedule_show_the_history_and_cancel(world, client):
    meeting = _convene(world)
    client.force_login(world.users["xihuamen_admin"])
    detail = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert 'id="meeting-reschedule"' in detail
    assert 'id="meeting-cancel"' in detail
    new_start, new_end = _later(meeting)
    response = client.post(
        reverse("meetings:reschedule", args=[meeting.pk]),
        {
            "starts_at": timezone.localtime(new_start).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": timezone.localtime(new_end).strftime("%Y-%m-%dT%H:%M"),
            "reason": "场地检修",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert 'id="meeting-changes"' in page
    assert "场地检修" in page
    assert timezone.localtime(new_start).strftime("%Y-%m-%d %H:%M") in page
    response = client.post(reverse("meetings:cancel", args=[meeting.pk]), {"reason": "台风预警"})
    assert response.status_code == 302
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "已取消" in page
    assert "台风预警" in page
    assert 'id="meeting-reschedule"' not in page
    assert 'id="meeting-cancel"' not in page
    listing = client.get(reverse("meetings:list") + "?status=cancelled").content.decode()
    assert "院落改造议事" in listing
    assert "已取消" in listing
    again = client.get(reverse("meetings:cancel", args=[meeting.pk])).content.decode()
    assert 'id="change-refusal"' in again
    assert 'id="cancel-form"' not in again


def test_a_past_time_posted_on_the_page_is_shown_on_its_field(world, client):
    meeting = _convene(world)
    before = _state(meeting)
    client.force_login(world.users["xihuamen_admin"])
    past = timezone.localtime(timezone.now() - dt.timedelta(days=1))
    response = client.post(
        reverse("meetings:reschedule", args=[meeting.pk]),
        {
            "starts_at": past.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (past + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "reason": "补开",
        },
    )
    assert response.status_code == 200
    assert [str(e) for e in response.context["form"].errors["starts_at"]] == [
        f"新的开始时间{past:%Y-%m-%d %H:%M}已过，应晚于现在。"
    ]
    assert _state(meeting) == before


@pytest.mark.parametrize(("user", "status"), [("hongmenjie_admin", 404), ("library_contact", 403)])
def test_the_pages_answer_404_outside_the_scope_and_403_without_the_permission(
    world, client, user, status
):
    meeting = _convene(world)
    before = _state(meeting)
    client.force_login(world.users[user])
    for name in ("meetings:reschedule", "meetings:cancel"):
        assert (
            client.post(reverse(name, args=[meeting.pk]), {"reason": "越权"}).status_code == status
        )
    assert _state(meeting) == before


def test_rescheduling_and_cancelling_over_the_api(world, client):
    from wulian.accounts.services import create_token

    meeting = _convene(world)
    headers = {
        "HTTP_AUTHORIZATION": f"Bearer {create_token(user=world.users['xihuamen_admin'], by=None)}"
    }

    def post(path, body):
        return client.post(
            f"/api/v1/meetings/{meeting.pk}/{path}/",
            data=json.dumps(body),
            content_type="application/json",
            **headers,
        )

    before = _state(meeting)
    bad = post(
        "reschedule",
        {
            "starts_at": (timezone.now() - dt.timedelta(days=1)).isoformat(),
            "ends_at": timezone.now().isoformat(),
            "reason": "补开",
        },
    )
    assert bad.status_code == 422
    assert "已过" in bad.json()["message"]
    assert post("cancel", {}).status_code == 422
    assert _state(meeting) == before
    new_start, new_end = _later(meeting)
    moved = post(
        "reschedule",
        {"starts_at": new_start.isoformat(), "ends_at": new_end.isoformat(), "reason": "场地检修"},
    )
    assert moved.status_code == 200, moved.content
    body = moved.json()
    assert (body["sequence"], [(c["kind"], c["reason"]) for c in body["changes"]]) == (
        1,
        [("rescheduled", "场地检修")],
    )
    assert dt.datetime.fromisoformat(body["starts_at"]) == new_start
    cancelled = post("cancel", {"reason": "台风预警"})
    assert (cancelled.json()["status"], cancelled.json()["sequence"]) == ("cancelled", 2)
    assert [c["kind"] for c in cancelled.json()["changes"]] == ["rescheduled", "cancelled"]
