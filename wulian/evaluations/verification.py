"""Re-verify published results: anyone in scope can check that the frozen figures are intact
and that the published results follow from them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from wulian.evaluations import scoring
from wulian.evaluations.models import EvaluationRound, Result


@dataclass
class Verification:
    checks: list[tuple[str, bool, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(ok for _l, ok, _d in self.checks)


def verify_round(rnd: EvaluationRound) -> Verification:
    from wulian.audit.models import AuditEntry
    from wulian.evaluations.services import gather_inputs

    v = Verification()
    if not rnd.frozen_json:
        v.checks.append((_("结果已冻结"), False, _("本轮结果尚未公布。")))
        return v
    actual = scoring.digest(rnd.frozen_json)
    v.checks.append((_("冻结数据的SM3摘要"), actual == rnd.frozen_hash, actual))
    entry = (
        AuditEntry.objects.filter(action="evaluation.publish", object_id=str(rnd.pk))
        .order_by("-at")
        .first()
    )
    anchored = entry is not None and (entry.after or {}).get("frozen_hash") == actual
    v.checks.append((_("摘要与审计链中的公布记录一致"), anchored, entry.hash if entry else "—"))
    try:
        frozen = json.loads(rnd.frozen_json)
        # The method the round was published with (method 1 rounds carry "/1").
        recomputed = scoring.compute(
            frozen["inputs"], method=frozen.get("method", scoring.METHOD_V1)
        )
    except (ValueError, KeyError, TypeError) as exc:
        v.checks.append((_("按公布的方法重新计算"), False, str(exc)))
        return v
    v.checks.append(
        (
            _("按公布的方法重新计算，结果一致"),
            recomputed == frozen["results"],
            _("%(n)d个组织") % {"n": len(recomputed)},
        )
    )
    stored = {r.org_id: r for r in Result.objects.filter(round=rnd)}
    same = len(stored) == len(recomputed) and all(
        (
            r["org"] in stored
            and str(stored[r["org"]].total) == r["total"]
            and stored[r["org"]].rank == r["rank"]
            and stored[r["org"]].exemplary == r["exemplary"]
        )
        for r in recomputed
    )
    v.checks.append((_("公布的排名与冻结数据一致"), same, ""))
    now = gather_inputs(rnd)
    same_inputs = all(
        scoring.canonical(now[k]) == scoring.canonical(frozen["inputs"][k])
        for k in ("criteria", "scores", "satisfaction")
    )
    v.checks.append((_("评分与答卷在公布后未被改动"), same_inputs, ""))
    return v
