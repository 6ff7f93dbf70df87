"""Issue 14's "done when", in real Chromium: 西御河街道 holds a street meeting inviting 西华门社区党委;
西华门 answers 参加 from its to-do tile, reads the minutes, follows the notification to its action
item, reports progress and marks it done; 西御河 verifies (accepts) it. Uninvited and
out-of-scope users still get 404."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from wulian.accounts.models import User
from wulian.core.tests.browser import TIMEOUT_MS, live_login, pick
from wulian.meetings.models import ActionItem, ActionStatus, JointMeeting, Response

TOPIC = "西华门院落物业矛盾调解联席会议"
ITEM = "建立院落物业矛盾调解小组"


def _as(browser, live_server, username):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    live_login(page, live_server, username)
    return context, page


@pytest.mark.browser
def test_a_community_takes_part_in_a_street_meeting_and_its_action_item(
    browser, live_server, world
):
    start = timezone.localtime() - dt.timedelta(minutes=30)
    due = (timezone.localdate() + dt.timedelta(days=14)).isoformat()

    # 西御河街道 convenes, inviting 西华门社区党委.
    context, page = _as(browser, live_server, "xiyuhe_admin")
    page.goto(live_server.url + "/meetings/new/")
    page.fill("#id_topic", TOPIC)
    page.fill("#id_place", "西御河街道党群服务中心")
    page.fill("#id_starts_at", start.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_ends_at", (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    pick(page, "#id_invite_orgs", "西华", "西华门社区党委")
    page.fill("#id_host", "王主任")
    page.fill("#id_recorder", "李干事")
    page.click("#meeting-form button.btn-danger")
    page.wait_for_selector("#meeting-topic")
    meeting = JointMeeting.objects.get(topic=TOPIC)
    context.close()

    # 西华门 answers 参加, from its home page's invitation tile.
    context, page = _as(browser, live_server, "xihuamen_admin")
    page.click("#todos a:has-text('联席会议邀请')")
    page.click(f"a:has-text('{TOPIC}')")
    page.wait_for_selector("#answer-form")
    page.check("#answer-response input[value=attend]")
    page.click("#answer-submit")
    page.wait_for_selector("#invitations >> text=参加")
    context.close()
    assert meeting.invitations.get().response == Response.ATTEND

    # 西御河 sees the answer, records who came and closes with four decisions (one added on the page).
    context, page = _as(browser, live_server, "xiyuhe_admin")
    page.goto(live_server.url + f"/meetings/{meeting.pk}/")
    assert "参加" in page.inner_text("#invitations")
    page.fill("#attendance-form #id_name", "李书记")
    page.select_option("#attendance-form #id_org", label="西华门社区党委")
    page.click("#attendance-form button")
    page.wait_for_selector("#attendance >> text=李书记")
    page.click("#meeting-close")
    assert page.input_value("#id_host") == "王主任"
    page.fill("#id_minutes", "会议研究了院落物业矛盾调解机制，议定事项如下。")
    page.fill("#id_d-0-text", "西华门社区建立院落物业矛盾调解小组")
    page.fill("#id_d-0-title", ITEM)
    pick(page, "#id_d-0-lead_org", "西华", "西华门社区党委")
    page.fill("#id_d-0-responsible", "李书记")
    page.fill("#id_d-0-due_on", due)
    page.fill("#id_d-0-done_criteria", "调解小组成立并公布成员名单")
    page.fill("#id_d-1-text", "物业公司公示收费标准")
    page.fill("#id_d-2-text", "街道每月通报调解情况")
    page.click("#add-decision")
    page.wait_for_selector("#id_d-3-text")
    page.fill("#id_d-3-text", "老旧院落问题提请区级联席会议研究")
    page.click("#close-submit")
    page.click("#wl-confirm-ok")
    page.wait_for_selector("#minutes")
    context.close()
    assert list(meeting.decisions.values_list("position", flat=True)) == [1, 2, 3, 4]
    item = ActionItem.objects.get(decision__meeting=meeting)

    # 西华门 reads the minutes, follows the notification to its item, reports progress and done.
    context, page = _as(browser, live_server, "xihuamen_admin")
    page.goto(live_server.url + f"/meetings/{meeting.pk}/")
    assert "院落物业矛盾调解机制" in page.inner_text("#minutes")
    page.goto(live_server.url + "/notifications/")
    page.click(f"#notification-list a:has-text('{ITEM}')")
    page.wait_for_selector("#item-status")
    page.fill("#progress-form #id_text", "调解小组成员已确定")
    page.click("#progress-submit")
    page.wait_for_selector("#timeline >> text=调解小组成员已确定")
    page.fill("#progress-form #id_text", "调解小组已成立，成员名单已在院落公示")
    page.click("#done-submit")
    page.wait_for_selector("#item-status >> text=已办结待验收")
    context.close()

    # 西御河 verifies it.
    context, page = _as(browser, live_server, "xiyuhe_admin")
    page.goto(live_server.url + f"/meetings/actions/{item.pk}/")
    page.fill("#accept-form #id_note", "经核实，调解小组已运转")
    page.click("#accept-submit")
    page.wait_for_selector("#item-status >> text=已验收")
    context.close()
    item.refresh_from_db()
    assert item.status == ActionStatus.ACCEPTED
    assert [e.kind for e in item.events.all()] == ["created", "progress", "done", "accepted"]

    # Out of scope and uninvited: still 404.
    client = Client()
    for username in ("hongmenjie_admin", "qingyuan_admin", "huaxi_contact", "library_contact"):
        client.force_login(User.objects.get(username=username))
        assert client.get(f"/meetings/{meeting.pk}/").status_code == 404, username
        assert client.get(f"/meetings/actions/{item.pk}/").status_code == 404, username
