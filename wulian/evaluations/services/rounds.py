"""Setting a round up: create it, its weights and criteria, then open it."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.selectors import scope_for
from wulian.accounts.services import require
from wulian.areas.models import Area, Level
from wulian.audit.services import record, snapshot
from wulian.evaluations import scoring
from wulian.evaluations.models import (
    Criterion,
    EvaluationRound,
    RoundState,
    Side,
)

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
        raise ValidationError(
            {
                "weight_satisfaction": _(
                    "群众满意度、互评指标、服务实绩三项权重之和应为100%%，现为%(t)s%%。"
                )
                % {"t": scoring.q(total)}
            }
        )
    if satisfaction < max(criteria, service):
        raise ValidationError(
            {"weight_satisfaction": _("群众满意度应为主要权重（不低于其他任一项）。")}
        )


def _require_scope(by: User | None, area: Area) -> None:
    if by is not None and not scope_for(by).covers_path(area.path):
        raise ValidationError({"scope": _("评议范围不在您的管辖范围内。")})


def create_round(
    *,
    by: User | None,
    scope: Area,
    year: int,
    title: str = "",
    weight_satisfaction: Any = 50,
    weight_criteria: Any = 30,
    weight_service: Any = 20,
    exemplary_share: int = 20,
    exemplary_min: Any = 85,
    appeal_days: int = 7,
) -> EvaluationRound:
    require(by, "evaluation.manage")
    _require_scope(by, scope)
    if scope.level == Level.GRID:
        raise ValidationError({"scope": _("评议范围应为市、区(市)县、街道或社区。")})
    ws, wc, wv = (
        _decimal(weight_satisfaction, "weight_satisfaction"),
        _decimal(weight_criteria, "weight_criteria"),
        _decimal(weight_service, "weight_service"),
    )
    _check_weights(ws, wc, wv)
    if not (2000 <= int(year) <= 2100):
        raise ValidationError({"year": _("年度无效。")})
    if not (1 <= int(exemplary_share) <= 100):
        raise ValidationError({"exemplary_share": _("先进单位比例应在1到100之间。")})
    if EvaluationRound.objects.filter(scope=scope, year=year).exists():
        raise ValidationError(
            {"year": _("%(s)s%(y)s年度的评议已存在。") % {"s": scope.name, "y": year}}
        )
    rnd = EvaluationRound(
        title=title.strip() or _("%(s)s%(y)s年度共驻共建双向评议") % {"s": scope.name, "y": year},
        year=year,
        scope=scope,
        weight_satisfaction=ws,
        weight_criteria=wc,
        weight_service=wv,
        exemplary_share=exemplary_share,
        exemplary_min=_decimal(exemplary_min, "exemplary_min"),
        appeal_days=appeal_days,
        created_by=by,
    )
    try:
        with transaction.atomic():
            rnd.save()
            record(actor=by, action="evaluation.create", obj=rnd, after=snapshot(rnd))
    except IntegrityError:
        raise ValidationError({"year": _("该范围该年度的评议已存在。")}) from None
    return rnd


def set_weights(
    *,
    round: EvaluationRound,
    by: User | None,
    weight_satisfaction: Any,
    weight_criteria: Any,
    weight_service: Any,
) -> EvaluationRound:
    require(by, "evaluation.manage")
    _require_scope(by, round.scope)
    ws, wc, wv = (
        _decimal(weight_satisfaction, "weight_satisfaction"),
        _decimal(weight_criteria, "weight_criteria"),
        _decimal(weight_service, "weight_service"),
    )
    _check_weights(ws, wc, wv)
    with transaction.atomic():
        locked = EvaluationRound.objects.select_for_update().get(pk=round.pk)
        if locked.state == RoundState.PUBLISHED:
            raise ValidationError({"state": _("结果已公布，权重不能再修改。")})
        before = snapshot(locked)
        locked.weight_satisfaction, locked.weight_criteria, locked.weight_service = ws, wc, wv
        locked.save(update_fields=["weight_satisfaction", "weight_criteria", "weight_service"])
        record(
            actor=by,
            action="evaluation.set_weights",
            obj=locked,
            before=before,
            after=snapshot(locked),
        )
    return locked


def set_criteria(
    *, round: EvaluationRound, by: User | None, criteria: list[tuple[str, str, Any]]
) -> list[Criterion]:
    """Replace the round's criteria: (side, name, weight %); each side's weights sum to 100."""
    require(by, "evaluation.manage")
    _require_scope(by, round.scope)
    rows: list[Criterion] = []
    sums: dict[str, Decimal] = {Side.UNIT: Decimal(0), Side.COMMUNITY: Decimal(0)}
    seen: set[tuple[str, str]] = set()
    for n, (side, name, weight) in enumerate(criteria, start=1):
        name = (name or "").strip()
        if side not in sums:
            raise ValidationError({"criteria": _("第%(n)d项：评议对象无效。") % {"n": n}})
        if not name:
            raise ValidationError({"criteria": _("第%(n)d项：请填写指标名称。") % {"n": n}})
        if (side, name) in seen:
            raise ValidationError(
                {"criteria": _("第%(n)d项：指标“%(m)s”重复。") % {"n": n, "m": name}}
            )
        seen.add((side, name))
        w = _decimal(weight, "criteria")
        if w <= 0:
            raise ValidationError({"criteria": _("第%(n)d项：权重应大于0。") % {"n": n}})
        sums[side] += w
        rows.append(Criterion(round=round, side=side, name=name, weight=w, order=n))
    for side, total in sums.items():
        if total != HUNDRED:
            raise ValidationError(
                {
                    "criteria": _("“%(s)s”的指标权重之和应为100%%，现为%(t)s%%。")
                    % {"s": Side(side).label, "t": scoring.q(total)}
                }
            )
    with transaction.atomic():
        locked = EvaluationRound.objects.select_for_update().get(pk=round.pk)
        if locked.state != RoundState.DRAFT:
            raise ValidationError({"criteria": _("评议已开始，指标不能再修改。")})
        before = list(locked.criteria.values("side", "name", "weight"))
        locked.criteria.all().delete()
        Criterion.objects.bulk_create(rows)
        record(
            actor=by,
            action="evaluation.set_criteria",
            obj=locked,
            before=before,
            after=[{"side": c.side, "name": c.name, "weight": c.weight} for c in rows],
        )
    return list(round.criteria.all())


def open_round(*, round: EvaluationRound, by: User | None) -> EvaluationRound:
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
        record(
            actor=by,
            action="evaluation.open",
            obj=locked,
            before={"state": "draft"},
            after={"state": "open"},
        )
    return locked
