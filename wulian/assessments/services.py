"""Every change to 政绩考核 and 述职评议: a level's indicator system for a year, its indicators
(weights summing to 100), the assessing level's scores on manual indicators, the org's 述职 report
(one per org and year) and the upper level's evaluation of it."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.areas.models import Area, Level
from wulian.assessments import rules
from wulian.assessments.models import Grade, Indicator, IndicatorSystem, ManualScore, Report, Source
from wulian.assessments.selectors import assessed
from wulian.audit.services import record, snapshot
from wulian.orgs.models import Org

LEVELS = (Level.CITY, Level.DISTRICT, Level.STREET)


def create_system(
    *, by: User | None, area: Area | None, year: int | None, name: str = ""
) -> IndicatorSystem:
    require(by, "assessment.manage")
    errors: dict[str, list[str]] = {}
    if area is None or area.level not in LEVELS:
        errors["area"] = [_("考核指标体系按市、区（市）县或街道设置。")]
    else:
        require_area(by, area.path)
    if year is None or not 2000 <= year <= 2100:
        errors["year"] = [_("请填写有效的年度。")]
    if errors or area is None or year is None:
        raise ValidationError(errors)
    name = (name or "").strip() or _("%(a)s%(y)d年度党建引领政绩考核") % {"a": area.name, "y": year}
    with transaction.atomic():
        try:
            with transaction.atomic():
                system = IndicatorSystem.objects.create(
                    area=area, year=year, name=name[:100], created_by=by
                )
        except IntegrityError:
            raise ValidationError(
                {"year": _("%(a)s已有%(y)d年度的考核指标体系。") % {"a": area.name, "y": year}}
            ) from None
        record(actor=by, action="assessment.create", obj=system, after=snapshot(system))
    return system


def _clean_indicator(
    n: int, row: dict, seen: set[str], problems: list[str]
) -> tuple[str, int, str]:
    """The ``n``-th indicator row as (name, weight, source); what is wrong goes to ``problems``
    (a bad weight counts as 0). ``seen`` collects the names so far."""
    name = str(row.get("name") or "").strip()
    source = str(row.get("source") or "").strip()
    weight = row.get("weight")
    if not name:
        problems.append(_("第%(n)d项：请填写指标名称。") % {"n": n})
    elif len(name) > 60:
        problems.append(_("第%(n)d项：指标名称不能超过60字。") % {"n": n})
    elif name in seen:
        problems.append(_("第%(n)d项：指标“%(x)s”重复。") % {"n": n, "x": name})
    seen.add(name)
    if source not in Source.values:
        problems.append(_("第%(n)d项：数据来源“%(s)s”不存在。") % {"n": n, "s": source})
    if not isinstance(weight, int) or isinstance(weight, bool) or not 1 <= weight <= 100:
        problems.append(_("第%(n)d项：权重应为1到100的整数。") % {"n": n})
        weight = 0
    return name, weight, source


def _clean_indicators(indicators: Sequence[dict]) -> tuple[list[tuple[str, int, str]], list[str]]:
    """Every row cleaned, and every problem: bad rows, no rows, or weights not summing to 100."""
    problems: list[str] = []
    seen: set[str] = set()
    cleaned = [
        _clean_indicator(n, row, seen, problems) for n, row in enumerate(indicators, start=1)
    ]
    if not indicators:
        problems.append(_("请至少设置一项指标。"))
    total = sum(w for _n, w, _s in cleaned)
    if not problems and total != 100:
        problems.append(_("各项指标权重合计应为100，现为%(t)d。") % {"t": total})
    return cleaned, problems


def set_indicators(
    *, by: User | None, system: IndicatorSystem, indicators: Sequence[dict]
) -> list[Indicator]:
    """Replace the system's indicators: each a name, a weight (1–100) and a source; the weights
    sum to exactly 100. Every bad row is named; nothing is written unless all are good. Manual
    scores of an indicator kept by name stay."""
    require(by, "assessment.manage")
    require_area(by, system.area.path)
    cleaned, problems = _clean_indicators(indicators)
    if problems:
        raise ValidationError({"indicators": problems})
    with transaction.atomic():
        before = [str(i) for i in system.indicators.all()]
        system.indicators.exclude(name__in=[n for n, _w, _s in cleaned]).delete()
        kept = {i.name: i for i in system.indicators.all()}
        out = []
        for position, (name, weight, source) in enumerate(cleaned, start=1):
            ind = kept.get(name) or Indicator(system=system, name=name)
            if ind.pk and ind.source != source:
                ind.scores.all().delete()
            ind.position, ind.weight, ind.source = position, weight, source
            ind.save()
            out.append(ind)
        record(
            actor=by,
            action="assessment.indicators",
            obj=system,
            before={"indicators": before},
            after={"indicators": [str(i) for i in out]},
        )
    return out


def _decimal(value: object, label: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(
            _("%(l)s：得分“%(v)s”不是数字。") % {"l": label, "v": value}
        ) from None
    if not number.is_finite() or not 0 <= number <= 100:
        raise ValidationError(_("%(l)s：得分应在0到100之间。") % {"l": label})
    return number.quantize(Decimal("0.01"))


def score_manual(*, by: User | None, indicator: Indicator, scores: dict[int, object]) -> int:
    """The assessing level's scores (0–100) of the assessed orgs on a manual indicator, by org
    id; an empty score clears it. Every bad one is named; nothing is written unless all are good."""
    require(by, "assessment.manage")
    require_area(by, indicator.system.area.path)
    if indicator.source != Source.MANUAL:
        raise ValidationError(
            {"indicator": _("“%(i)s”的数据来自平台，不能人工评分。") % {"i": indicator.name}}
        )
    orgs = {o.pk: o for _a, o in assessed(indicator.system)}
    problems: list[str] = []
    clean: dict[int, Decimal | None] = {}
    for org_id, value in scores.items():
        if org_id not in orgs:
            problems.append(_("单位 %(id)s 不是本次考核对象。") % {"id": org_id})
        elif value in (None, ""):
            clean[org_id] = None
        else:
            try:
                clean[org_id] = _decimal(value, orgs[org_id].name)
            except ValidationError as exc:
                problems.extend(exc.messages)
    if problems:
        raise ValidationError({"scores": problems})
    with transaction.atomic():
        for org_id, score in clean.items():
            if score is None:
                ManualScore.objects.filter(indicator=indicator, org_id=org_id).delete()
            else:
                ManualScore.objects.update_or_create(
                    indicator=indicator, org_id=org_id, defaults={"score": score, "scored_by": by}
                )
        record(
            actor=by,
            action="assessment.score",
            obj=indicator,
            after={"scores": {str(k): str(v) if v is not None else "" for k, v in clean.items()}},
        )
    return len(clean)


def submit_report(
    *, by: User | None, org: Org | None, year: int | None, secretary: str, text: str
) -> Report:
    """书记述职: one report per org and year, by someone who works for the org."""
    require(by, "work_report.submit")
    errors: dict[str, list[str]] = {}
    if org is None or org.leads_id is None:
        errors["org"] = [_("请选择领导一个区域的党组织。")]
    elif not rules.can_submit(by, org):
        raise PermissionDenied("work_report.submit")
    if year is None or not 2000 <= year <= 2100:
        errors["year"] = [_("请填写有效的年度。")]
    if not (secretary or "").strip():
        errors["secretary"] = [_("请填写书记姓名。")]
    if not (text or "").strip():
        errors["text"] = [_("请填写述职报告。")]
    if errors or org is None or org.leads is None or year is None:
        raise ValidationError(errors)
    with transaction.atomic():
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    org=org,
                    area=org.leads,
                    year=year,
                    secretary=secretary.strip()[:50],
                    text=text.strip(),
                    submitted_by=by,
                )
        except IntegrityError:
            raise ValidationError(
                {"year": _("%(o)s已提交%(y)d年度的述职报告。") % {"o": org.name, "y": year}}
            ) from None
        record(actor=by, action="work_report.submit", obj=report, after=snapshot(report))
    return report


def evaluate_report(
    *, by: User | None, report: Report, grade: str, score: object = None, comment: str = ""
) -> Report:
    """The upper level's 评议: a grade (好 / 较好 / 一般 / 差), an optional score (0–100) and comment."""
    require(by, "work_report.evaluate")
    if not rules.can_evaluate(by, report):
        raise PermissionDenied("work_report.evaluate")
    errors: dict[str, list[str]] = {}
    if grade not in Grade.values:
        errors["grade"] = [_("请选择评议等次（好、较好、一般、差）。")]
    value = None
    if score not in (None, ""):
        try:
            value = _decimal(score, _("评议得分"))
        except ValidationError as exc:
            errors["score"] = exc.messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = snapshot(report)
        report.grade, report.score, report.comment = grade, value, (comment or "").strip()
        report.evaluated_by, report.evaluated_at = by, timezone.now()
        report.save(update_fields=["grade", "score", "comment", "evaluated_by", "evaluated_at"])
        record(
            actor=by,
            action="work_report.evaluate",
            obj=report,
            before=before,
            after=snapshot(report),
        )
    return report
