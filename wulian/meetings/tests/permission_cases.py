"""The permission matrix's rows for joint meetings and action items: pages and API.

Targets (demo): 西御河街道's closed street meeting, 青羊区's coming district meeting and 西华门社区's
coming community meeting; their decisions and action items; an evidence file.

Reading a meeting (detail, calendar, minutes) is open to the orgs taking part in it, wherever it
was held: 西华门社区党委 was invited to the street meeting, 西御河街道 to the district one, while
华西医院 was invited to none. Managing a meeting (invitations, agenda, attendance, closing,
改期/取消, forwarding) stays with the level that holds it: invitees get 404 there. An action item
is open to its lead and co-operating orgs (西华门 leads one and supports another)."""

from wulian.meetings.models import ActionEvent, ActionItem, Decision, JointMeeting
from wulian.web.demo import XIYUHE
from wulian.web.testing import Target, UrlCase

TOPICS = [
    "西御河街道物业矛盾化解党建联席会议",
    "青羊区老旧院落治理党建联席会议",
    "西华门社区院落治理联席会议",
]


def _meetings(world) -> list[Target]:
    """For the level that holds each meeting: by its area only."""
    return [
        Target({"pk": m.pk}, area=m.area)
        for m in JointMeeting.objects.select_related("area").filter(topic__in=TOPICS)
    ]


def _taking_part(item: ActionItem) -> tuple:
    return (item.lead_org, *item.co_orgs.select_related("area"))


def _meetings_taking_part(world) -> list[Target]:
    """For readers: the area, and the orgs invited or tasked."""
    out = []
    for m in JointMeeting.objects.select_related("area").filter(topic__in=TOPICS):
        orgs = [i.org for i in m.invitations.select_related("org__area").exclude(org=None)]
        for item in ActionItem.objects.filter(decision__meeting=m).select_related("lead_org__area"):
            orgs.extend(_taking_part(item))
        out.append(Target({"pk": m.pk}, area=m.area, orgs=tuple(orgs)))
    return out


def _decisions(world) -> list[Target]:
    d = (
        Decision.objects.select_related("meeting__area")
        .filter(meeting__topic="西御河街道物业矛盾化解党建联席会议")
        .first()
    )
    return [Target({"pk": d.pk}, area=d.meeting.area)]


def _items(world) -> list[Target]:
    """One led by a unit (清源物业), one 西华门 supports, one 西华门 leads."""
    items = ActionItem.objects.select_related("decision__meeting__area", "lead_org__area").filter(
        title__in=[
            "公示物业服务收费标准和服务内容",
            "物业服务质量专项检查",
            "建立社区物业矛盾调解室",
        ]
    )
    return [
        Target({"pk": i.pk}, area=i.decision.meeting.area, org=i.lead_org, orgs=_taking_part(i))
        for i in items
    ]


def _evidence(world) -> list[Target]:
    e = (
        ActionEvent.objects.exclude(evidence="")
        .select_related("item__decision__meeting__area", "item__lead_org__area")
        .first()
    )
    return [
        Target(
            {"pk": e.pk},
            area=e.item.decision.meeting.area,
            org=e.item.lead_org,
            orgs=_taking_part(e.item),
        )
    ]


# Stated as data, not by the rules under test (``rules.can_manage``, ``can_report``,
# ``can_mark_done``, ``can_accept``): whoever holds no role at the org concerned is refused (403),
# on pages and over the API before the body is read, though the action and the scope allow.


def _holds_no_role_at(user, *org_ids) -> bool:
    from wulian.accounts.models import Role

    return not Role.objects.filter(user=user, org_id__in=org_ids).exists()


def _not_convener(user, target: Target) -> bool:
    """Managing a meeting (attendance and its QR code, close, 改期, 取消): the convening org's
    people only."""
    return _holds_no_role_at(user, JointMeeting.objects.get(pk=target.kwargs["pk"]).convener_id)


def _not_decisions_convener(user, target: Target) -> bool:
    """Adding an action item to a decision: the convening org's people only."""
    return _holds_no_role_at(user, Decision.objects.get(pk=target.kwargs["pk"]).meeting.convener_id)


def _not_items_convener(user, target: Target) -> bool:
    """验收 / 退回: the convening org's people only."""
    return _holds_no_role_at(
        user, ActionItem.objects.get(pk=target.kwargs["pk"]).decision.meeting.convener_id
    )


def _not_lead(user, target: Target) -> bool:
    """报结: the lead org's people only."""
    return _holds_no_role_at(user, ActionItem.objects.get(pk=target.kwargs["pk"]).lead_org_id)


def _not_taking_part(user, target: Target) -> bool:
    """Progress: the lead or a co-operating org's people only."""
    item = ActionItem.objects.get(pk=target.kwargs["pk"])
    return _holds_no_role_at(user, item.lead_org_id, *item.co_orgs.values_list("pk", flat=True))


def _not_invited(user, target: Target) -> bool:
    """Answering an invitation: the people of an invited org only."""
    from wulian.meetings.models import Invitation

    invited = (
        Invitation.objects.filter(meeting_id=target.kwargs["pk"])
        .exclude(org=None)
        .values_list("org_id", flat=True)
    )
    return _holds_no_role_at(user, *invited)


def _token(world) -> list[Target]:
    from wulian.meetings.services import checkin_token

    return [
        Target(
            {"token": checkin_token(JointMeeting.objects.get(topic="西华门社区院落治理联席会议"))}
        )
    ]


CASES = [
    UrlCase("meetings:list", action="meeting.view", expect=200),
    UrlCase("meetings:create", action="meeting.create", expect=200),
    UrlCase(
        "meetings:create",
        action="meeting.create",
        method="post",
        data=lambda w: {"topic": ""},
        expect=200,
    ),
    UrlCase("meetings:export", action="meeting.export", expect=200),
    UrlCase("meetings:detail", action="meeting.view", targets=_meetings_taking_part, expect=200),
    UrlCase(
        "meetings:invite", action="meeting.update", method="post", targets=_meetings, expect=302
    ),
    UrlCase(
        "meetings:answer",
        action="meeting.answer",
        method="post",
        targets=_meetings_taking_part,
        expect=302,
    ),
    UrlCase(
        "meetings:agenda_add", action="meeting.update", method="post", targets=_meetings, expect=302
    ),
    UrlCase(
        "meetings:attendance_add",
        action="meeting.attend",
        method="post",
        targets=_meetings,
        expect=302,
        refused=_not_convener,
    ),
    UrlCase(
        "meetings:qr",
        action="meeting.attend",
        targets=_meetings,
        expect=200,
        refused=_not_convener,
    ),
    UrlCase(
        "meetings:close",
        action="meeting.close",
        targets=_meetings,
        expect=200,
        refused=_not_convener,
    ),
    UrlCase(
        "meetings:close",
        action="meeting.close",
        method="post",
        targets=_meetings,
        data=lambda w: {"minutes": ""},
        expect=200,
        refused=_not_convener,
    ),
    UrlCase(
        "meetings:reschedule",
        action="meeting.reschedule",
        targets=_meetings,
        expect=200,
        refused=_not_convener,
    ),
    UrlCase(
        "meetings:reschedule",
        action="meeting.reschedule",
        method="post",
        targets=_meetings,
        data=lambda w: {"reason": ""},
        expect=200,
        refused=_not_convener,
    ),
    UrlCase(
        "meetings:cancel",
        action="meeting.cancel",
        targets=_meetings,
        expect=200,
        refused=_not_convener,
    ),
    UrlCase(
        "meetings:cancel",
        action="meeting.cancel",
        method="post",
        targets=_meetings,
        data=lambda w: {"reason": ""},
        expect=200,
        refused=_not_convener,
    ),
    UrlCase("meetings:ics", action="meeting.view", targets=_meetings_taking_part, expect=200),
    UrlCase("meetings:minutes_pdf", action="meeting.view", targets=_meetings_taking_part),
    UrlCase("meetings:checkin", action="meeting.checkin", targets=_token, expect=200),
    UrlCase("meetings:forward", action="decision.forward", targets=_decisions, expect=200),
    UrlCase(
        "meetings:forward", action="decision.forward", method="post", targets=_decisions, expect=200
    ),
    UrlCase(
        "meetings:action_add",
        action="action_item.create",
        targets=_decisions,
        expect=200,
        refused=_not_decisions_convener,
    ),
    UrlCase(
        "meetings:action_add",
        action="action_item.create",
        method="post",
        targets=_decisions,
        expect=200,
        refused=_not_decisions_convener,
    ),
    UrlCase("meetings:action_list", action="action_item.view", expect=200),
    UrlCase("meetings:action_export", action="action_item.export", expect=200),
    UrlCase("meetings:action_detail", action="action_item.view", targets=_items, expect=200),
    UrlCase(
        "meetings:action_progress",
        action="action_item.report",
        method="post",
        targets=_items,
        expect=302,
        refused=_not_taking_part,
    ),
    UrlCase(
        "meetings:action_done",
        action="action_item.report",
        method="post",
        targets=_items,
        expect=302,
        refused=_not_lead,
    ),
    UrlCase(
        "meetings:action_accept",
        action="action_item.accept",
        method="post",
        targets=_items,
        expect=302,
        refused=_not_items_convener,
    ),
    UrlCase(
        "meetings:action_return",
        action="action_item.accept",
        method="post",
        targets=_items,
        expect=302,
        refused=_not_items_convener,
    ),
    UrlCase("meetings:evidence", action="action_item.view", targets=_evidence, expect=200),
    # API
    UrlCase("api:meeting_list", action="meeting.view", api=True, expect=200),
    UrlCase(
        "api:meeting_create",
        action="meeting.create",
        api=True,
        method="post",
        expect=422,
        data=lambda w: {
            "area": XIYUHE,
            "topic": "",
            "place": "",
            "starts_at": "2030-01-01T09:00:00+08:00",
            "ends_at": "2030-01-01T10:00:00+08:00",
        },
    ),
    UrlCase(
        "api:meeting_detail",
        action="meeting.view",
        api=True,
        targets=_meetings_taking_part,
        expect=200,
    ),
    UrlCase(
        "api:meeting_invite",
        action="meeting.update",
        api=True,
        method="post",
        targets=_meetings,
        data=lambda w: {"orgs": []},
        expect=422,
    ),
    UrlCase(
        "api:meeting_answer",
        action="meeting.answer",
        api=True,
        method="post",
        targets=_meetings_taking_part,
        data=lambda w: {"response": "attend"},
        refused=_not_invited,
    ),
    UrlCase(
        "api:meeting_agenda_add",
        action="meeting.update",
        api=True,
        method="post",
        targets=_meetings,
        data=lambda w: {"title": ""},
        expect=422,
    ),
    UrlCase(
        "api:meeting_attendance_add",
        action="meeting.attend",
        api=True,
        method="post",
        targets=_meetings,
        data=lambda w: {"name": ""},
        expect=422,
        refused=_not_convener,
    ),
    UrlCase(
        "api:meeting_checkin",
        action="meeting.checkin",
        api=True,
        method="post",
        data=lambda w: {"token": "bad"},
        expect=422,
    ),
    UrlCase(
        "api:meeting_close",
        action="meeting.close",
        api=True,
        method="post",
        targets=_meetings,
        data=lambda w: {"minutes": ""},
        expect=422,
        refused=_not_convener,
    ),
    UrlCase(
        "api:meeting_reschedule",
        action="meeting.reschedule",
        api=True,
        method="post",
        targets=_meetings,
        data=lambda w: {"reason": ""},
        expect=422,
        refused=_not_convener,
    ),
    UrlCase(
        "api:meeting_cancel",
        action="meeting.cancel",
        api=True,
        method="post",
        targets=_meetings,
        data=lambda w: {"reason": ""},
        expect=422,
        refused=_not_convener,
    ),
    UrlCase(
        "api:decision_forward",
        action="decision.forward",
        api=True,
        method="post",
        targets=_decisions,
        data=lambda w: {"to_meeting": 999_999_999},
        expect=422,
    ),
    UrlCase(
        "api:action_item_create",
        action="action_item.create",
        api=True,
        method="post",
        targets=_decisions,
        data=lambda w: {},
        expect=422,
        refused=_not_decisions_convener,
    ),
    UrlCase("api:action_item_list", action="action_item.view", api=True, expect=200),
    UrlCase(
        "api:action_item_detail", action="action_item.view", api=True, targets=_items, expect=200
    ),
    UrlCase(
        "api:action_item_progress",
        action="action_item.report",
        api=True,
        method="post",
        targets=_items,
        data=lambda w: {"text": ""},
        expect=422,
        refused=_not_taking_part,
    ),
    UrlCase(
        "api:action_item_done",
        action="action_item.report",
        api=True,
        method="post",
        targets=_items,
        data=lambda w: {"text": ""},
        expect=422,
        refused=_not_lead,
    ),
    UrlCase(
        "api:action_item_accept",
        action="action_item.accept",
        api=True,
        method="post",
        targets=_items,
        data=lambda w: {},
        expect=422,
        refused=_not_items_convener,
    ),
    UrlCase(
        "api:action_item_return",
        action="action_item.accept",
        api=True,
        method="post",
        targets=_items,
        data=lambda w: {"reason": ""},
        expect=422,
        refused=_not_items_convener,
    ),
]
