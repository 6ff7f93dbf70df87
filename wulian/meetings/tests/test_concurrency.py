"""Races decided by the database: parallel escalation runs and parallel check-ins."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from wulian.figures.tests.helpers import assert_figures_consistent
from wulian.meetings import services
from wulian.meetings.models import ActionEvent, ActionItem, Attendance


def _parallel(n, fn):
    barrier = threading.Barrier(n)
    errors = []

    def run():
        try:
            barrier.wait()
            fn()
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_parallel_escalation_runs_escalate_an_item_once_per_level(world, settings):
    """The demo's street item, 10 days overdue (grace and period 3 days): four parallel runs take
    it to the district and the city, one event each."""
    settings.WULIAN_ACTION_ITEM_GRACE_DAYS = 3
    item = ActionItem.objects.get(title="物业服务质量专项检查")
    ActionItem.objects.filter(pk=item.pk).update(
        escalated_at=None, escalated_to=None, escalation_level=0
    )
    ActionEvent.objects.filter(item=item, kind="escalated").delete()
    errors = _parallel(4, lambda: services.escalate_overdue(by=None))
    assert errors == []
    events = ActionEvent.objects.filter(item=item, kind="escalated").order_by("id")
    assert [e.to_area.code for e in events] == ["510105000000", "510100000000"]
    item.refresh_from_db()
    assert (item.escalation_level, item.escalated_to.name) == (2, "成都市城乡社区发展治理委员会")
    assert_figures_consistent()


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_parallel_scans_check_an_invitee_in_once(world):
    start = timezone.now() - dt.timedelta(minutes=10)
    meeting = services.convene_meeting(
        by=world.users["xihuamen_admin"],
        area=world.areas["510105003003"],
        topic="并发签到",
        place="社区",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        invite_orgs=[world.orgs["library"]],
    )
    token = services.checkin_token(meeting)
    user = world.users["library_contact"]
    errors = _parallel(4, lambda: services.checkin(token=token, by=user, name="赵馆员"))
    assert errors == []
    assert Attendance.objects.filter(meeting=meeting, user=user).count() == 1
    assert_figures_consistent()


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_a_cancellation_and_a_scan_at_the_same_moment_never_both_succeed(world):
    """The check-in locks the meeting's row before writing, the cancellation locks it and looks for
    attendance: either the meeting is cancelled with nobody checked in, or it was attended and
    stays scheduled."""
    from django.core.exceptions import ValidationError

    from wulian.meetings.models import MeetingStatus

    start = timezone.now() - dt.timedelta(minutes=5)
    meeting = services.convene_meeting(
        by=world.users["xihuamen_admin"],
        area=world.areas["510105003003"],
        topic="并发取消",
        place="社区",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        invite_orgs=[world.orgs["library"]],
    )
    token = services.checkin_token(meeting)
    outcomes = []

    def scan():
        try:
            services.checkin(token=token, by=world.users["library_contact"], name="赵馆员")
            outcomes.append("checked_in")
        except ValidationError:
            outcomes.append("scan_refused")

    def cancel():
        try:
            services.cancel_meeting(
                meeting=meeting, by=world.users["xihuamen_admin"], reason="临时取消"
            )
            outcomes.append("cancelled")
        except ValidationError:
            outcomes.append("cancel_refused")

    calls = iter([scan, cancel])
    errors = _parallel(2, lambda: next(calls)())
    assert errors == []
    meeting.refresh_from_db()
    attended = Attendance.objects.filter(meeting=meeting).count()
    assert sorted(outcomes) in (["cancelled", "scan_refused"], ["cancel_refused", "checked_in"])
    assert (meeting.status, attended) in (
        (MeetingStatus.CANCELLED, 0),
        (MeetingStatus.SCHEDULED, 1),
    )
    assert_figures_consistent()
