"""Managing a meeting (close, 改期, 取消, add action items, accept or return) belongs to its
convening org, reporting on an item to its lead (or a co-operating) org: anyone else is refused
as a matter of rights (403, ``rules.can_<verb>``), on pages and over the API before the body is
read, and nothing changes. A refusal of rights is never a 400/422."""

import pytest
from django.core.exceptions import PermissionDenied

from wulian.accounts.services import create_token
from wulian.audit.models import AuditEntry
from wulian.meetings import rules, services
from wulian.meetings.models import ActionItem, ActionStatus, JointMeeting, MeetingStatus

pytestmark = pytest.mark.django_db

BAD = '{"minutes": [1], "reason": [1], "text": [1], "note": [1], "lead_org": "x"}'


@pytest.fixture
def item(closed_meeting):
    return ActionItem.objects.get(decision__meeting=closed_meeting)


@pytest.fixture
def post(client, world):
    """POST a bad body as a user, with a token made beforehand (making one is audited)."""
    tokens: dict = {}

    def call(user, url):
        user = world.users[user] if isinstance(user, str) else user
        token = tokens.get(user.pk) or tokens.setdefault(user.pk, create_token(user=user, by=None))
        return client.post(
            url, data=BAD, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
        )

    def prepare(*users):
        for user in users:
            user = world.users[user] if isinstance(user, str) else user
            tokens[user.pk] = create_token(user=user, by=None)

    call.prepare = prepare
    return call


def test_the_predicates_name_the_convener_the_lead_and_the_co_orgs(world, item, pm_contact):
    meeting = item.decision.meeting
    convener, district, co = (
        world.users["xiyuhe_admin"],
        world.users["qingyang_admin"],
        world.users["library_contact"],
    )
    assert (rules.can_manage(convener, meeting), rules.can_manage(district, meeting)) == (
        True,
        False,
    )
    assert (rules.can_accept(convener, item), rules.can_accept(district, item)) == (True, False)
    assert (rules.can_report(pm_contact, item), rules.can_mark_done(pm_contact, item)) == (
        True,
        True,
    )
    assert (rules.can_report(co, item), rules.can_mark_done(co, item)) == (
        False,
        False,
    )  # supports nothing here
    assert (rules.can_report(convener, item), rules.can_mark_done(convener, item)) == (False, False)


def test_rescheduling_or_cancelling_another_levels_meeting_is_refused_with_403(
    world, street_meeting
):
    before = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied):
        services.cancel_meeting(
            meeting=street_meeting, by=world.users["qingyang_admin"], reason="另有安排"
        )
    with pytest.raises(PermissionDenied):
        services.reschedule_meeting(
            meeting=street_meeting,
            by=world.users["qingyang_admin"],
            reason="另有安排",
            starts_at=street_meeting.starts_at,
            ends_at=street_meeting.ends_at,
        )
    assert (JointMeeting.objects.get(pk=street_meeting.pk).status, AuditEntry.objects.count()) == (
        MeetingStatus.SCHEDULED,
        before,
    )


def test_the_api_refuses_a_non_convener_with_403_before_reading_the_body(
    world, post, street_meeting
):
    """Found converting the rights to one vocabulary: the API read the body first (422 naming
    its fields) and the service then answered 422 with a "convener" field."""
    post.prepare("qingyang_admin", "xiyuhe_admin")
    before = AuditEntry.objects.count()
    for path in ("close", "reschedule", "cancel"):
        url = f"/api/v1/meetings/{street_meeting.pk}/{path}/"
        assert post("qingyang_admin", url).status_code == 403, url
        assert post("xiyuhe_admin", url).status_code == 422, url
    assert AuditEntry.objects.count() == before


def test_the_api_refuses_items_to_others_than_the_lead_and_the_convener_before_the_body(
    world, post, item, pm_contact
):
    decision = item.decision
    cases = [
        (
            f"/api/v1/meetings/decisions/{decision.pk}/action-items/",
            "qingyang_admin",
            "xiyuhe_admin",
        ),
        (f"/api/v1/meetings/action-items/{item.pk}/progress/", "xiyuhe_admin", pm_contact),
        (f"/api/v1/meetings/action-items/{item.pk}/done/", "xiyuhe_admin", pm_contact),
        (f"/api/v1/meetings/action-items/{item.pk}/accept/", "qingyang_admin", "xiyuhe_admin"),
        (f"/api/v1/meetings/action-items/{item.pk}/return/", "qingyang_admin", "xiyuhe_admin"),
    ]
    post.prepare("qingyang_admin", "xiyuhe_admin", pm_contact)
    before = AuditEntry.objects.count()
    for url, refused, allowed in cases:
        assert post(refused, url).status_code == 403, url
        assert post(allowed, url).status_code == 422, url
    assert (ActionItem.objects.get(pk=item.pk).status, AuditEntry.objects.count()) == (
        ActionStatus.OPEN,
        before,
    )


def test_pages_refuse_a_non_convener_with_403_and_hide_the_buttons(
    world, client, login, street_meeting
):
    login("qingyang_admin")
    page = client.get(f"/meetings/{street_meeting.pk}/")
    assert (page.status_code, page.context["can_close"], page.context["can_cancel"]) == (
        200,
        False,
        False,
    )
    for path in ("close", "reschedule", "cancel"):
        assert client.get(f"/meetings/{street_meeting.pk}/{path}/").status_code == 403, path
        assert (
            client.post(f"/meetings/{street_meeting.pk}/{path}/", {"reason": "x"}).status_code
            == 403
        ), path
    assert JointMeeting.objects.get(pk=street_meeting.pk).status == MeetingStatus.SCHEDULED


def test_item_pages_refuse_others_with_403_and_hide_the_buttons(world, client, login, item):
    login("qingyang_admin")
    page = client.get(f"/meetings/actions/{item.pk}/")
    assert (
        page.status_code,
        page.context["can_report"],
        page.context["can_done"],
        page.context["can_accept"],
    ) == (200, False, False, False)
    for path in ("progress", "done", "accept", "return"):
        assert (
            client.post(
                f"/meetings/actions/{item.pk}/{path}/", {"text": "x", "reason": "x"}
            ).status_code
            == 403
        )
    assert client.get(f"/meetings/decisions/{item.decision_id}/actions/new/").status_code == 403
    assert (ActionItem.objects.get(pk=item.pk).status, item.events.count()) == (
        ActionStatus.OPEN,
        1,
    )


def test_recording_attendance_is_the_conveners_as_closing_is(world, post, street_meeting):
    """Found by an attacker probe: 青羊区's admin, above the street, recorded who came to the
    street's meeting (201), which holds the meeting (no more 改期 / 取消) for its convener."""
    with pytest.raises(PermissionDenied):
        services.record_attendance(
            meeting=street_meeting, by=world.users["qingyang_admin"], name="王主任"
        )
    post.prepare("qingyang_admin", "xiyuhe_admin")
    before = AuditEntry.objects.count()
    url = f"/api/v1/meetings/{street_meeting.pk}/attendances/"
    assert post("qingyang_admin", url).status_code == 403
    assert post("xiyuhe_admin", url).status_code == 422
    assert (street_meeting.attendances.count(), AuditEntry.objects.count()) == (0, before)


def test_the_attendance_page_and_qr_code_refuse_a_non_convener_with_403(
    world, client, login, street_meeting
):
    login("qingyang_admin")
    page = client.get(f"/meetings/{street_meeting.pk}/")
    assert (page.status_code, page.context["can_attend"]) == (200, False)
    posted = client.post(f"/meetings/{street_meeting.pk}/attendance/", {"name": "王主任"})
    assert posted.status_code == 403
    assert client.get(f"/meetings/{street_meeting.pk}/qr/").status_code == 403
    assert street_meeting.attendances.count() == 0
