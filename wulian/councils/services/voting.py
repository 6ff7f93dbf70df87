"""Voting on a topic: open, cast (online or recorded offline) and close with the tally."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.audit.services import record
from wulian.councils.models import (
    Ballot,
    Choice,
    Council,
    CouncilMember,
    Outcome,
    Tally,
    Topic,
    TopicStatus,
    VoteCast,
)
from wulian.councils.rules import can_vote, require_can
from wulian.councils.selectors import member_for
from wulian.notifications import recipients
from wulian.notifications.services import notify


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
