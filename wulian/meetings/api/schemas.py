"""What the meetings API takes and answers."""

import datetime as dt

from django.utils import timezone
from ninja import Schema

from wulian.core.bounds import Date, DateTime, Id
from wulian.meetings import selectors
from wulian.meetings.models import ActionStatus, MeetingStatus, Response


class MeetingData(Schema):
    id: int
    area: str
    area_name: str
    convener: int
    convener_name: str
    topic: str
    place: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: MeetingStatus
    minutes: str


class MeetingOut(MeetingData):
    @staticmethod
    def resolve_area(obj):
        return obj.area.code

    @staticmethod
    def resolve_area_name(obj):
        return obj.area.name

    @staticmethod
    def resolve_convener(obj):
        return obj.convener_id

    @staticmethod
    def resolve_convener_name(obj):
        return obj.convener.name


class InvitationOut(Schema):
    id: int
    org: int | None = None
    person: int | None = None
    name: str
    response: Response
    reason: str
    delegate: str
    answered_at: dt.datetime | None


class AttendanceOut(Schema):
    id: int
    name: str
    org: int | None
    via: str
    checked_in_at: dt.datetime


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    note: str
    case: int | None
    source_decision: int | None
    source_meeting: int | None


class ActionItemData(Schema):
    id: int
    decision: int
    meeting: int
    title: str
    lead_org: int
    lead_org_name: str
    co_orgs: list[int]
    responsible: str
    due_on: dt.date
    done_criteria: str
    status: ActionStatus
    colour: str
    escalated_at: dt.datetime | None
    escalated_to: int | None
    escalation_level: int


class ActionItemOut(ActionItemData):
    @staticmethod
    def resolve_decision(obj):
        return obj.decision_id

    @staticmethod
    def resolve_meeting(obj):
        return obj.decision.meeting_id

    @staticmethod
    def resolve_lead_org(obj):
        return obj.lead_org_id

    @staticmethod
    def resolve_lead_org_name(obj):
        return obj.lead_org.name

    @staticmethod
    def resolve_co_orgs(obj):
        return [o.pk for o in obj.co_orgs.all()]

    @staticmethod
    def resolve_colour(obj, context):
        """One working-day calendar per request (one query), whatever the page size."""
        if getattr(obj, "colour", None):
            return obj.colour
        request = context["request"]
        if not hasattr(request, "_wulian_calendar"):
            request._wulian_today = timezone.localdate()
            request._wulian_calendar = selectors.work_calendar(request._wulian_today)
        return selectors.colour(obj, request._wulian_today, request._wulian_calendar)

    @staticmethod
    def resolve_escalated_to(obj):
        return obj.escalated_to_id


class ForwardOut(Schema):
    meeting: int
    agenda_item: int


class DecisionOut(Schema):
    id: int
    position: int
    text: str
    agenda_item: int | None
    action_items: list[ActionItemOut]
    forwarded_to: list[ForwardOut]


class ChangeOut(Schema):
    id: int
    kind: str
    old_starts_at: dt.datetime
    old_ends_at: dt.datetime
    new_starts_at: dt.datetime | None
    new_ends_at: dt.datetime | None
    reason: str
    by: int | None
    at: dt.datetime


class MeetingDetailOut(MeetingData):
    host: str
    recorder: str
    sequence: int
    changes: list[ChangeOut]
    invitations: list[InvitationOut]
    attendances: list[AttendanceOut]
    agenda: list[AgendaItemOut]
    decisions: list[DecisionOut]


class EventOut(Schema):
    id: int
    kind: str
    text: str
    by_org: int | None
    at: dt.datetime
    has_evidence: bool


class ActionItemDetailOut(ActionItemData):
    events: list[EventOut]


class MeetingIn(Schema):
    area: str
    topic: str
    place: str
    starts_at: DateTime
    ends_at: DateTime
    host: str = ""
    recorder: str = ""
    convener: Id | None = None
    invite_orgs: list[Id] = []
    invite_people: list[Id] = []
    agenda: list[str] = []


class RescheduleIn(Schema):
    starts_at: DateTime | None = None
    ends_at: DateTime | None = None
    reason: str = ""


class CancelIn(Schema):
    reason: str = ""


class InviteIn(Schema):
    orgs: list[Id] = []
    people: list[Id] = []


class AgendaIn(Schema):
    title: str = ""
    note: str = ""
    case: Id | None = None


class AnswerIn(Schema):
    response: Response
    reason: str = ""
    delegate: str = ""
    invitation: Id | None = None  # needed only when the user works for several invited orgs


class AttendanceIn(Schema):
    name: str
    org: Id | None = None


class CheckinIn(Schema):
    token: str
    name: str = ""  # who came, for an account without a linked person


class ActionIn(Schema):
    title: str = ""
    lead_org: Id | None = None
    co_orgs: list[Id] = []
    responsible: str = ""
    due_on: Date | None = None
    done_criteria: str = ""


class MeetingDecisionIn(Schema):
    text: str
    agenda_item: Id | None = None
    action_items: list[ActionIn] = []


class CloseIn(Schema):
    minutes: str
    host: str = ""
    recorder: str = ""
    decisions: list[MeetingDecisionIn] = []


class ForwardIn(Schema):
    to_meeting: Id
    note: str = ""


class TextIn(Schema):
    text: str


class NoteIn(Schema):
    note: str = ""


class MeetingReasonIn(Schema):
    reason: str
