"""Publishing a round with its frozen, hashed inputs, and the appeals against it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require
from wulian.areas.models import Area
from wulian.audit.services import record, snapshot
from wulian.core import counters
from wulian.evaluations import scoring
from wulian.evaluations.models import (
    Appeal,
    AppealState,
    EvaluationRound,
    Result,
    RoundState,
    Score,
    Side,
    SurveyAnswer,
    UnitRating,
)
from wulian.evaluations.services.rating import (
    _may_act_for,
    communities_of,
    units_of,
)
from wulian.evaluations.services.rounds import _require_scope
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.orgs.models import Org


def service_record(rnd: EvaluationRound, org_ids: list[int]) -> dict[int, str]:
    """The units' service record (0–100) from the other linkages, where they are installed."""
    from wulian.evaluations import service_record as sr

    return sr.scores(rnd, org_ids)


def gather_inputs(rnd: EvaluationRound) -> dict[str, Any]:
    """Every figure the results are computed from, as canonical JSON-ready data."""
    from django.db.models import Count, Sum

    orgs: list[dict[str, Any]] = [
        {
            "id": o.pk,
            "name": o.name,
            "side": Side.COMMUNITY.value,
            "area": o.leads.code,
            "level": o.leads.level,
        }
        for o in communities_of(rnd)
        if o.leads is not None
    ]
    orgs += [
        {"id": o.pk, "name": o.name, "side": Side.UNIT.value, "area": o.area.code}
        for o in units_of(rnd)
    ]
    orgs.sort(key=lambda o: o["id"])
    criteria = [
        {"id": c.pk, "side": c.side, "name": c.name, "weight": str(c.weight)}
        for c in rnd.criteria.all()
    ]
    scores = sorted(
        Score.objects.filter(round=rnd).values_list("criterion_id", "rater_id", "ratee_id", "value")
    )
    satisfaction: dict[str, list[int]] = {}
    for row in (
        SurveyAnswer.objects.filter(round=rnd, community_org__isnull=False)
        .values("community_org")
        .annotate(s=Sum("satisfaction"), n=Count("id"))
    ):
        satisfaction[str(row["community_org"])] = [row["s"], row["n"]]
    for row in (
        UnitRating.objects.filter(answer__round=rnd)
        .values("unit")
        .annotate(s=Sum("satisfaction"), n=Count("id"))
    ):
        satisfaction[str(row["unit"])] = [row["s"], row["n"]]
    service = service_record(rnd, [o["id"] for o in orgs if o["side"] == Side.UNIT])
    return {
        "round": {
            "id": rnd.pk,
            "title": rnd.title,
            "year": rnd.year,
            "scope": rnd.scope.code,
            "weights": {
                "satisfaction": str(rnd.weight_satisfaction),
                "criteria": str(rnd.weight_criteria),
                "service": str(rnd.weight_service),
            },
            "exemplary_share": rnd.exemplary_share,
            "exemplary_min": str(rnd.exemplary_min),
        },
        "criteria": criteria,
        "orgs": orgs,
        "scores": [list(s) for s in scores],
        "satisfaction": satisfaction,
        "service": {str(k): v for k, v in service.items()},
    }


def publish_round(
    *, round: EvaluationRound, by: User | None, now: dt.datetime | None = None
) -> EvaluationRound:
    """Compute, freeze (canonical JSON + SM3) and publish the results; open the appeal window."""
    require(by, "evaluation.manage")
    _require_scope(by, round.scope)
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            EvaluationRound.objects.select_for_update(of=("self",))
            .select_related("scope")
            .get(pk=round.pk)
        )
        if locked.state != RoundState.OPEN:
            raise ValidationError(
                {"state": _("只有评议中的轮次可以公布结果；已公布的结果不能再修改。")}
            )
        inputs = gather_inputs(locked)
        results = scoring.compute(inputs, method=scoring.METHOD)
        frozen = scoring.canonical({"inputs": inputs, "results": results, "method": scoring.METHOD})
        areas = {a.code: a.pk for a in Area.objects.filter(code__in={r["area"] for r in results})}
        counters.created(
            Result.objects.bulk_create(
                [
                    Result(
                        round=locked,
                        org_id=r["org"],
                        area_id=areas[r["area"]],
                        side=r["side"],
                        criteria_score=r["criteria"],
                        satisfaction_score=r["satisfaction"],
                        service_score=r["service"],
                        total=r["total"],
                        rank=r["rank"],
                        exemplary=r["exemplary"],
                        breakdown={"per_criterion": r["per_criterion"], "answers": r["answers"]},
                    )
                    for r in results
                ]
            )
        )
        locked.state = RoundState.PUBLISHED
        locked.published_at = now
        locked.appeal_until = now + dt.timedelta(days=locked.appeal_days)
        locked.frozen_json = frozen
        locked.frozen_hash = scoring.digest(frozen)
        locked.save(
            update_fields=["state", "published_at", "appeal_until", "frozen_json", "frozen_hash"]
        )
        record(
            actor=by,
            action="evaluation.publish",
            obj=locked,
            before={"state": "open"},
            after={
                "state": "published",
                "frozen_hash": locked.frozen_hash,
                "results": len(results),
            },
        )
        exemplary = [r["org"] for r in results if r["exemplary"]]
        notify(
            kind="evaluation.exemplary",
            to=[recipients.officials_of(*exemplary)],
            title=_("您单位被评为共驻共建先进单位"),
            body=locked.title,
        )
    return locked


def file_appeal(
    *,
    round: EvaluationRound,
    by: User | None,
    org: Org,
    reason: str,
    now: dt.datetime | None = None,
) -> Appeal:
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
        raise ValidationError(
            {
                "round": _("申诉期已于%(d)s截止。")
                % {"d": timezone.localtime(round.appeal_until).strftime("%Y-%m-%d %H:%M")}
            }
        )
    if not Result.objects.filter(round=round, org=org).exists():
        raise ValidationError({"org": _("“%(o)s”不在本轮评议结果中。") % {"o": org.name}})
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                round=round, org=org, reason=reason[:2000], created_by=by
            )
            record(actor=by, action="evaluation.appeal", obj=appeal, after=snapshot(appeal))
    except IntegrityError:
        raise ValidationError({"org": _("本单位已就本轮评议提出过申诉。")}) from None
    return appeal


def decide_appeal(*, appeal: Appeal, by: User | None, upheld: bool, reply: str) -> Appeal:
    """Answer an appeal. Published results stay frozen: an upheld appeal is recorded with the
    reply (a correction is a note on the record, never an edit of the frozen figures)."""
    require(by, "evaluation.manage")
    _require_scope(by, appeal.round.scope)
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": _("请填写答复。")})
    with transaction.atomic():
        n = Appeal.objects.filter(pk=appeal.pk, state=AppealState.PENDING).update(
            state=AppealState.UPHELD if upheld else AppealState.REJECTED,
            reply=reply,
            decided_at=timezone.now(),
        )
        if not n:
            raise ValidationError({"state": _("该申诉已处理。")})
        appeal.refresh_from_db()
        record(
            actor=by,
            action="evaluation.decide_appeal",
            obj=appeal,
            before={"state": "pending"},
            after={"state": appeal.state, "reply": reply},
        )
        notify(
            kind="evaluation.appeal_decided",
            to=[recipients.officials_of(appeal.org_id)],
            title=_("您的评议申诉已答复"),
            body=reply[:200],
        )
    return appeal
