"""Who rates whom, and the ratings: organizations' scores and residents' survey answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.selectors import scope_for
from wulian.accounts.services import require
from wulian.areas.models import Area, Level
from wulian.audit.services import record
from wulian.core import counters
from wulian.evaluations.models import (
    EvaluationRound,
    Respondent,
    RoundState,
    Score,
    Side,
    SurveyAnswer,
    UnitRating,
)
from wulian.evaluations.selectors import affiliation_message, affiliations
from wulian.orgs.models import UNIT_KINDS, Org
from wulian.people.models import Person

if TYPE_CHECKING:
    from django.db.models import QuerySet


def communities_of(rnd: EvaluationRound) -> QuerySet[Org]:
    """The community and street party organizations leading areas in the round's scope."""
    return Org.objects.filter(
        leads__path__startswith=rnd.scope.path, leads__level__in=[Level.COMMUNITY, Level.STREET]
    ).select_related("leads", "area")


def units_of(rnd: EvaluationRound) -> QuerySet[Org]:
    return Org.objects.filter(
        kind__in=UNIT_KINDS, area__path__startswith=rnd.scope.path
    ).select_related("area")


def may_rate(rater: Org, ratee: Org) -> str | None:
    """The side the ratee is scored on when this rater rates it, or None if it may not."""
    if rater.leads is not None and rater.leads.level in (Level.COMMUNITY, Level.STREET):
        if ratee.kind in UNIT_KINDS and ratee.area.path.startswith(rater.leads.path):
            return Side.UNIT
        return None
    if (
        rater.kind in UNIT_KINDS
        and ratee.leads is not None
        and ratee.leads.level in (Level.COMMUNITY, Level.STREET)
        and rater.area.path.startswith(ratee.leads.path)
    ):
        return Side.COMMUNITY
    return None


def _may_act_for(by: User | None, org: Org) -> bool:
    if by is None:
        return True
    scope = scope_for(by)
    if org.pk in scope.unit_org_ids:
        return True
    return org.leads is not None and scope.covers_path(org.leads.path)


def submit_scores(
    *, round: EvaluationRound, by: User | None, rater: Org, ratee: Org, values: Mapping[Any, Any]
) -> list[Score]:
    """The rater's scores (0–100) of the ratee, one per criterion of the ratee's side."""
    require(by, "evaluation.score")
    if not _may_act_for(by, rater):
        raise ValidationError({"rater": _("您不能代表“%(o)s”评议。") % {"o": rater.name}})
    side = may_rate(rater, ratee)
    if side is None or not ratee.area.path.startswith(round.scope.path):
        raise ValidationError(
            {
                "ratee": _(
                    "“%(a)s”不能评议“%(b)s”：社区/街道评议辖区内驻区单位，驻区单位评议所在社区/街道。"
                )
                % {"a": rater.name, "b": ratee.name}
            }
        )
    criteria = {c.pk: c for c in round.criteria.filter(side=side)}
    clean: dict[int, int] = {}
    for cid, c in criteria.items():
        raw = values.get(cid, values.get(str(cid)))
        if raw in (None, ""):
            raise ValidationError({f"c{cid}": _("请为“%(c)s”打分。") % {"c": c.name}})
        try:
            v = int(str(raw).strip())
        except ValueError:
            raise ValidationError(
                {f"c{cid}": _("“%(c)s”的分值应为0到100的整数。") % {"c": c.name}}
            ) from None
        if not 0 <= v <= 100:
            raise ValidationError({f"c{cid}": _("“%(c)s”的分值应为0到100的整数。") % {"c": c.name}})
        clean[cid] = v
    with transaction.atomic():
        locked = EvaluationRound.objects.select_for_update().get(pk=round.pk)
        if locked.state != RoundState.OPEN:
            raise ValidationError({"round": _("评议未在进行中，不能打分。")})
        saved = []
        for cid, v in clean.items():
            score, _created = Score.objects.update_or_create(
                criterion_id=cid, rater=rater, ratee=ratee, defaults={"value": v, "round": locked}
            )
            saved.append(score)
        record(
            actor=by,
            action="evaluation.score",
            obj=locked,
            after={
                "rater": rater.pk,
                "ratee": ratee.pk,
                "values": {str(k): v for k, v in clean.items()},
            },
        )
    return saved


def community_of(area: Area) -> Area | None:
    """The community an area is in (itself, or the community above a grid)."""
    if area.level == Level.COMMUNITY:
        return area
    if area.level == Level.GRID:
        return area.parent
    return None


def _survey_respondent(
    by: User | None, person: Person | None, rnd: EvaluationRound
) -> tuple[Person, Area]:
    """The answering person (the account's own unless given) and their community in the round's scope."""
    if person is None:
        person = getattr(by, "person", None)
    if person is None:
        raise ValidationError({"person": _("您的账号未关联居民信息，不能答卷。")})
    community = community_of(person.home_area)
    if community is None or not community.path.startswith(rnd.scope.path):
        raise ValidationError({"person": _("您不住在本次评议范围内的社区，不能答卷。")})
    return person, community


def _stars(raw: Any) -> int:
    """A star rating as an int, 0 (out of range) when it is not a whole number."""
    try:
        return int(str(raw))
    except ValueError:
        return 0


def _unit_ratings(
    person: Person, community: Area, unit_ratings: dict[int, Any] | None
) -> dict[int, int]:
    """The ratings of the community's units, 1 to 5 stars each; affiliated people do not rate a unit."""
    units = {
        u.pk: u
        for u in Org.objects.filter(kind__in=UNIT_KINDS, area__path__startswith=community.path)
    }
    rated = [
        int(uid)
        for uid, raw in (unit_ratings or {}).items()
        if raw not in (None, "") and int(uid) in units
    ]
    blocked = affiliations(person, rated)
    if blocked:  # people affiliated with a unit do not rate it
        uid = min(blocked)
        raise ValidationError({"unit_ratings": affiliation_message(blocked[uid], units[uid])})
    ratings: dict[int, int] = {}
    for uid, raw in (unit_ratings or {}).items():
        if raw in (None, ""):
            continue
        if int(uid) not in units:
            raise ValidationError({"unit_ratings": _("所评单位不在您的社区。")})
        r = _stars(raw)
        if not 1 <= r <= 5:
            raise ValidationError(
                {"unit_ratings": _("“%(u)s”的满意度应为1到5星。") % {"u": units[int(uid)].name}}
            )
        ratings[int(uid)] = r
    return ratings


def answer_survey(
    *,
    round: EvaluationRound,
    by: User | None,
    person: Person | None = None,
    satisfaction: Any,
    unit_ratings: dict[int, Any] | None = None,
    comment: str = "",
    today: dt.date | None = None,
) -> SurveyAnswer:
    """A resident's one anonymous answer: the respondent goes to ``Respondent``, the answer
    names no one."""
    require(by, "evaluation.survey")
    person, community = _survey_respondent(by, person, round)
    s = _stars(satisfaction)
    if not 1 <= s <= 5:
        raise ValidationError({"satisfaction": _("满意度应为1到5星。")})
    ratings = _unit_ratings(person, community, unit_ratings)
    if len(comment) > 300:
        raise ValidationError({"comment": _("意见建议不能超过300字。")})
    community_org = Org.objects.filter(leads=community).first()
    try:
        with transaction.atomic():
            locked = EvaluationRound.objects.select_for_update().get(pk=round.pk)
            if locked.state != RoundState.OPEN:
                raise ValidationError({"round": _("评议未在进行中，不能答卷。")})
            Respondent.objects.create(round=locked, person=person)
            answer = SurveyAnswer.objects.create(
                round=locked,
                community=community,
                community_org=community_org,
                satisfaction=s,
                comment=comment.strip(),
                answered_on=today or timezone.localdate(),
            )
            counters.created(answer)
            # UnitRating is not a registered fact: bulk_create is fine here.
            UnitRating.objects.bulk_create(
                [UnitRating(answer=answer, unit_id=u, satisfaction=r) for u, r in ratings.items()]
            )
            # The audit entry names the respondent's act, never the answer's content.
            record(actor=by, action="evaluation.survey", obj=locked, after={"answered": True})
    except IntegrityError:
        raise ValidationError({"person": _("您已参加本轮满意度测评，每人只能答一次。")}) from None
    return answer
