"""In real Chromium: convene → record attendance → close with a decision and an action item →
the lead unit reports progress and done → the convener accepts it."""

import datetime as dt

import pytest
from django.utils import timezone

from wulian.core.tests.browser import TIMEOUT_MS, live_login, pick
from wulian.meetings.models import ActionItem, ActionStatus, JointMeeting


def _as(browser, live_server, username):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    p = context.new_page()
    live_login(p, live_server, username)
    return context, p


@pytest.mark.browser
def test_meeting_to_accepted_action_item_in_the_browser(browser, live_server, world):
    start = timezone.localtime() - dt.timedelta(minutes=30)
    due = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    context, page = _as(browser, live_server, "xiyuhe_admin")
    # Convene
    page.goto(live_server.url + "/meetings/new/")
    page.fill("#id_topic", "浏览器联席会议")
    page.fill("#id_place", "西御河街道会议室")
    page.fill("#id_starts_at", start.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_ends_at", (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    pick(page, "#id_invite_orgs", "清源", "成都清源物业服务有限公司")
    page.click("#meeting-form button.btn-danger")
    page.wait_for_selector("#meeting-topic")
    assert "成都清源物业服务有限公司" in page.inner_text("#invitations")
    # Attendance
    page.fill("#attendance-form #id_name", "陈经理")
    page.select_option("#attendance-form #id_org", label="成都清源物业服务有限公司")
    page.click("#attendance-form button")
    page.wait_for_selector("#attendance >> text=陈经理")
    # Close with a decision and an action item
    page.click("#meeting-close")
    page.fill("#id_host", "王主任")
    page.fill("#id_recorder", "李干事")
    page.fill("#id_minutes", "会议议定由物业公司公示收费标准。")
    page.fill("#id_d-0-text", "物业公司公示收费标准")
    pick(page, "#id_d-0-lead_org", "清源", "成都清源物业服务有限公司")
    page.fill("#id_d-0-responsible", "陈经理")
    page.fill("#id_d-0-due_on", due)
    page.fill("#id_d-0-done_criteria", "公示栏张贴并拍照")
    page.click("#close-form > button.btn-danger")
    page.click("#wl-confirm-ok")
    page.wait_for_selector("#minutes")
    assert page.inner_text("#meeting-status") == "已闭会"
    item = ActionItem.objects.get(
        decision__meeting=JointMeeting.objects.get(topic="浏览器联席会议")
    )
    context.close()

    # The lead unit reports progress, then done
    context, page = _as(browser, live_server, "qingyuan_pm_contact")
    page.goto(live_server.url + f"/meetings/actions/{item.pk}/")
    page.fill("#progress-form #id_text", "已拟定公示稿")
    page.click("#progress-submit")
    page.wait_for_selector("#timeline >> text=已拟定公示稿")
    page.fill("#progress-form #id_text", "已张贴公示")
    page.click("#done-submit")
    page.wait_for_selector("#item-status >> text=已办结待验收")
    context.close()

    # The convener accepts
    context, page = _as(browser, live_server, "xiyuhe_admin")
    page.goto(live_server.url + f"/meetings/actions/{item.pk}/")
    page.fill("#accept-form #id_note", "验收合格")
    page.click("#accept-submit")
    page.wait_for_selector("#item-status >> text=已验收")
    context.close()
    item.refresh_from_db()
    assert item.status == ActionStatus.ACCEPTED
    assert [e.kind for e in item.events.all()] == ["created", "progress", "done", "accepted"]
