"""Permission-aware reads of evaluations."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import scope_for
from wulian.evaluations.models import EvaluationRound, Respondent, Result, RoundState, Side
from wulian.orgs.models import Org

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User
    from wulian.areas.models import Area
    from wulian.people.models import Person


def _prefixes(path: str) -> list[str]:
    codes = [c for c in path.split("/") if c]
    return ["/".join(codes[: i + 1]) + "/" for i in range(len(codes))]


def visible_rounds(user: User | AnonymousUser | None) -> QuerySet[EvaluationRound]:
    """Rounds over a scope the user covers, or whose scope contains the user's area, unit or home."""
    scope = scope_for(user)
    return EvaluationRound.objects.filter(
        scope.paths_q("scope") | scope.above_q("scope")
    ).select_related("scope")


def managed_rounds(user: User | AnonymousUser | None) -> QuerySet[EvaluationRound]:
    """Rounds over a scope inside the user's subtrees (what area staff may manage)."""
    return (
        scope_for(user).filter(EvaluationRound.objects.all(), area="scope").select_related("scope")
    )


def own_orgs(user: User | AnonymousUser | None, rnd: EvaluationRound) -> list[Org]:
    """The organizations the user acts for in this round: their units, and the community/street
    party organizations whose area they cover (within the round's scope)."""
    scope = scope_for(user)
    q = Q(pk__in=scope.unit_org_ids) | (
        scope.paths_q("leads") & Q(leads__level__in=["community", "street"])
    )
    return list(
        Org.objects.filter(q)
        .filter(Q(area__path__startswith=rnd.scope.path))
        .select_related("area", "leads")
        .order_by("name")[:200]
    )


def results(rnd: EvaluationRound, *, side: str | None = None) -> QuerySet[Result]:
    qs = Result.objects.filter(round=rnd).select_related("org", "area")
    return qs.filter(side=side) if side else qs


def group_of(result: Result) -> str:
    """The ranking table a result belongs to: ``unit``, ``street`` or ``community``."""
    if result.side == "unit":
        return "unit"
    return "street" if result.area.level == "street" else "community"


def ranking_tables(rows: Iterable[Result]) -> dict[str, list[Result]]:
    """Results split into the three ranking tables (units, streets, communities), each in rank
    order, every row marked ``tied`` when its rank is shared (并列)."""
    tables: dict[str, list[Result]] = {"unit": [], "street": [], "community": []}
    for r in rows:
        tables[group_of(r)].append(r)
    for table in tables.values():
        table.sort(key=lambda r: (r.rank, r.org.name, r.org_id))
        ranks = [r.rank for r in table]
        for r in table:
            r.tied = ranks.count(r.rank) > 1
    return tables


def todos_for(user: User) -> list[dict]:
    if not has_action(user, "evaluation.score") and not has_action(user, "evaluation.survey"):
        return []
    rounds = list(
        visible_rounds(user).filter(state=RoundState.OPEN).values_list("pk", flat=True)[:5]
    )
    if not rounds:
        return []
    if has_action(user, "evaluation.score"):
        return [
            {
                "label": _("双向评议进行中"),
                "url": reverse("evaluations:list"),
                "count": len(rounds),
                "level": "info",
            }
        ]
    answered = (
        set()
        if user.person_id is None
        else set(
            Respondent.objects.filter(round_id__in=rounds, person_id=user.person_id).values_list(
                "round_id", flat=True
            )
        )
    )
    return [
        {
            "label": _("满意度测评进行中"),
            "url": reverse("evaluations:survey", args=[pk]),
            "count": 1,
            "level": "info",
        }
        for pk in rounds
        if pk not in answered
    ]


def appeal_open(rnd: EvaluationRound) -> bool:
    return (
        rnd.state == RoundState.PUBLISHED
        and rnd.appeal_until is not None
        and timezone.now() <= rnd.appeal_until
    )


# ------------------------------------------------------------------ affiliations (who may not rate)

MEMBER, CONTACT, RESPONSIBLE = "member", "contact", "responsible"
_NAME_SEPARATORS = re.compile(r"[\s,，、/；;]+")


def affiliations(person: Person, unit_ids: Iterable[int]) -> dict[int, str]:
    """The units among ``unit_ids`` the person is affiliated with, and how: a party member of
    its party organization (``Person.party_org`` or a party-member role there), a contact (any
    other role there), or a responsible person named in one of its agreements' service items
    (when the agreements app is installed; matched by name among the names of the
    ``responsible_person`` text, e.g. "后勤保障部 刘明"). Affiliated people may not rate the unit."""
    from wulian.accounts.models import Role, RoleKind

    unit_ids = set(unit_ids)
    if person is None or not unit_ids:
        return {}
    found: dict[int, str] = {}
    if person.party_org_id in unit_ids:
        found[person.party_org_id] = MEMBER
    for org_id, kind in Role.objects.filter(user__person=person, org_id__in=unit_ids).values_list(
        "org_id", "kind"
    ):
        found.setdefault(org_id, MEMBER if kind == RoleKind.PARTY_MEMBER else CONTACT)
    from wulian.agreements.models import ServiceItem

    items = ServiceItem.objects.filter(
        Q(agreement__unit_id__in=unit_ids) | Q(responsible_org_id__in=unit_ids),
        responsible_person__contains=person.name,
    )
    for unit_id, responsible_org_id, names in items.values_list(
        "agreement__unit_id", "responsible_org_id", "responsible_person"
    ):
        if person.name in _NAME_SEPARATORS.split(names.strip()):
            for org_id in {unit_id, responsible_org_id} & unit_ids:
                found.setdefault(org_id, RESPONSIBLE)
    return found


def affiliation_message(kind: str, unit: Org) -> str:
    return {
        MEMBER: _("您是“%(u)s”党组织的党员，不能评价本单位；其他内容可以照常填写。"),
        CONTACT: _("您是“%(u)s”的联络人，不能评价本单位；其他内容可以照常填写。"),
        RESPONSIBLE: _(
            "您是“%(u)s”共建协议的服务项目责任人，不能评价本单位；其他内容可以照常填写。"
        ),
    }[kind] % {"u": unit.name}


def affiliation_note(kind: str) -> str:
    """The short note on the survey page, in place of the unit's rating."""
    return {
        MEMBER: _("您是该单位党组织的党员，不参与评价本单位"),
        CONTACT: _("您是该单位的联络人，不参与评价本单位"),
        RESPONSIBLE: _("您是该单位共建协议的服务项目责任人，不参与评价本单位"),
    }[kind]


# ------------------------------------------------------------------ published results (public pages)


def published_rounds_for(area: Area) -> QuerySet[EvaluationRound]:
    """Published rounds over the area, one of its ancestors, or a part of it: what residents and
    the public of that area may read (no login)."""
    return (
        EvaluationRound.objects.filter(state=RoundState.PUBLISHED)
        .filter(Q(scope__path__in=_prefixes(area.path)) | Q(scope__path__startswith=area.path))
        .select_related("scope")
        .order_by("-year", "-published_at", "-pk")
    )


def public_results(area: Area, *, rounds: int = 5) -> list[dict]:
    """The published results of orgs located in the area's subtree, for the latest ``rounds``
    published rounds that concern it: organisations only, never a person (two queries)."""
    latest = list(published_rounds_for(area)[:rounds])
    rows = (
        Result.objects.filter(round__in=latest, area__path__startswith=area.path)
        .select_related("round", "org", "area")
        .order_by("-round__year", "round_id", "side", "rank", "org__name")
    )
    return [
        {
            "round": r.round.title,
            "year": r.round.year,
            "round_id": r.round_id,
            "org": r.org.name,
            "area": r.area.name,
            "group": str(
                {"unit": _("驻区单位"), "street": _("街道党组织"), "community": _("社区党组织")}[
                    group_of(r)
                ]
            ),
            "rank": r.rank,
            "total": str(r.total),
            "exemplary": r.exemplary,
        }
        for r in rows
    ]


def satisfaction_in_year(paths: list[str], year: int) -> dict[str, Decimal | None]:
    """政绩考核: residents' satisfaction with the communities and streets under each area path in
    ``year``'s published two-way evaluation: the mean of their satisfaction scores (0–100); None
    where none was published. One query."""
    rows = list(
        Result.objects.filter(
            round__year=year,
            round__published_at__isnull=False,
            side=Side.COMMUNITY,
            satisfaction_score__isnull=False,
        ).values_list("area__path", "satisfaction_score")
    )
    out: dict[str, Decimal | None] = {}
    for p in paths:
        scores = [s for path, s in rows if path.startswith(p) and s is not None]
        out[p] = (
            (sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.01")) if scores else None
        )
    return out
