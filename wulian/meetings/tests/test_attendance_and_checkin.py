import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wulian.meetings import services
from wulian.meetings.models import Attendance, CheckinVia


def test_attendance_is_recorded_once_per_person_and_org(world, street_meeting):
    admin = world.users["xiyuhe_admin"]
    a = services.record_attendance(
        meeting=street_meeting, by=admin, name="张科长", org=world.orgs["dept_housing"]
    )
    assert (a.name, a.org, a.via) == ("张科长", world.orgs["dept_housing"], CheckinVia.MANUAL)
    with pytest.raises(ValidationError) as exc:
        services.record_attendance(
            meeting=street_meeting, by=admin, name="张科长", org=world.orgs["dept_housing"]
        )
    assert "已登记" in exc.value.message_dict["name"][0]
    assert street_meeting.attendances.count() == 1


def test_scanning_the_qr_code_checks_an_invitee_in_exactly_once_under_the_name_of_who_came(
    world, street_meeting, client
):
    """The contact's account (四川省图书馆联络员) names a post, not a person: the page asks who came."""
    contact = world.users["library_contact"]  # 四川省图书馆 is invited
    client.force_login(contact)
    token = services.checkin_token(street_meeting)
    url = reverse("meetings:checkin", kwargs={"token": token})
    ask = client.get(url).content.decode()
    assert 'id="checkin-form"' in ask
    assert Attendance.objects.filter(meeting=street_meeting).count() == 0
    first = client.post(url, {"name": "赵馆员"})
    second = client.get(url)
    assert "签到成功" in first.content.decode()
    assert "无需重复签到" in second.content.decode()
    rows = list(Attendance.objects.filter(meeting=street_meeting, user=contact))
    assert [(r.via, r.org, r.name) for r in rows] == [
        (CheckinVia.QR, world.orgs["library"], "赵馆员")
    ]


def test_a_scan_records_the_accounts_person(world, street_meeting, client):
    member = world.users["member_demo"]  # linked to 王建国
    services.invite(meeting=street_meeting, by=world.users["xiyuhe_admin"], people=[member.person])
    client.force_login(member)
    body = client.get(
        reverse("meetings:checkin", kwargs={"token": services.checkin_token(street_meeting)})
    )
    assert "签到成功" in body.content.decode()
    row = Attendance.objects.get(meeting=street_meeting, user=member)
    assert (row.name, row.person, row.via) == ("王建国", member.person, CheckinVia.QR)


def test_a_delegates_name_is_offered_when_the_org_sent_one(world, street_meeting, client):
    from wulian.meetings.models import Response

    inv = street_meeting.invitations.get(org=world.orgs["library"])
    services.answer_invitation(
        invitation=inv,
        by=world.users["library_contact"],
        response=Response.DELEGATE,
        delegate="钱副馆长",
    )
    client.force_login(world.users["library_contact"])
    page = client.get(
        reverse("meetings:checkin", kwargs={"token": services.checkin_token(street_meeting)})
    )
    assert 'value="钱副馆长"' in page.content.decode()


def test_the_qr_page_shows_an_svg_code_of_a_signed_checkin_url(world, street_meeting, client):
    client.force_login(world.users["xiyuhe_admin"])
    body = client.get(reverse("meetings:qr", kwargs={"pk": street_meeting.pk})).content.decode()
    assert "<svg" in body
    assert "/meetings/checkin/" in body


def test_someone_not_invited_cannot_check_in(world, street_meeting):
    with pytest.raises(ValidationError) as exc:
        services.checkin(
            token=services.checkin_token(street_meeting), by=world.users["huaxi_contact"]
        )
    assert "邀请名单" in exc.value.message_dict["token"][0]
    assert street_meeting.attendances.count() == 0


def test_an_expired_or_forged_token_is_refused(world, street_meeting, settings):
    settings.WULIAN_CHECKIN_MAX_AGE = 3600
    token = services.checkin_token(street_meeting)
    with (
        time_machine.travel(timezone.now() + dt.timedelta(hours=2), tick=False),
        pytest.raises(ValidationError) as exc,
    ):
        services.checkin(token=token, by=world.users["library_contact"])
    assert "过期" in exc.value.message_dict["token"][0]
    with pytest.raises(ValidationError) as exc:
        services.checkin(token=token[:-2] + "xx", by=world.users["library_contact"])
    assert "无效" in exc.value.message_dict["token"][0]
    assert street_meeting.attendances.count() == 0
