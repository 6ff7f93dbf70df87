"""Permission-aware reads of meetings and action items, their colours and the to-dos."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol, TypeVar

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import Role
from wulian.accounts.rules import has_action
from wulian.accounts.selectors import Scope, is_signed_in, scope_for
from wulian.areas.models import Area
from wulian.meetings.models import (
    ActionEvent,
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    EventKind,
    Invitation,
    JointMeeting,
    MeetingStatus,
    Response,
)
from wulian.orgs.models import Kind, Org

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User

YELLOW_WORKING_DAYS = 3


def visible_meetings(user: User | AnonymousUser | None) -> QuerySet[JointMeeting]:
    """Meetings held in the user's subtrees; meetings in which an org the user answers for
    (``Scope.orgs_q``: the user's own orgs, and for area staff every org of their subtrees) was
    invited, or leads or supports an action item, wherever the meeting was held; and meetings
    whose decision was forwarded to a meeting held in the user's subtrees (the lineage link)."""
    scope = scope_for(user)
    q = scope.paths_q("area")
    if scope.own_org_ids or scope.area_paths:
        q |= Q(pk__in=Invitation.objects.filter(scope.orgs_q("org")).values("meeting_id"))
        q |= Q(pk__in=_tasked_items(scope).values("decision__meeting_id"))
    if scope.area_paths:
        q |= Q(
            pk__in=AgendaItem.objects.filter(
                scope.paths_q("meeting__area"), source_decision__isnull=False
            ).values("source_decision__meeting_id")
        )
    return JointMeeting.objects.filter(q).select_related("area", "convener")


def managed_meetings(user: User | AnonymousUser | None) -> QuerySet[JointMeeting]:
    """Meetings held in the user's subtrees: those the user's level invites to, sets the agenda
    of, records attendance at, closes, reschedules or cancels (the services check the convener)."""
    return JointMeeting.objects.filter(scope_for(user).paths_q("area")).select_related(
        "area", "convener"
    )


def forward_targets(meeting: JointMeeting) -> QuerySet[JointMeeting]:
    """The meetings a decision of ``meeting`` may be forwarded to: those not yet held at the level
    directly above or below it."""
    area = meeting.area
    return (
        JointMeeting.objects.filter(
            Q(area_id=area.parent_id) | Q(area__parent_id=area.pk),
            status=MeetingStatus.SCHEDULED,
        )
        .select_related("area")
        .order_by("starts_at")
    )


def forward_choices(
    user: User | AnonymousUser | None, meeting: JointMeeting
) -> QuerySet[JointMeeting]:
    """The meetings an API body may name to forward a decision of ``meeting`` to: its
    ``forward_targets`` and any meeting the user sees (the service then says why one is no target)."""
    return JointMeeting.objects.filter(
        Q(pk__in=forward_targets(meeting).values("pk"))
        | Q(pk__in=visible_meetings(user).values("pk"))
    ).select_related("area")


def _tasked_items(scope: Scope) -> QuerySet[ActionItem]:
    """Action items led or supported by an org the user answers for."""
    co = ActionItem.co_orgs.through.objects.filter(scope.orgs_q("org")).values("actionitem_id")
    return ActionItem.objects.filter(scope.orgs_q("lead_org") | Q(pk__in=co))


def visible_action_items(user: User | AnonymousUser | None) -> QuerySet[ActionItem]:
    """Action items of meetings held in the user's subtrees, and items led or supported by an
    org the user answers for, wherever the meeting was held (the upper level an item escalated
    to holds the meeting's area in its subtree)."""
    scope = scope_for(user)
    q = scope.paths_q("decision__meeting__area")
    if scope.own_org_ids or scope.area_paths:
        q |= Q(pk__in=_tasked_items(scope).values("pk"))
    return ActionItem.objects.filter(q).select_related(
        "decision__meeting__area", "decision__meeting__convener", "lead_org", "escalated_to"
    )


def conveners_for(area: Area) -> QuerySet[Org]:
    """Who may convene a meeting at an area: its leading org or its governance committee."""
    return Org.objects.filter(Q(leads=area) | Q(kind=Kind.GOVERNANCE_COMMITTEE, area=area))


def level_org(area: Area) -> Org | None:
    """The org that answers for an area: its leading org, else its governance committee."""
    orgs = list(conveners_for(area))
    orgs.sort(key=lambda o: 0 if o.leads_id else 1)
    return orgs[0] if orgs else None


def own_org_ids(user: User | AnonymousUser | None) -> frozenset[int]:
    """The orgs the user works for (admins, staff, unit contacts): who acts for an invited or a
    lead org. Party members and residents holding a role at an org do not act for it."""
    return scope_for(user).own_org_ids


def user_org_ids(user: User | AnonymousUser | None) -> set[int]:
    if not is_signed_in(user):
        return set()
    cached = getattr(user, "_wulian_org_ids", None)
    if cached is None:
        cached = set(
            Role.objects.filter(user=user, org__isnull=False).values_list("org_id", flat=True)
        )
        user._wulian_org_ids = cached
    return cached


def invitable_orgs(area: Area) -> QuerySet[Org]:
    """Orgs a meeting at ``area`` may invite or task: those under the level directly above
    (so a street meeting may call in units of neighbouring streets of its district), the
    departments (lines) and the orgs of the levels above."""
    codes = area.ancestor_codes()
    base = area.path[: -len(area.code) - 1] if area.parent_id else area.path
    return Org.objects.filter(
        Q(area__path__startswith=base) | Q(kind=Kind.DEPARTMENT) | Q(area__code__in=codes)
    ).select_related("area")


def is_invited(meeting: JointMeeting, user: User) -> Org | None | bool:
    """The invited org the user represents, True when invited in person, else False."""
    orgs = user_org_ids(user)
    if orgs:
        inv = meeting.invitations.filter(org_id__in=orgs).select_related("org").first()
        if inv is not None:
            return inv.org
    return bool(user.person_id and meeting.invitations.filter(person_id=user.person_id).exists())


# --- working days and colours ---------------------------------------------------------------


class WorkCalendar(Protocol):
    """What colours a due date: the duties app's holiday calendar, or Monday to Friday."""

    def status_colour(self, due: dt.date, today: dt.date) -> str: ...


_Items = TypeVar("_Items", bound=Iterable[ActionItem])


class _WeekdayCalendar:
    """Monday to Friday: the fallback when the duties app's holiday calendar is not installed."""

    def status_colour(self, due: dt.date, today: dt.date) -> str:
        if due < today:
            return "red"
        n, day = 0, today
        while day < due and n <= YELLOW_WORKING_DAYS:
            day += dt.timedelta(days=1)
            n += day.weekday() < 5
        return "yellow" if n <= YELLOW_WORKING_DAYS else "green"


def work_calendar(today: dt.date) -> WorkCalendar:
    """The duties app's working-day calendar (法定节假日 and 调休, one query for a month ahead)."""
    try:
        from wulian.duties.calendar import calendar_for_today
    except ImportError:
        return _WeekdayCalendar()
    return calendar_for_today(today)


def colour(
    item: ActionItem, today: dt.date | None = None, calendar: WorkCalendar | None = None
) -> str:
    """green: on time, reported done or accepted; yellow: due within 3 working days; red: overdue."""
    today = today or timezone.localdate()
    if item.status != ActionStatus.OPEN:
        return "green"
    return (calendar or work_calendar(today)).status_colour(item.due_on, today)


def with_colours(items: _Items, today: dt.date | None = None) -> _Items:
    today = today or timezone.localdate()
    calendar = work_calendar(today)
    for item in items:
        item.colour = colour(item, today, calendar)
    return items


# --- to-dos ---------------------------------------------------------------------------------


def answerable_invitations(
    user: User | AnonymousUser | None, meeting: JointMeeting
) -> list[Invitation]:
    """The meeting's invitations of the orgs the user works for (what the user may answer)."""
    orgs = own_org_ids(user)
    if not orgs:
        return []
    return list(meeting.invitations.filter(org_id__in=orgs).select_related("org", "meeting"))


def pending_invitations(user: User) -> QuerySet[JointMeeting]:
    """Coming meetings that invited an org the user works for (or the user in person), not yet
    answered and not yet attended by the user."""
    orgs = own_org_ids(user)
    unanswered = Invitation.objects.filter(response=Response.PENDING)
    q = Q(pk__in=unanswered.filter(org_id__in=orgs).values("meeting_id")) if orgs else Q(pk__in=[])
    if user.person_id:
        q |= Q(pk__in=unanswered.filter(person_id=user.person_id).values("meeting_id"))
    return JointMeeting.objects.filter(
        q, status=MeetingStatus.SCHEDULED, ends_at__gte=timezone.now()
    ).exclude(pk__in=Attendance.objects.filter(user=user).values("meeting_id"))


def todos(user: User) -> list[dict]:
    items: list[dict] = []
    items.append(
        {
            "label": _("联席会议邀请"),
            "url": reverse("meetings:list") + "?invited=1",
            "count": pending_invitations(user).count(),
            "level": "info",
        }
    )
    orgs = own_org_ids(user)
    if orgs and has_action(user, "action_item.report"):
        n = ActionItem.objects.filter(lead_org_id__in=orgs, status=ActionStatus.OPEN).count()
        items.append(
            {
                "label": _("本单位牵头的督办事项"),
                "url": reverse("meetings:action_list") + "?mine=1",
                "count": n,
                "level": "warning",
            }
        )
    if orgs and has_action(user, "action_item.accept"):
        n = ActionItem.objects.filter(
            decision__meeting__convener_id__in=orgs, status=ActionStatus.DONE
        ).count()
        items.append(
            {
                "label": _("待验收的督办事项"),
                "url": reverse("meetings:action_list") + "?status=done",
                "count": n,
                "level": "info",
            }
        )
        reached = ActionEvent.objects.filter(kind=EventKind.ESCALATED, by_org_id__in=orgs).values(
            "item_id"
        )
        n = ActionItem.objects.filter(pk__in=reached).exclude(status=ActionStatus.ACCEPTED).count()
        items.append(
            {
                "label": _("下级升级督办的事项"),
                "url": reverse("meetings:action_list") + "?escalated=1",
                "count": n,
                "level": "danger",
            }
        )
    return items


def convening_areas(user: User | AnonymousUser | None) -> list[Area]:
    """The areas at which the user's orgs may convene a meeting (led areas, committees' areas)."""
    orgs = Org.objects.filter(pk__in=user_org_ids(user)).select_related("leads", "area")
    areas = {o.leads or o.area for o in orgs if o.leads_id or o.kind == Kind.GOVERNANCE_COMMITTEE}
    return sorted(areas, key=lambda a: a.path)


def roll_call(invitations: list[Invitation], attendances: list[Attendance]) -> dict:
    """出席 / 请假 / 缺席 for the minutes: who came; the invitees who asked for leave (with the
    reason); the invitees who neither came (nobody signed in for the org or the person) nor asked
    for leave."""
    came_orgs = {a.org_id for a in attendances if a.org_id}
    came_people = {a.person_id for a in attendances if a.person_id}
    leave = [i for i in invitations if i.response == Response.LEAVE]
    absent = [
        i
        for i in invitations
        if i.response != Response.LEAVE
        and not (i.org_id in came_orgs if i.org_id else i.person_id in came_people)
    ]
    return {"present": attendances, "on_leave": leave, "absent": absent}


def meeting_detail(meeting: JointMeeting) -> dict:
    """Everything the detail page and the minutes PDF show, in a fixed number of queries."""
    decisions = list(
        meeting.decisions.select_related("agenda_item").prefetch_related(
            "action_items__lead_org",
            "action_items__co_orgs",
            "action_items__escalated_to",
            "forwarded_as__meeting__area",
        )
    )
    for d in decisions:
        with_colours(d.action_items.all())
    invitations = list(meeting.invitations.select_related("org", "person"))
    attendances = list(meeting.attendances.select_related("org"))
    return {
        "invitations": invitations,
        "attendances": attendances,
        **roll_call(invitations, attendances),
        "agenda": list(
            meeting.agenda_items.select_related(
                "case", "source_decision__meeting__area", "source_decision__meeting__convener"
            )
        ),
        "decisions": decisions,
        "changes": list(meeting.changes.select_related("by")),
    }
