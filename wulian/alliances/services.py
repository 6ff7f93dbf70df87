"""Every change to alliances and part-time committee members."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.alliances.models import (
    ActivityKind,
    Alliance,
    AllianceActivity,
    AllianceMember,
    LedActivity,
    PartTimeMember,
)
from wulian.areas.models import Level
from wulian.audit.services import record, snapshot
from wulian.core import channels, counters
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.orgs.models import Kind, Org

if TYPE_CHECKING:
    from wulian.people.models import Person

REMIND_DAYS = 30  # days before a term ends that the committee's admins are told


def _attendance(value: Any, field: str = "attendance") -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("参加人数应为整数。")}) from None
    if number < 0:
        raise ValidationError({field: _("参加人数不能为负数。")})
    return number


def create_alliance(
    *,
    by: User | None,
    name: str,
    lead_org: Org | None,
    description: str = "",
    founded_on: dt.date | None = None,
    members: Iterable[Org] = (),
) -> Alliance:
    require(by, "alliance.create")
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("请填写联盟名称。")
    if lead_org is None or not lead_org.leads_id:
        errors["lead_org"] = _("牵头组织必须是领导某一区域的党组织。")
    if errors or lead_org is None or lead_org.leads is None:
        raise ValidationError(errors)
    require_area(by, lead_org.leads.path)
    with transaction.atomic():
        try:
            with transaction.atomic():
                alliance = Alliance.objects.create(
                    name=name[:100],
                    lead_org=lead_org,
                    area=lead_org.leads,
                    description=(description or "").strip(),
                    founded_on=founded_on,
                )
                counters.created(alliance)
        except IntegrityError:
            raise ValidationError({"name": _("本区域已有同名联盟。")}) from None
        for org in members:
            if org.pk != lead_org.pk:
                AllianceMember.objects.get_or_create(
                    alliance=alliance, org=org, defaults={"joined_on": founded_on}
                )
        record(
            actor=by,
            action="alliance.create",
            obj=alliance,
            after=snapshot(alliance) | {"members": [o.pk for o in members]},
        )
    return alliance


def add_alliance_member(
    *, by: User | None, alliance: Alliance, org: Org, joined_on: dt.date | None = None
) -> AllianceMember:
    require(by, "alliance.manage")
    require_area(by, alliance.area.path)
    if org is None:
        raise ValidationError({"org": _("请选择成员单位。")})
    if org.pk == alliance.lead_org_id:
        raise ValidationError({"org": _("牵头党组织无须再加入为成员。")})
    with transaction.atomic():
        try:
            with transaction.atomic():
                member = AllianceMember.objects.create(
                    alliance=alliance, org=org, joined_on=joined_on
                )
        except IntegrityError:
            raise ValidationError({"org": _("%(o)s已是联盟成员。") % {"o": org.name}}) from None
        record(actor=by, action="alliance.add_member", obj=member, after=snapshot(member))
    return member


def record_alliance_activity(
    *,
    by: User | None,
    alliance: Alliance,
    kind: str,
    title: str,
    held_on: dt.date,
    place: str = "",
    attendance: int | str | None = None,
    attendees: Iterable = (),
    orgs: Iterable[Org] = (),
    description: str = "",
) -> AllianceActivity:
    """A shared activity (组织共建、活动共办、资源共享): a head count, named attendees, or both
    (then the count is at least the number named)."""
    require(by, "alliance.manage")
    require_area(by, alliance.area.path)
    attendees, orgs = list(attendees), list(orgs)
    errors = {}
    if kind not in ActivityKind.values:
        errors["kind"] = _("请选择活动类别。")
    title = (title or "").strip()
    if not title:
        errors["title"] = _("请填写活动名称。")
    if held_on is None:
        errors["held_on"] = _("请填写活动日期。")
    if errors:
        raise ValidationError(errors)
    count = len(attendees) if attendance in (None, "") else _attendance(attendance)
    if count < len(attendees):
        raise ValidationError(
            {
                "attendance": _("参加人数（%(n)s）少于登记的参加人员（%(m)s人）。")
                % {"n": count, "m": len(attendees)}
            }
        )
    with transaction.atomic():
        activity = AllianceActivity.objects.create(
            alliance=alliance,
            kind=kind,
            title=title[:200],
            held_on=held_on,
            place=(place or "").strip()[:200],
            attendance=count,
            description=(description or "").strip(),
        )
        counters.created(activity)
        activity.attendees.set(attendees)
        activity.orgs.set(orgs)
        record(
            actor=by,
            action="alliance.record_activity",
            obj=activity,
            after=snapshot(activity)
            | {"attendees": [p.pk for p in attendees], "orgs": [o.pk for o in orgs]},
        )
    return activity


def _validate_term(term_start: dt.date | None, term_end: dt.date | None) -> tuple[dt.date, dt.date]:
    """The term's two dates, once both are given and in order; else ValidationError naming each."""
    errors = {}
    if term_start is None:
        errors["term_start"] = _("请填写任期开始日期。")
    if term_end is None:
        errors["term_end"] = _("请填写任期结束日期。")
    if term_start is not None and term_end is not None and term_end < term_start:
        errors["term_end"] = _("任期结束日期（%(e)s）早于开始日期（%(s)s）。") % {
            "e": term_end,
            "s": term_start,
        }
    if errors or term_start is None or term_end is None:
        raise ValidationError(errors)
    return term_start, term_end


def appoint_part_time_member(
    *,
    by: User | None,
    person: Person | None,
    unit: Org,
    committee: Org | None,
    post: str,
    term_start: dt.date | None,
    term_end: dt.date | None,
    duties: str = "",
) -> PartTimeMember:
    """A leader of a resident unit joins a street or community party committee for a term. The
    unit must sit in the committee's area (its led subtree)."""
    require(by, "part_time.create")
    errors = {}
    if person is None:
        errors["person"] = _("请选择人员。")
    if (
        committee is None
        or committee.kind != Kind.PARTY_ORG
        or committee.leads is None
        or committee.leads.level not in (Level.STREET, Level.COMMUNITY)
    ):
        errors["committee"] = _("兼职的党组织必须是街道或社区党组织。")
    if unit is None or not unit.is_unit:
        errors["unit"] = _("所在单位必须是驻区单位。")
    post = (post or "").strip()
    if not post:
        errors["post"] = _("请填写岗位。")
    if errors or person is None or committee is None or committee.leads is None:
        raise ValidationError(errors)
    if not unit.area.is_within(committee.leads):
        raise ValidationError(
            {
                "unit": _("%(u)s位于%(a)s，不在%(c)s领导的区域%(r)s内。")
                % {
                    "u": unit.name,
                    "a": unit.area.name,
                    "c": committee.name,
                    "r": committee.leads.name,
                }
            }
        )
    term_start, term_end = _validate_term(term_start, term_end)
    require_area(by, committee.leads.path, admin=True)
    with transaction.atomic():
        member = PartTimeMember.objects.create(
            person=person,
            unit=unit,
            committee=committee,
            area=committee.leads,
            post=post[:50],
            duties=(duties or "").strip(),
            term_start=term_start,
            term_end=term_end,
        )
        counters.created(member)
        record(actor=by, action="part_time.create", obj=member, after=snapshot(member))
    return member


def renew_term(
    *, by: User | None, member: PartTimeMember, term_start: dt.date, term_end: dt.date
) -> PartTimeMember:
    """A new term: its own reminder will be sent once when it nears its end."""
    require(by, "part_time.update")
    require_area(by, member.area.path, admin=True)
    term_start, term_end = _validate_term(term_start, term_end)
    before = snapshot(member)
    with transaction.atomic():
        counters.update(
            PartTimeMember.objects.filter(pk=member.pk),
            term_start=term_start,
            term_end=term_end,
            reminded_at=None,
        )
        member.refresh_from_db()
        record(
            actor=by, action="part_time.renew", obj=member, before=before, after=snapshot(member)
        )
    return member


def update_part_time_member(
    *, by: User | None, member: PartTimeMember, post: str, duties: str = ""
) -> PartTimeMember:
    require(by, "part_time.update")
    require_area(by, member.area.path, admin=True)
    post = (post or "").strip()
    if not post:
        raise ValidationError({"post": _("请填写岗位。")})
    before = snapshot(member)
    with transaction.atomic():
        member.post, member.duties = post[:50], (duties or "").strip()
        with counters.tracking(member):
            member.save(update_fields=["post", "duties"])
        record(
            actor=by, action="part_time.update", obj=member, before=before, after=snapshot(member)
        )
    return member


def record_led_activity(
    *,
    by: User | None,
    member: PartTimeMember,
    title: str,
    held_on: dt.date,
    place: str = "",
    attendance: int = 0,
) -> LedActivity:
    require(by, "part_time.record_activity")
    require_area(by, member.area.path)
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("请填写活动名称。")
    if held_on is None:
        errors["held_on"] = _("请填写活动日期。")
    if errors:
        raise ValidationError(errors)
    count = _attendance(attendance)
    with transaction.atomic():
        activity = LedActivity.objects.create(
            member=member,
            title=title[:200],
            held_on=held_on,
            place=(place or "").strip()[:200],
            attendance=count,
        )
        counters.created(activity)
        record(actor=by, action="part_time.record_activity", obj=activity, after=snapshot(activity))
    return activity


def remind_ending_terms(*, today: dt.date | None = None) -> int:
    """Tell each committee's admins, once per term, that a part-time member's term ends within
    REMIND_DAYS. The conditional update (reminded_at IS NULL) makes a second run, or two runs at
    once, send nothing more."""
    today = today or timezone.localdate()
    due = PartTimeMember.objects.filter(
        reminded_at__isnull=True,
        term_end__gte=today,
        term_end__lte=today + dt.timedelta(days=REMIND_DAYS),
    ).select_related("person", "committee", "unit")
    sent = 0
    with channels.using(channels.JOB):
        for member in due:
            with transaction.atomic():
                claimed = counters.update(
                    PartTimeMember.objects.filter(pk=member.pk, reminded_at__isnull=True),
                    reminded_at=timezone.now(),
                )
                if not claimed:
                    continue
                record(
                    actor=None,
                    action="part_time.remind",
                    obj=member,
                    after={"term_end": member.term_end},
                )
                notify(
                    kind="part_time.term_ending",
                    to=[recipients.admins_of(member.committee_id)],
                    title=_("兼职委员%(p)s（%(u)s）的任期将于%(d)s届满")
                    % {
                        "p": member.person.name,
                        "u": member.unit.name,
                        "d": member.term_end.isoformat(),
                    },
                    url=f"/alliances/part-time/{member.pk}/",
                )
                sent += 1
    return sent
