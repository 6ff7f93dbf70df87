"""Every change to resident councils: members, sessions, topics, comments, votes, resolutions."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.areas.models import Area, Level
from wulian.audit.services import record, snapshot
from wulian.core import counters
from wulian.councils.models import (
    Ballot,
    Choice,
    Comment,
    Council,
    CouncilMember,
    MemberKind,
    Outcome,
    Resolution,
    Session,
    Tally,
    Topic,
    TopicStatus,
    VoteCast,
)
from wulian.councils.rules import can_take_part, can_vote, require_can
from wulian.councils.selectors import member_for
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.orgs.models import Kind

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wulian.funds.models import Allocation
    from wulian.meetings.models import Decision
    from wulian.orgs.models import Org
    from wulian.people.models import Person


def create_council(*, by: User | None, community: Area, name: str = "") -> Council:
    require(by, "council.create")
    if community is None or community.level != Level.COMMUNITY:
        raise ValidationError({"community": _("居民议事会只能设在社区(村)。")})
    require_area(by, community.path, admin=True)
    with transaction.atomic():
        if Council.objects.filter(community=community).exists():
            raise ValidationError({"community": _("%(c)s已有居民议事会。") % {"c": community.name}})
        council = Council.objects.create(
            community=community, name=(name or "").strip()[:100] or f"{community.name}居民议事会"
        )
        counters.created(council)
        record(actor=by, action="council.create", obj=council, after=snapshot(council))
    return council


def _org_member_error(council: Council, kind: str, org: Org | None) -> str | None:
    """Why the unit or social organization cannot sit on the council, if it cannot."""
    if org is None:
        return _("请选择单位或社会组织。")
    if kind == MemberKind.SOCIAL_ORG and org.kind != Kind.NEW_SOCIAL:
        return _("%(o)s不是社会组织。") % {"o": org.name}
    if kind == MemberKind.UNIT and not org.is_unit:
        return _("%(o)s不是驻区单位。") % {"o": org.name}
    if not org.area.is_within(council.community):
        return _("%(o)s不在%(c)s。") % {"o": org.name, "c": council.community.name}
    return None


def _member_errors(
    council: Council, kind: str, person: Person | None, org: Org | None
) -> dict[str, str]:
    """What is wrong with the member's kind and who fills the seat (a resident, or an org)."""
    if kind not in MemberKind.values:
        return {"kind": _("请选择成员类别。")}
    if kind != MemberKind.RESIDENT:
        error = _org_member_error(council, kind, org)
        return {"org": error} if error else {}
    if person is None:
        return {"person": _("居民代表须选择一位居民。")}
    if not person.home_area.is_within(council.community):
        return {
            "person": _("%(p)s不住在%(c)s，不能担任居民代表。")
            % {"p": person.name, "c": council.community.name}
        }
    return {}


def add_member(
    *,
    by: User | None,
    council: Council,
    kind: str,
    seat: int,
    person: Person | None = None,
    org: Org | None = None,
    title: str = "",
    joined_on: dt.date | None = None,
) -> CouncilMember:
    require(by, "council.manage")
    require_area(by, council.community.path)
    errors = _member_errors(council, kind, person, org)
    if kind == MemberKind.RESIDENT:
        org = None
    elif kind in MemberKind.values:
        person = None
    if not seat or int(seat) < 1:
        errors["seat"] = _("席位号应为正整数。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        try:
            with transaction.atomic():
                member = CouncilMember.objects.create(
                    council=council,
                    kind=kind,
                    person=person,
                    org=org,
                    seat=int(seat),
                    title=(title or "").strip()[:50],
                    joined_on=joined_on,
                )
        except IntegrityError:
            if CouncilMember.objects.filter(council=council, seat=seat).exists():
                raise ValidationError({"seat": _("%(s)s号席位已有成员。") % {"s": seat}}) from None
            raise ValidationError(
                {"person" if person else "org": _("该成员已在议事会中。")}
            ) from None
        record(actor=by, action="council.add_member", obj=member, after=snapshot(member))
    return member


def create_session(
    *,
    by: User | None,
    council: Council,
    title: str,
    held_at: dt.datetime,
    place: str = "",
    notes: str = "",
) -> Session:
    require(by, "council.manage")
    require_area(by, council.community.path)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("请填写会议名称。")})
    if held_at is None:
        raise ValidationError({"held_at": _("请填写会议时间。")})
    with transaction.atomic():
        session = Session.objects.create(
            council=council,
            title=title[:100],
            held_at=held_at,
            place=(place or "").strip()[:200],
            notes=notes or "",
        )
        record(actor=by, action="council.create_session", obj=session, after=snapshot(session))
    return session


def _may_take_part(council: Council, by: User | None) -> CouncilMember | None:
    """Members, residents of the community and staff of the area may raise topics and comment."""
    require_can(
        can_take_part(by, council), "not a member, resident or staff of this council's community"
    )
    return member_for(council, by)


def raise_topic(
    *,
    by: User | None,
    council: Council,
    title: str,
    description: str = "",
    session: Session | None = None,
) -> Topic:
    require(by, "council.raise_topic")
    member = _may_take_part(council, by)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("请填写议题。")})
    if session is not None and session.council_id != council.pk:
        raise ValidationError({"session": _("会议不属于该议事会。")})
    with transaction.atomic():
        topic = Topic.objects.create(
            council=council,
            session=session,
            title=title[:200],
            description=(description or "").strip(),
            raised_by_member=member,
            raised_by_person=getattr(by, "person", None) if by else None,
            raised_by_user=by,
        )
        record(actor=by, action="council.raise_topic", obj=topic, after=snapshot(topic))
    return topic


def add_comment(*, by: User, topic: Topic, body: str) -> Comment:
    require(by, "council.comment")
    member = _may_take_part(topic.council, by)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("请填写意见。")})
    if topic.status == TopicStatus.CLOSED:
        raise ValidationError({"body": _("议题已表决结束，不能再发表意见。")})
    with transaction.atomic():
        comment = Comment.objects.create(topic=topic, author=by, member=member, body=body)
        record(actor=by, action="council.comment", obj=comment, after=snapshot(comment))
    return comment


def _member_users(council: Council) -> list[int]:
    """The seated members' own accounts, and the unit contacts of member units."""
    members = list(council.members.filter(active=True))
    people = recipients.person(*[m.person_id for m in members if m.person_id])
    units = recipients.unit_contacts_of(*[m.org_id for m in members if not m.person_id])
    return list(people.user_ids | units.user_ids)


def open_voting(
    *, by: User | None, topic: Topic, ballot: str = Ballot.OPEN, quorum: int | None = None
) -> Topic:
    require(by, "council.manage")
    require_area(by, topic.council.community.path)
    if ballot not in Ballot.values:
        raise ValidationError({"ballot": _("请选择表决方式。")})
    seats = topic.council.members.filter(active=True).count()
    if seats == 0:
        raise ValidationError({"quorum": _("议事会还没有成员，不能表决。")})
    if quorum is None:
        quorum = seats // 2 + 1
    if not 1 <= int(quorum) <= seats:
        raise ValidationError({"quorum": _("法定票数应在1到%(n)s（成员数）之间。") % {"n": seats}})
    now = timezone.now()
    with transaction.atomic():
        changed = Topic.objects.filter(pk=topic.pk, status=TopicStatus.DELIBERATING).update(
            status=TopicStatus.VOTING, ballot=ballot, quorum=int(quorum), voting_opened_at=now
        )
        if not changed:
            raise ValidationError({"status": _("议题不在议事阶段，不能开始表决。")})
        Tally.objects.bulk_create([Tally(topic=topic, choice=c) for c in Choice.values])
        topic.refresh_from_db()
        record(
            actor=by,
            action="council.open_voting",
            obj=topic,
            after={"ballot": ballot, "quorum": int(quorum)},
        )
        notify(
            kind="council.vote_opened",
            to=[recipients.council_members(_member_users(topic.council))],
            title=_("议题“%(t)s”开始表决") % {"t": topic.title},
            url=f"/councils/topics/{topic.pk}/",
        )
    return topic


def _cast(
    *, by: User | None, topic: Topic, member: CouncilMember, choice: str, offline: bool
) -> VoteCast:
    if choice not in Choice.values:
        raise ValidationError({"choice": _("请选择赞成、反对或弃权。")})
    with transaction.atomic():
        current = Topic.objects.select_for_update().get(pk=topic.pk)
        if current.status != TopicStatus.VOTING:
            message = (
                _("表决已结束，不能再投票。")
                if current.status == TopicStatus.CLOSED
                else _("议题尚未开始表决。")
            )
            raise ValidationError({"choice": message})
        secret = current.ballot == Ballot.SECRET
        try:
            with transaction.atomic():
                cast = VoteCast.objects.create(
                    topic=current,
                    member=member,
                    choice="" if secret else choice,
                    offline=offline,
                    recorded_by=by if offline else None,
                )
        except IntegrityError:
            raise ValidationError(
                {"choice": _("%(m)s已经投过票，每位成员只能投一票。") % {"m": member.display}}
            ) from None
        Tally.objects.filter(topic=current, choice=choice).update(count=models.F("count") + 1)
        after: dict[str, object] = {"topic": current.pk, "member": member.pk, "offline": offline}
        if not secret:
            after["choice"] = choice
        record(
            actor=by,
            action="council.vote_offline" if offline else "council.vote",
            obj=cast,
            object_repr=f"{member.display} · {current.title}"[:300],
            after=after,
        )
    return cast


def cast_vote(*, by: User | None, topic: Topic, choice: str) -> VoteCast:
    """A member votes for themself (a resident, or a unit through its contact)."""
    require(by, "council.vote")
    require_can(by is not None and can_vote(by, topic), "council.vote: not a member")
    member = member_for(topic.council, by)
    if member is None:  # can_vote found the seat a moment ago; gone since, the same refusal
        raise PermissionDenied("council.vote: not a member")
    return _cast(by=by, topic=topic, member=member, choice=choice, offline=False)


def record_offline_vote(
    *, by: User | None, topic: Topic, member: CouncilMember, choice: str
) -> VoteCast:
    """Staff record a vote a member cast on paper or by hand; the cast is marked as such."""
    require(by, "council.record_vote")
    require_area(by, topic.council.community.path)
    if member is None or member.council_id != topic.council_id or not member.active:
        raise ValidationError({"member": _("该成员不是本议事会的在任成员。")})
    return _cast(by=by, topic=topic, member=member, choice=choice, offline=True)


def close_voting(*, by: User | None, topic: Topic) -> Topic:
    """Close the vote and publish the result: passed when more than half of the votes cast are
    yes and at least the quorum voted."""
    require(by, "council.manage")
    require_area(by, topic.council.community.path)
    with transaction.atomic():
        current = Topic.objects.select_for_update().get(pk=topic.pk)
        if current.status != TopicStatus.VOTING:
            raise ValidationError({"status": _("议题不在表决中，不能结束表决。")})
        counts = dict(current.tallies.values_list("choice", "count"))
        cast = current.casts.count()
        if cast < current.quorum:
            outcome = Outcome.NO_QUORUM
        elif counts.get(Choice.YES, 0) * 2 > cast:
            outcome = Outcome.PASSED
        else:
            outcome = Outcome.REJECTED
        Topic.objects.filter(pk=current.pk).update(
            status=TopicStatus.CLOSED, outcome=outcome, voting_closed_at=timezone.now()
        )
        current.refresh_from_db()
        record(
            actor=by,
            action="council.close_voting",
            obj=current,
            after={"outcome": outcome, "cast": cast, "tally": counts},
        )
        users = _member_users(current.council)
        if current.raised_by_user_id:
            users.append(current.raised_by_user_id)
        notify(
            kind="council.result_published",
            to=[recipients.council_members(users)],
            title=_("议题“%(t)s”表决结果：%(o)s")
            % {"t": current.title, "o": current.get_outcome_display()},
            url=f"/councils/topics/{current.pk}/",
        )
    topic.__dict__.update(
        {k: getattr(current, k) for k in ("status", "outcome", "voting_closed_at")}
    )
    return current


def resolve_topic(
    *, by: User | None, topic: Topic, text: str, decided_on: dt.date | None = None
) -> Resolution:
    require(by, "council.manage")
    require_area(by, topic.council.community.path)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("请填写决议内容。")})
    if topic.status != TopicStatus.CLOSED or topic.outcome != Outcome.PASSED:
        raise ValidationError({"text": _("只有表决通过的议题才能形成决议。")})
    with transaction.atomic():
        if Resolution.objects.filter(topic=topic).exists():
            raise ValidationError({"text": _("该议题已形成决议。")})
        resolution = Resolution.objects.create(
            topic=topic, text=text, created_by=by, decided_on=decided_on or timezone.localdate()
        )
        record(actor=by, action="council.resolve", obj=resolution, after=snapshot(resolution))
    return resolution


def resolution_to_project(
    *,
    by: User | None,
    resolution: Resolution,
    allocation: Allocation | None,
    name: str,
    category: str,
    budget: object,
    beneficiaries: int = 0,
) -> Resolution:
    """Turn a resolution into a project (funds app) paid from an allocation to this community."""
    from wulian.funds import services as fund_services

    require(by, "council.manage")
    require_area(by, resolution.topic.council.community.path)
    if resolution.project_id:
        raise ValidationError({"allocation": _("该决议已转为项目。")})
    if allocation is None or allocation.community_id != resolution.topic.council.community_id:
        raise ValidationError({"allocation": _("请选择拨付给本社区的资金。")})
    with transaction.atomic():
        project = fund_services.create_project(
            by=by,
            allocation=allocation,
            name=name,
            category=category,
            budget=budget,
            beneficiaries=beneficiaries,
            description=resolution.text,
        )
        changed = Resolution.objects.filter(pk=resolution.pk, project__isnull=True).update(
            project=project
        )
        if not changed:
            raise ValidationError({"allocation": _("该决议已转为项目。")})
        resolution.project = project
        record(
            actor=by,
            action="council.resolution_to_project",
            obj=resolution,
            after={"project": project.pk},
        )
    return resolution


def resolution_to_action_item(
    *,
    by: User | None,
    resolution: Resolution,
    decision: Decision | None,
    lead_org: Org | None,
    responsible: str,
    due_on: dt.date | None,
    done_criteria: str,
    co_orgs: Sequence[Org] = (),
    title: str = "",
) -> Resolution:
    """Carry a resolution into the 督办 of a joint meeting (meetings app): the action item hangs
    on a decision of a closed joint meeting at the council's community or a level above, and is
    followed there until accepted."""
    try:
        from wulian.meetings import services as meeting_services
    except ImportError:
        raise ValidationError({"decision": _("督办功能（联席会议）未安装。")}) from None
    require(by, "council.manage")
    community = resolution.topic.council.community
    require_area(by, community.path)
    if resolution.action_item_id:
        raise ValidationError({"decision": _("该决议已转为督办事项。")})
    if decision is None:
        raise ValidationError({"decision": _("请选择一次联席会议的议定事项。")})
    if not community.path.startswith(decision.meeting.area.path):
        raise ValidationError({"decision": _("该联席会议不在本社区或其上级区域召开。")})
    with transaction.atomic():
        item = meeting_services.add_action_item(
            decision=decision,
            by=by,
            lead_org=lead_org,
            responsible=responsible,
            due_on=due_on,
            done_criteria=done_criteria,
            co_orgs=co_orgs,
            title=(title or resolution.topic.title)[:200],
        )
        changed = Resolution.objects.filter(pk=resolution.pk, action_item_id__isnull=True).update(
            action_item_id=item.pk
        )
        if not changed:
            raise ValidationError({"decision": _("该决议已转为督办事项。")})
        resolution.action_item_id = item.pk
        record(
            actor=by,
            action="council.resolution_to_action_item",
            obj=resolution,
            after={"action_item": item.pk},
        )
    return resolution
