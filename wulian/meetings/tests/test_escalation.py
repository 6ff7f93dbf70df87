import datetime as dt

import time_machine
from django.utils import timezone

from wulian.meetings.models import ActionEvent, ActionItem
from wulian.meetings.tasks import escalate_overdue_action_items
from wulian.notifications.models import Notification


def _run_job():
    result = escalate_overdue_action_items()
    return result.get() if hasattr(result, "get") else result


def test_an_item_overdue_past_the_grace_period_escalates_to_the_district_exactly_once(
    world, closed_meeting, settings, django_capture_on_commit_callbacks
):
    settings.WULIAN_ACTION_ITEM_GRACE_DAYS = 3
    item = ActionItem.objects.get(decision__meeting=closed_meeting)
    qingyang = world.users["qingyang_admin"]
    moment = timezone.now() + dt.timedelta(days=(item.due_on - timezone.localdate()).days + 4)
    with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
        _run_job()
        _run_job()
    item.refresh_from_db()
    assert item.escalated_to == world.orgs["qingyang_gc"]
    assert ActionEvent.objects.filter(item=item, kind="escalated").count() == 1
    assert (
        Notification.objects.filter(
            user=qingyang, kind="action_item.escalated", title__contains=item.title
        ).count()
        == 1
    )


def test_an_item_within_its_grace_period_does_not_escalate(world, closed_meeting, settings):
    settings.WULIAN_ACTION_ITEM_GRACE_DAYS = 3
    item = ActionItem.objects.get(decision__meeting=closed_meeting)
    moment = timezone.now() + dt.timedelta(days=(item.due_on - timezone.localdate()).days + 3)
    with time_machine.travel(moment, tick=False):
        _run_job()
    item.refresh_from_db()
    assert (item.escalated_at, item.escalated_to) == (None, None)


def test_the_grace_period_is_configurable(world, closed_meeting, settings):
    settings.WULIAN_ACTION_ITEM_GRACE_DAYS = 0
    item = ActionItem.objects.get(decision__meeting=closed_meeting)
    moment = timezone.now() + dt.timedelta(days=(item.due_on - timezone.localdate()).days + 1)
    with time_machine.travel(moment, tick=False):
        _run_job()
    item.refresh_from_db()
    assert item.escalated_to == world.orgs["qingyang_gc"]


def test_the_upper_level_sees_the_escalation_with_its_full_history(world, client):
    item = ActionItem.objects.get(title="物业服务质量专项检查")  # the demo's escalated item
    client.force_login(world.users["qingyang_admin"])
    listing = client.get("/meetings/actions/?escalated=on").content.decode()
    assert "物业服务质量专项检查" in listing
    page = client.get(f"/meetings/actions/{item.pk}/").content.decode()
    assert "升级督办" in page
    assert "下达" in page
    assert "青羊区城乡社区发展治理委员会" in page
