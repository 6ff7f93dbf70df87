"""Permission-aware reads of evaluations."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import scope_for
from wulian.evaluations.models import EvaluationRound, Respondent, Result, RoundState
from wulian.orgs.models import Org


def _prefixes(path: str) -> list[str]:
    codes = [c for c in path.split("/") if c]
    return ["/".join(codes[: i + 1]) + "/" for i in range(len(codes))]


def visible_rounds(user) -> QuerySet[EvaluationRound]:
    """Rounds over a scope the user covers, or whose scope contains the user's area, unit or home."""
    scope = scope_for(user)
    q = Q(pk__in=[])
    for path in scope.area_paths:
        q |= Q(scope__path__startswith=path)
    inside: set[str] = set(scope.area_paths)
    if scope.unit_org_ids:
        inside.update(Org.objects.filter(pk__in=scope.unit_org_ids).values_list("area__path", flat=True))
    if scope.home_area_path:
        inside.add(scope.home_area_path)
    ancestors = {p for path in inside for p in _prefixes(path)}
    if ancestors:
        q |= Q(scope__path__in=ancestors)
    return EvaluationRound.objects.filter(q).select_related("scope")


def managed_rounds(user) -> QuerySet[EvaluationRound]:
    """Rounds over a scope inside the user's subtrees (what area staff may manage)."""
    return scope_for(user).filter(EvaluationRound.objects.all(), area="scope").select_related("scope")


def own_orgs(user, rnd: EvaluationRound) -> list[Org]:
    """The organizations the user acts for in this round: their units, and the community/street
    party organizations whose area they cover (within the round's scope)."""
    scope = scope_for(user)
    q = Q(pk__in=scope.unit_org_ids)
    for path in scope.area_paths:
        q |= Q(leads__path__startswith=path, leads__level__in=["community", "street"])
    return list(Org.objects.filter(q).filter(
        Q(area__path__startswith=rnd.scope.path)).select_related("area", "leads").order_by("name")[:200])


def results(rnd: EvaluationRound, *, side: str | None = None) -> QuerySet[Result]:
    qs = Result.objects.filter(round=rnd).select_related("org", "area")
    return qs.filter(side=side) if side else qs


def todos_for(user) -> list[dict]:
    if not has_action(user, "evaluation.score") and not has_action(user, "evaluation.survey"):
        return []
    rounds = list(visible_rounds(user).filter(state=RoundState.OPEN).values_list("pk", flat=True)[:5])
    if not rounds:
        return []
    if has_action(user, "evaluation.score"):
        return [{"label": _("双向评议进行中"), "url": reverse("evaluations:list"), "count": len(rounds), "level": "info"}]
    answered = set(Respondent.objects.filter(round_id__in=rounds, person_id=user.person_id).values_list("round_id", flat=True))
    return [{"label": _("满意度测评进行中"), "url": reverse("evaluations:survey", args=[pk]), "count": 1, "level": "info"}
            for pk in rounds if pk not in answered]


def appeal_open(rnd: EvaluationRound) -> bool:
    return rnd.state == RoundState.PUBLISHED and rnd.appeal_until is not None and timezone.now() <= rnd.appeal_until
