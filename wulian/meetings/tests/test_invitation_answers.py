"""Invitations get an answer: 参加, 请假 with a reason, 委派 a named delegate; by the invited org's
people, on the page and over the API; the convener sees the answers and the minutes carry them."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.utils import timezone

from wulian.audit.models import AuditEntry
from wulian.core import counters
from wulian.meetings import selectors, services
from wulian.meetings.models import Invitation, Response
from wulian.notifications.models import Notification
from wulian.web.demo import XIYUHE
from wulian.web.testing import bearer


@pytest.fixture
def meeting(world):
    """A coming 西御河街道 meeting inviting 西华门社区党委, 四川省图书馆 and 成都博物馆."""
    start = timezone.now() + dt.timedelta(days=2)
    return services.convene_meeting(
        by=world.users["xiyuhe_admin"],
        area=world.areas[XIYUHE],
        topic="街道文化联席会议",
        place="街道",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        invite_orgs=[world.orgs["xihuamen"], world.orgs["library"], world.orgs["museum"]],
    )


def _inv(meeting, world, key) -> Invitation:
    return meeting.invitations.get(org=world.orgs[key])


def test_an_invited_community_answers_attend_on_the_page_and_the_convener_is_told(
    world, client, meeting, django_capture_on_commit_callbacks
):
    client.force_login(world.users["xihuamen_staff"])
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert 'id="answer-form"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/meetings/{meeting.pk}/answer/",
            {"invitation": _inv(meeting, world, "xihuamen").pk, "response": "attend"},
        )
    inv = _inv(meeting, world, "xihuamen")
    assert (inv.response, inv.answered_by) == (Response.ATTEND, world.users["xihuamen_staff"])
    note = Notification.objects.get(
        user=world.users["xiyuhe_admin"], kind="meeting.answer", title__contains="街道文化"
    )
    assert note.title == "西华门社区党委答复“街道文化联席会议”：参加"
    client.force_login(world.users["xiyuhe_admin"])
    row = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert f'id="invitation-{inv.pk}"' in row
    assert "参加" in row


def test_leave_needs_a_reason_and_delegate_needs_a_name(world, meeting):
    contact = world.users["library_contact"]
    inv = _inv(meeting, world, "library")
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.answer_invitation(invitation=inv, by=contact, response=Response.LEAVE, reason=" ")
    assert exc.value.message_dict == {"reason": ["请假请填写原因。"]}
    with pytest.raises(ValidationError) as exc:
        services.answer_invitation(invitation=inv, by=contact, response=Response.DELEGATE)
    assert exc.value.message_dict == {"delegate": ["委派请填写参会人员姓名。"]}
    inv.refresh_from_db()
    assert (inv.response, inv.answered_at, AuditEntry.objects.count()) == (
        Response.PENDING,
        None,
        before,
    )
    services.answer_invitation(
        invitation=inv, by=contact, response=Response.LEAVE, reason="馆内同日举办展览开幕"
    )
    inv.refresh_from_db()
    assert (inv.response, inv.reason, inv.delegate) == (Response.LEAVE, "馆内同日举办展览开幕", "")
    services.answer_invitation(
        invitation=inv, by=contact, response=Response.DELEGATE, delegate="钱副馆长"
    )
    inv.refresh_from_db()
    assert (inv.response, inv.reason, inv.delegate) == (Response.DELEGATE, "", "钱副馆长")


def test_only_the_invited_orgs_people_answer(world, client, meeting):
    """西御河 (the convener) sees the meeting, 华西医院 does not: neither answers for 图书馆."""
    inv = _inv(meeting, world, "library")
    with pytest.raises(
        PermissionDenied
    ) as exc:  # a matter of rights (rules.can_answer), not of input
        services.answer_invitation(
            invitation=inv, by=world.users["xiyuhe_admin"], response=Response.ATTEND
        )
    assert str(exc.value) == "只有受邀单位“四川省图书馆”的人员可以答复邀请。"
    client.force_login(world.users["huaxi_contact"])
    assert (
        client.post(
            f"/meetings/{meeting.pk}/answer/", {"invitation": inv.pk, "response": "attend"}
        ).status_code
        == 404
    )
    client.force_login(world.users["xihuamen_admin"])  # may answer for 西华门 only
    client.post(f"/meetings/{meeting.pk}/answer/", {"invitation": inv.pk, "response": "attend"})
    inv.refresh_from_db()
    assert inv.response == Response.PENDING


def test_answering_over_the_api(world, client, meeting):
    url = f"/api/v1/meetings/{meeting.pk}/answer/"
    headers = bearer(world.users["library_contact"])
    bad = client.post(url, data={"response": "leave"}, content_type="application/json", **headers)
    assert bad.status_code == 422
    assert "请假请填写原因" in bad.json()["message"]
    ok = client.post(
        url,
        data={"response": "leave", "reason": "外出培训"},
        content_type="application/json",
        **headers,
    )
    assert ok.status_code == 200
    answers = {i["name"]: (i["response"], i["reason"]) for i in ok.json()["invitations"]}
    assert answers["四川省图书馆"] == ("leave", "外出培训")
    assert answers["西华门社区党委"] == ("pending", "")
    outsider = client.post(
        url,
        data={"response": "attend"},
        content_type="application/json",
        **bearer(world.users["huaxi_contact"]),
    )
    assert outsider.status_code == 404
    # The convener sees the meeting but answers for no invited org: 403, before the body is read.
    headers = bearer(world.users["xiyuhe_admin"])
    before = AuditEntry.objects.count()
    assert (
        client.post(
            url, data={"response": [1]}, content_type="application/json", **headers
        ).status_code
        == 403
    )
    assert AuditEntry.objects.count() == before


def test_an_answer_takes_the_invitation_off_the_to_do_list(world, meeting):
    user = world.users["xihuamen_admin"]
    assert meeting.pk in set(selectors.pending_invitations(user).values_list("pk", flat=True))
    services.answer_invitation(
        invitation=_inv(meeting, world, "xihuamen"), by=user, response=Response.ATTEND
    )
    assert meeting.pk not in set(selectors.pending_invitations(user).values_list("pk", flat=True))


def test_a_closed_meeting_takes_no_more_answers(world, meeting):
    inv = _inv(meeting, world, "museum")
    with counters.tracking(meeting):
        meeting.status = "closed"
        meeting.save(update_fields=["status"])
    inv.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.answer_invitation(invitation=inv, by=None, response=Response.ATTEND)
    assert exc.value.message_dict == {"response": ["会议已闭会，不能再修改。"]}


def test_the_minutes_carry_host_recorder_present_on_leave_and_absent(world, meeting):
    services.answer_invitation(
        invitation=_inv(meeting, world, "library"),
        by=world.users["library_contact"],
        response=Response.LEAVE,
        reason="馆内同日举办展览开幕",
    )
    services.answer_invitation(
        invitation=_inv(meeting, world, "xihuamen"),
        by=world.users["xihuamen_admin"],
        response=Response.ATTEND,
    )
    from wulian.meetings.models import JointMeeting

    counters.update(
        JointMeeting.objects.filter(pk=meeting.pk),
        starts_at=timezone.now() - dt.timedelta(hours=1),
        ends_at=timezone.now() + dt.timedelta(hours=1),
    )
    meeting.refresh_from_db()
    admin = world.users["xiyuhe_admin"]
    services.record_attendance(meeting=meeting, by=admin, name="李书记", org=world.orgs["xihuamen"])
    services.close_meeting(
        meeting=meeting,
        by=admin,
        host="王主任",
        recorder="李干事",
        minutes="纪要",
        decisions=[{"text": "议定"}],
    )
    meeting.refresh_from_db()
    html = render_to_string(
        "meetings/minutes_pdf.html", {"meeting": meeting, **selectors.meeting_detail(meeting)}
    )
    assert "主持人：王主任" in html
    assert "记录人：李干事" in html
    assert "出席：李书记（西华门社区党委）" in html
    assert "请假：四川省图书馆（馆内同日举办展览开幕）" in html
    assert "缺席：成都博物馆" in html
