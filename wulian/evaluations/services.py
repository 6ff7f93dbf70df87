"""Every change of a two-way evaluation: rounds, weights, scores, survey answers, publication
(with frozen, hashed inputs), appeals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.selectors import scope_for
from wulian.accounts.services import require
from wulian.areas.models import Area, Level
from wulian.audit.services import record, snapshot
from wulian.core import counters
from wulian.evaluations import scoring
from wulian.evaluations.models import (
    Appeal,
    AppealState,
    Criterion,
    EvaluationRound,
    Respondent,
    Result,
    RoundState,
    Score,
    Side,
    SurveyAnswer,
    UnitRating,
)
from wulian.evaluations.selectors import affiliation_message, affiliations
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.orgs.models import UNIT_KINDS, Kind, Org
from wulian.people.models import Person

HUNDRED = Decimal("100")


def _decimal(value: Any, field: str) -> Decimal:
    try:
        d = Decimal(str(value).strip().rstrip("%"))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("请输入数字。")}) from None
    if d < 0 or d > HUNDRED:
        raise ValidationError({field: _("应在0到100之间。")})
    return d


def _check_weights(satisfaction: Decimal, criteria: Decimal, service: Decimal) -> None:
    total = satisfaction + criteria + service
    if total != HUNDRED:
        raise ValidationError({"weight_satisfaction": _(
            "群众满意度、互评指标、服务实绩三项权重之和应为100%%，现为%(t)s%%。") % {"t": scoring.q(total)}})
    if satisfaction < max(criteria, service):
        raise ValidationError({"weight_satisfaction": _("群众满意度应为主要权重（不低于其他任一项）。")})


def _require_scope(by, area: Area) -> None:
    if by is not None and not scope_for(by).covers_path(area.path):
        raise ValidationError({"scope": _("评议范围不在您的管辖范围内。")})


def create_round(*, by, scope: Area, year: int, title: str = "", weight_satisfaction: Any = 50,
                 weight_criteria: Any = 30, weight_service: Any = 20, exemplary_share: int = 20,
                 exemplary_min: Any = 85, appeal_days: int = 7) -> EvaluationRound:
    require(by, "evaluation.manage")
    _require_scope(by, scope)
    if scope.level == Level.GRID:
        raise ValidationError({"scope": _("评议范围应为市、区(市)县、街道或社区。")})
    ws, wc, wv = (_decimal(weight_satisfaction, "weight_satisfaction"),
                  _decimal(weight_criteria, "weight_criteria"), _decimal(weight_service, "weight_service"))
    _check_weights(ws, wc, wv)
    if not (2000 <= int(year) <= 2100):
        raise ValidationError({"year": _("年度无效。")})
    if not (1 <= int(exemplary_share) <= 100):
        raise ValidationError({"exemplary_share": _("先进单位比例应在1到100之间。")})
    if EvaluationRound.objects.filter(scope=scope, year=year).exists():
        raise ValidationError({"year": _("%(s)s%(y)s年度的评议已存在。") % {"s": scope.name, "y": year}})
    rnd = EvaluationRound(
        title=title.strip() or _("%(s)s%(y)s年度共驻共建双向评议") % {"s": scope.name, "y": year},
        year=year, scope=scope, weight_satisfaction=ws, weight_criteria=wc, weight_service=wv,
        exemplary_share=exemplary_share, exemplary_min=_decimal(exemplary_min, "exemplary_min"),
        appeal_days=appeal_days, created_by=by,
    )
    try:
        with transaction.atomic():
            rnd.save()
            record(actor=by, action="evaluation.create", obj=rnd, after=snapshot(rnd))
    except IntegrityError:
        raise ValidationError({"year": _("该范围该年度的评议已存在。")}) from None
    return rnd


def set_weights(*, round: EvaluationRound, by, weight_satisfaction: Any, weight_criteria: Any,
                weight_service: Any) -> EvaluationRound:
    require(by, "evaluation.manage")
    _require_scope(by, round.scope)
    ws, wc, wv = (_decimal(weight_satisfaction, "weight_satisfaction"),
                  _decimal(weight_criteria, "weight_criteria"), _decimal(weight_service, "weight_service"))
    _check_weights(ws, wc, wv)
    with transaction.atomic():
        locked = EvaluationRound.objects.select_for_update().get(pk=round.pk)
        if locked.state == RoundState.PUBLISHED:
            raise ValidationError({"state": _("结果已公布，权重不能再修改。")})
        before = snapshot(locked)
        locked.weight_satisfaction, locked.weight_criteria, locked.weight_service = ws, wc, wv
        locked.save(update_fields=["weight_satisfaction", "weight_criteria", "weight_service"])
        record(actor=by, action="evaluation.set_weights", obj=locked, before=before, after=snapshot(locked))
    return locked


def set_criteria(*, round: EvaluationRound, by, criteria: list[tuple[str, str, Any]]) -> list[Criterion]:
    """Replace the round's criteria: (side, name, weight %); each side's weights sum to 100."""
    require(by, "evaluation.manage")
    _require_scope(by, round.scope)
    rows: list[Criterion] = []
    sums = {Side.UNIT: Decimal(0), Side.COMMUNITY: Decimal(0)}
    seen: set[tuple[str, str]] = set()
    for n, (side, name, weight) in enumerate(criteria, start=1):
        name = (name or "").strip()
        if side not in sums:
            raise ValidationError({"criteria": _("第%(n)d项：评议对象无效。") % {"n": n}})
        if not name:
            raise ValidationError({"criteria": _("第%(n)d项：请填写指标名称。") % {"n": n}})
        if (side, name) in seen:
            raise ValidationError({"criteria": _("第%(n)d项：指标“%(m)s”重复。") % {"n": n, "m": name}})
        seen.add((side, name))
        w = _decimal(weight, "criteria")
        if w <= 0:
            raise ValidationError({"criteria": _("第%(n)d项：权重应大于0。") % {"n": n}})
        sums[side] += w
        rows.append(Criterion(round=round, side=side, name=name, weight=w, order=n))
    for side, total in sums.items():
        if total != HUNDRED:
            raise ValidationError({"criteria": _("“%(s)s”的指标权重之和应为100%%，现为%(t)s%%。") % {
                "s": Side(side).label, "t": scoring.q(total)}})
    with transaction.atomic():
        locked = EvaluationRound.objects.select_for_update().get(pk=round.pk)
        if locked.state != RoundState.DRAFT:
            raise ValidationError({"criteria": _("评议已开始，指标不能再修改。")})
        before = list(locked.criteria.values("side", "name", "weight"))
        locked.criteria.all().delete()
        Criterion.objects.bulk_create(rows)
        record(actor=by, action="evaluation.set_criteria", obj=locked, before=before,
               after=[{"side": c.side, "name": c.name, "weight": c.weight} for c in rows])
    return list(round.criteria.all())


def open_round(*, round: EvaluationRound, by) -> EvaluationRound:
    require(by, "evaluation.manage")
    _require_scope(by, round.scope)
    with transaction.atomic():
        locked = EvaluationRound.objects.select_for_update().get(pk=round.pk)
        if locked.state != RoundState.DRAFT:
            raise ValidationError({"state": _("评议已开始或已公布。")})
        sides = set(locked.criteria.values_list("side", flat=True))
        if sides != {Side.UNIT, Side.COMMUNITY}:
            raise ValidationError({"criteria": _("请先为双方设置评议指标。")})
        locked.state, locked.opened_at = RoundState.OPEN, timezone.now()
        locked.save(update_fields=["state", "opened_at"])
        record(actor=by, action="evaluation.open", obj=locked, before={"state": "draft"}, after={"state": "open"})
    return locked


# ------------------------------------------------------------------------- who is evaluated


def communities_of(rnd: EvaluationRound):
    """The community and street party organizations leading areas in the round's scope."""
    return Org.objects.filter(leads__path__startswith=rnd.scope.path,
                              leads__level__in=[Level.COMMUNITY, Level.STREET]).select_related("leads", "area")


def units_of(rnd: EvaluationRound):
    return Org.objects.filter(kind__in=UNIT_KINDS, area__path__startswith=rnd.scope.path).select_related("area")


def may_rate(rater: Org, ratee: Org) -> str | None:
    """The side the ratee is scored on when this rater rates it, or None if it may not."""
    if rater.leads_id and rater.leads.level in (Level.COMMUNITY, Level.STREET):
        if ratee.kind in UNIT_KINDS and ratee.area.path.startswith(rater.leads.path):
            return Side.UNIT
        return None
    if rater.kind in UNIT_KINDS and ratee.leads_id and ratee.leads.level in (Level.COMMUNITY, Level.STREET):
        if rater.area.path.startswith(ratee.leads.path):
            return Side.COMMUNITY
    return None


def _may_act_for(by, org: Org) -> bool:
    if by is None:
        return True
    scope = scope_for(by)
    if org.pk in scope.unit_org_ids:
        return True
    return bool(org.leads_id) and scope.covers_path(org.leads.path)


def submit_scores(*, round: EvaluationRound, by, rater: Org, ratee: Org, values: dict[int, Any]) -> list[Score]:
    """The rater's scores (0–100) of the ratee, one per criterion of the ratee's side."""
    require(by, "evaluation.score")
    if not _may_act_for(by, rater):
        raise ValidationError({"rater": _("您不能代表“%(o)s”评议。") % {"o": rater.name}})
    side = may_rate(rater, ratee)
    if side is None or not ratee.area.path.startswith(round.scope.path):
        raise ValidationError({"ratee": _("“%(a)s”不能评议“%(b)s”：社区/街道评议辖区内驻区单位，驻区单位评议所在社区/街道。") % {
            "a": rater.name, "b": ratee.name}})
    criteria = {c.pk: c for c in round.criteria.filter(side=side)}
    clean: dict[int, int] = {}
    for cid, c in criteria.items():
        raw = values.get(cid, values.get(str(cid)))
        if raw in (None, ""):
            raise ValidationError({f"c{cid}": _("请为“%(c)s”打分。") % {"c": c.name}})
        try:
            v = int(str(raw).strip())
        except ValueError:
            raise ValidationError({f"c{cid}": _("“%(c)s”的分值应为0到100的整数。") % {"c": c.name}}) from None
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
                criterion_id=cid, rater=rater, ratee=ratee, defaults={"value": v, "round": locked})
            saved.append(score)
        record(actor=by, action="evaluation.score", obj=locked,
               after={"rater": rater.pk, "ratee": ratee.pk, "values": {str(k): v for k, v in clean.items()}})
    return saved


def community_of(area: Area) -> Area | None:
    """The community an area is in (itself, or the community above a grid)."""
    if area.level == Level.COMMUNITY:
        return area
    if area.level == Level.GRID:
        return area.parent
    return None


def answer_survey(*, round: EvaluationRound, by, person: Person | None = None, satisfaction: Any,
                  unit_ratings: dict[int, Any] | None = None, comment: str = "",
                  today: dt.date | None = None) -> SurveyAnswer:
    """A resident's one anonymous answer: the respondent goes to ``Respondent``, the answer
    names no one."""
    require(by, "evaluation.survey")
    if person is None:
        person = getattr(by, "person", None)
    if person is None:
        raise ValidationError({"person": _("您的账号未关联居民信息，不能答卷。")})
    community = community_of(person.home_area)
    if community is None or not community.path.startswith(round.scope.path):
        raise ValidationError({"person": _("您不住在本次评议范围内的社区，不能答卷。")})
    try:
        s = int(str(satisfaction))
    except ValueError:
        s = 0
    if not 1 <= s <= 5:
        raise ValidationError({"satisfaction": _("满意度应为1到5星。")})
    units = {u.pk: u for u in Org.objects.filter(kind__in=UNIT_KINDS, area__path__startswith=community.path)}
    rated = [int(uid) for uid, raw in (unit_ratings or {}).items() if raw not in (None, "") and int(uid) in units]
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
        try:
            r = int(str(raw))
        except ValueError:
            r = 0
        if not 1 <= r <= 5:
            raise ValidationError({"unit_ratings": _("“%(u)s”的满意度应为1到5星。") % {"u": units[int(uid)].name}})
        ratings[int(uid)] = r
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
                round=locked, community=community, community_org=community_org, satisfaction=s,
                comment=comment.strip(), answered_on=today or timezone.localdate())
            counters.created(answer)
            # UnitRating is not a registered fact: bulk_create is fine here.
            UnitRating.objects.bulk_create([UnitRating(answer=answer, unit_id=u, satisfaction=r) for u, r in ratings.items()])
            # The audit entry names the respondent's act, never the answer's content.
            record(actor=by, action="evaluation.survey", obj=locked, after={"answered": True})
    except IntegrityError:
        raise ValidationError({"person": _("您已参加本轮满意度测评，每人只能答一次。")}) from None
    return answer


# ------------------------------------------------------------------------- publication


def service_record(rnd: EvaluationRound, org_ids: list[int]) -> dict[int, str]:
    """The units' service record (0–100) from the other linkages, where they are installed."""
    from wulian.evaluations import service_record as sr

    return sr.scores(rnd, org_ids)


def gather_inputs(rnd: EvaluationRound) -> dict[str, Any]:
    """Every figure the results are computed from, as canonical JSON-ready data."""
    from django.db.models import Count, Sum

    orgs = [{"id": o.pk, "name": o.name, "side": Side.COMMUNITY.value, "area": o.leads.code, "level": o.leads.level}
            for o in communities_of(rnd)]
    orgs += [{"id": o.pk, "name": o.name, "side": Side.UNIT.value, "area": o.area.code} for o in units_of(rnd)]
    orgs.sort(key=lambda o: o["id"])
    criteria = [{"id": c.pk, "side": c.side, "name": c.name, "weight": str(c.weight)} for c in rnd.criteria.all()]
    scores = sorted(Score.objects.filter(round=rnd).values_list("criterion_id", "rater_id", "ratee_id", "value"))
    satisfaction: dict[str, list[int]] = {}
    for row in SurveyAnswer.objects.filter(round=rnd, community_org__isnull=False).values("community_org").annotate(
            s=Sum("satisfaction"), n=Count("id")):
        satisfaction[str(row["community_org"])] = [row["s"], row["n"]]
    for row in UnitRating.objects.filter(answer__round=rnd).values("unit").annotate(s=Sum("satisfaction"), n=Count("id")):
        satisfaction[str(row["unit"])] = [row["s"], row["n"]]
    service = service_record(rnd, [o["id"] for o in orgs if o["side"] == Side.UNIT])
    return {
        "round": {
            "id": rnd.pk, "title": rnd.title, "year": rnd.year, "scope": rnd.scope.code,
            "weights": {"satisfaction": str(rnd.weight_satisfaction), "criteria": str(rnd.weight_criteria),
                        "service": str(rnd.weight_service)},
            "exemplary_share": rnd.exemplary_share, "exemplary_min": str(rnd.exemplary_min),
        },
        "criteria": criteria,
        "orgs": orgs,
        "scores": [list(s) for s in scores],
        "satisfaction": satisfaction,
        "service": {str(k): v for k, v in service.items()},
    }


def publish_round(*, round: EvaluationRound, by, now: dt.datetime | None = None) -> EvaluationRound:
    """Compute, freeze (canonical JSON + SM3) and publish the results; open the appeal window."""
    require(by, "evaluation.manage")
    _require_scope(by, round.scope)
    now = now or timezone.now()
    with transaction.atomic():
        locked = EvaluationRound.objects.select_for_update().select_related("scope").get(pk=round.pk)
        if locked.state != RoundState.OPEN:
            raise ValidationError({"state": _("只有评议中的轮次可以公布结果；已公布的结果不能再修改。")})
        inputs = gather_inputs(locked)
        results = scoring.compute(inputs, method=scoring.METHOD)
        frozen = scoring.canonical({"inputs": inputs, "results": results, "method": scoring.METHOD})
        areas = {a.code: a.pk for a in Area.objects.filter(code__in={r["area"] for r in results})}
        counters.created(Result.objects.bulk_create([
            Result(round=locked, org_id=r["org"], area_id=areas[r["area"]], side=r["side"],
                   criteria_score=r["criteria"], satisfaction_score=r["satisfaction"], service_score=r["service"],
                   total=r["total"], rank=r["rank"], exemplary=r["exemplary"],
                   breakdown={"per_criterion": r["per_criterion"], "answers": r["answers"]})
            for r in results
        ]))
        locked.state = RoundState.PUBLISHED
        locked.published_at = now
        locked.appeal_until = now + dt.timedelta(days=locked.appeal_days)
        locked.frozen_json = frozen
        locked.frozen_hash = scoring.digest(frozen)
        locked.save(update_fields=["state", "published_at", "appeal_until", "frozen_json", "frozen_hash"])
        record(actor=by, action="evaluation.publish", obj=locked, before={"state": "open"},
               after={"state": "published", "frozen_hash": locked.frozen_hash, "results": len(results)})
        exemplary = [r["org"] for r in results if r["exemplary"]]
        notify(kind="evaluation.exemplary", to=[recipients.officials_of(*exemplary)], title=_("您单位被评为共驻共建先进单位"), body=locked.title)
    return locked


def file_appeal(*, round: EvaluationRound, by, org: Org, reason: str, now: dt.datetime | None = None) -> Appeal:
    require(by, "evaluation.appeal")
    now = now or timezone.now()
    if not _may_act_for(by, org):
        raise ValidationError({"org": _("您不能代表“%(o)s”申诉。") % {"o": org.name}})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写申诉理由。")})
    if round.state != RoundState.PUBLISHED or round.appeal_until is None:
        raise ValidationError({"round": _("结果尚未公布，不能申诉。")})
    if now > round.appeal_until:
        raise ValidationError({"round": _("申诉期已于%(d)s截止。") % {
            "d": timezone.localtime(round.appeal_until).strftime("%Y-%m-%d %H:%M")}})
    if not Result.objects.filter(round=round, org=org).exists():
        raise ValidationError({"org": _("“%(o)s”不在本轮评议结果中。") % {"o": org.name}})
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(round=round, org=org, reason=reason[:2000], created_by=by)
            record(actor=by, action="evaluation.appeal", obj=appeal, after=snapshot(appeal))
    except IntegrityError:
        raise ValidationError({"org": _("本单位已就本轮评议提出过申诉。")}) from None
    return appeal


def decide_appeal(*, appeal: Appeal, by, upheld: bool, reply: str) -> Appeal:
    """Answer an appeal. Published results stay frozen: an upheld appeal is recorded with the
    reply (a correction is a note on the record, never an edit of the frozen figures)."""
    require(by, "evaluation.manage")
    _require_scope(by, appeal.round.scope)
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": _("请填写答复。")})
    with transaction.atomic():
        n = Appeal.objects.filter(pk=appeal.pk, state=AppealState.PENDING).update(
            state=AppealState.UPHELD if upheld else AppealState.REJECTED, reply=reply, decided_at=timezone.now())
        if not n:
            raise ValidationError({"state": _("该申诉已处理。")})
        appeal.refresh_from_db()
        record(actor=by, action="evaluation.decide_appeal", obj=appeal, before={"state": "pending"},
               after={"state": appeal.state, "reply": reply})
        notify(kind="evaluation.appeal_decided", to=[recipients.officials_of(appeal.org_id)], title=_("您的评议申诉已答复"), body=reply[:200])
    return appeal


__all__ = ["Kind"]
