"""Permission-aware reads of needs: what a user may see, the menu a provider may claim from with
its recommendation order, the ledger's balances and the to-dos."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian.accounts.models import User
from wulian.accounts.rules import STAFF, has_action, role_kinds
from wulian.accounts.selectors import Scope, scope_for
from wulian.areas.models import Area, Level
from wulian.needs.models import (
    CommunityRegistration,
    CompensationEntry,
    Need,
    NeedPhoto,
    NeedQuerySet,
    State,
    split_skills,
)
from wulian.needs.providers import Provider, ProviderContext, provider_context
from wulian.orgs.models import Org
from wulian.people.models import Person

_RELATED = ("area", "community", "street", "posted_by", "provider_org", "provider_person")
# The need's area of each level, denormalised and indexed with ``listed_at``: staff scopes are
# equalities on these (``Scope.levels_q``), never a ``LIKE`` on the joined area's path.
LEVEL_COLUMNS = {"district": "district_id", "street": "street_id", "community": "community_id"}


def _in_subtrees(scope: Scope) -> Q:
    return scope.levels_q(LEVEL_COLUMNS, "area")


def visible_needs(user: User | AnonymousUser | None) -> QuerySet[Need]:
    """Staff: needs in their subtrees. Units: open needs in their street and the needs they hold.
    Party members: open needs in the communities they registered with and the needs they hold.
    Residents: their own needs. Departments: the needs held by units of their line."""
    scope = scope_for(user)
    q = _in_subtrees(scope)
    if scope.lines:
        q |= scope.line_q("provider_org")
    ctx = provider_context(user)
    if ctx.units:
        q |= Q(provider_org_id__in=[o.pk for o in ctx.units])
        if ctx.street_ids:
            q |= Q(state=State.POSTED, street_id__in=ctx.street_ids)
    if ctx.person is not None:
        q |= Q(provider_person_id=ctx.person.pk)
        if ctx.community_ids:
            q |= Q(state=State.POSTED, community_id__in=ctx.community_ids)
    if scope.person_id:
        q |= Q(posted_by_id=scope.person_id)
    return Need.objects.filter(q).select_related(*_RELATED)


def no_longer_offered(user: User | AnonymousUser | None, pk: int) -> Need | None:
    """A need that was offered to the user as a provider (open, in a community they registered with
    or their unit's street) and has since been taken or closed: what a notification of a new need
    leads to later. Only its title and state are shown then, never the resident's details."""
    ctx = provider_context(user)
    q = Q(pk__in=[])
    if ctx.person is not None and ctx.community_ids:
        q |= Q(community_id__in=ctx.community_ids)
    if ctx.units and ctx.street_ids:
        q |= Q(street_id__in=ctx.street_ids)
    return (
        Need.objects.filter(q, pk=pk)
        .exclude(state=State.POSTED)
        .only("pk", "title", "state")
        .first()
    )


def visible_photos(user: User | AnonymousUser | None) -> QuerySet[NeedPhoto]:
    """Photos of the needs the user may see (pages and API fetch one with ``need_id`` and ``pk``)."""
    return NeedPhoto.objects.filter(need__in=visible_needs(user))


def claim_scope(user: User | AnonymousUser | None) -> QuerySet[Need]:
    """Needs a claim request may name: what the user sees, plus any need (in any state) of the
    streets and communities the user may serve — so that a need someone else took a moment ago
    answers "已被他人接单" rather than 404, while a need outside one's scope stays 404."""
    ctx = provider_context(user)
    q = Q(pk__in=visible_needs(user).values("pk"))
    if ctx.street_ids:
        q |= Q(street_id__in=ctx.street_ids)
    if ctx.person is not None and ctx.community_ids:
        q |= Q(community_id__in=ctx.community_ids)
    return Need.objects.filter(q).select_related(*_RELATED)


def area_needs(user: User | AnonymousUser | None) -> QuerySet[Need]:
    """The staff list: needs in the user's subtrees only."""
    return Need.objects.filter(_in_subtrees(scope_for(user))).select_related(
        *_RELATED, "posted_on_behalf_by"
    )


def my_needs(user: User) -> QuerySet[Need]:
    if not user.person_id:
        return Need.objects.none()
    return Need.objects.filter(posted_by_id=user.person_id).select_related(*_RELATED)


def held_needs(user: User | AnonymousUser | None) -> QuerySet[Need]:
    """The needs the user's units or their own person hold (any state after claiming)."""
    ctx = provider_context(user)
    q = Q(pk__in=[])
    if ctx.units:
        q |= Q(provider_org_id__in=[o.pk for o in ctx.units])
    if ctx.person is not None:
        q |= Q(provider_person_id=ctx.person.pk)
    return Need.objects.filter(q).select_related(*_RELATED)


def may_decide(user: User | AnonymousUser | None, need: Need) -> bool:
    """Whether the user may decide a service the resident did not confirm in time: staff over
    the need's area, once the deadline has passed."""
    return (
        need.state == State.DONE
        and need.confirm_due_at is not None
        and need.confirm_due_at <= timezone.now()
        and has_action(user, "need.decide")
        and scope_for(user).covers_path(need.area.path)
    )


def contact_for(user: User, need: Need) -> dict:
    """What the detail page shows for contact after 接单: to the provider holding the need and to
    staff over its area, while in contact (claimed, in service, done), the resident's masked
    phone, the service address (上门) and the privacy number bound for the user; the messages to
    those and the resident (to the provider while it holds the need). Nothing to anyone else."""
    from wulian.needs.models import CONTACT_STATES, MessageSide, NumberBinding
    from wulian.needs.services import contact_side

    side = contact_side(need, user)
    if side is None:
        return {"contact_side": None, "need_messages": [], "can_message": False}
    in_contact = need.state in CONTACT_STATES
    context = {
        "contact_side": side,
        "need_messages": list(need.messages.select_related("author")),
        "can_message": in_contact and has_action(user, "need.message"),
    }
    if side in (MessageSide.PROVIDER, MessageSide.STAFF) and in_contact:
        context["contact_phone"] = need.posted_by.phone_masked
        context["contact_address"] = need.clear_address()
    if in_contact:
        binding = NumberBinding.objects.filter(
            need=need, released_at__isnull=True, expires_at__gt=timezone.now()
        ).order_by("-created_at")
        if side == MessageSide.PROVIDER:
            binding = binding.filter(user=user)
        context["binding"] = binding.first()
    return context


def claimable_needs(user: User, provider: Provider | None = None) -> NeedQuerySet:
    """Open needs the user may claim (as the given provider, or as any of theirs), not their own."""
    ctx = provider_context(user)
    providers = [provider] if provider is not None else ctx.providers
    q = Q(pk__in=[])
    for p in providers:
        if p.org is not None:
            street = ctx.unit_street_ids.get(p.org.pk)
            if street is not None:
                q |= Q(street_id=street)
        elif ctx.community_ids:
            q |= Q(community_id__in=ctx.community_ids)
    qs = Need.objects.filter(q, state=State.POSTED)
    if user.person_id:
        qs = qs.exclude(posted_by_id=user.person_id)
    return qs.select_related(*_RELATED)


# ------------------------------------------------------------------------- recommendation

NEARNESS = {"grid": 4, "community": 3, "street": 2, "district": 1, "": 0}
NEARNESS_LABELS = {
    "grid": gettext_lazy("同网格"),
    "community": gettext_lazy("同社区"),
    "street": gettext_lazy("同街道"),
    "district": gettext_lazy("同区县"),
    "": "",
}
SKILL_WEIGHT, NEAR_WEIGHT, LOAD_WEIGHT = 10, 5, 2


@dataclass
class Recommendation:
    need: Need
    score: int
    skill_matches: list[str] = field(default_factory=list)
    nearness: str = ""
    load: int = 0

    @property
    def nearness_label(self) -> str:
        return str(NEARNESS_LABELS[self.nearness])


def provider_skills(provider: Provider, ctx: ProviderContext) -> set[str]:
    """What a provider offers: a member's own and registered skills; a unit's members' skills."""
    if provider.person is not None:
        skills = set(provider.person.skill_list)
        for text in (
            CommunityRegistration.objects.active()
            .filter(person=provider.person)
            .values_list("skills", flat=True)
        ):
            skills |= set(split_skills(text))
        return skills
    skills = set()
    for text in Person.objects.filter(party_org=provider.org).values_list("skills", flat=True):
        skills |= set(split_skills(text))
    return skills


def provider_load(provider: Provider) -> int:
    """Needs the provider holds and has not finished."""
    qs = Need.objects.filter(state__in=[State.CLAIMED, State.IN_SERVICE])
    if provider.org is not None:
        return qs.filter(provider_org=provider.org).count()
    return qs.filter(provider_person=provider.person).count()


def nearness(provider_area: Area, need: Need) -> str:
    """same grid > community > street > district, from the provider's location."""
    path = provider_area.path
    if need.area.level == Level.GRID and provider_area.pk == need.area_id:
        return "grid"
    if path.startswith(need.community.path):
        return "community"
    if path.startswith(need.street.path):
        return "street"
    codes = [c for c in need.street.path.split("/") if c]
    district_path = "/".join(codes[:2]) + "/"
    if path.startswith(district_path):
        return "district"
    return ""


def recommend(
    needs: Iterable[Need], provider: Provider, ctx: ProviderContext
) -> list[Recommendation]:
    """Order needs for a provider: skill match, then nearness, less a penalty for current load.
    Stable: equal scores keep the newest first."""
    skills = provider_skills(provider, ctx)
    load = provider_load(provider)
    area = provider.area
    items: list[Recommendation] = []
    for need in needs:
        matches = sorted(skills & set(need.skill_list))
        near = nearness(area, need)
        score = SKILL_WEIGHT * len(matches) + NEAR_WEIGHT * NEARNESS[near] - LOAD_WEIGHT * load
        items.append(
            Recommendation(need=need, score=score, skill_matches=matches, nearness=near, load=load)
        )
    items.sort(key=lambda r: -r.score)
    return items


MENU_LIMIT = 200


def menu_for(
    user: User,
    *,
    provider: Provider | None = None,
    category: str = "",
    area: Area | None = None,
    skill: str = "",
) -> list[Recommendation]:
    """The menu: claimable needs filtered by category, area and skill, in recommendation order
    for the chosen provider (by default the user's first)."""
    ctx = provider_context(user)
    provider = provider or (ctx.providers[0] if ctx.providers else None)
    if provider is None:
        return []
    qs = claimable_needs(user, provider).search(category=category, area=area, skill=skill)[
        :MENU_LIMIT
    ]
    return recommend(list(qs), provider, ctx)


# ---------------------------------------------------------------------------------- ledger


def visible_entries(user: User | AnonymousUser | None) -> QuerySet[CompensationEntry]:
    """Ledger entries of people and units in the user's subtrees, of the user's units, and the
    user's own."""
    scope = scope_for(user)
    q = scope.q(area="org__area", org="org", person="person_id") | scope.paths_q(
        "person__home_area"
    )
    return CompensationEntry.objects.filter(q).select_related("person", "org", "need", "created_by")


def pending_needs(
    user: User | AnonymousUser | None, *, person: Person | None = None, org: Org | None = None
) -> QuerySet[Need]:
    """Services done and not yet confirmed (by the resident, or the community after the deadline)
    that would credit someone the user may see in the ledger: shown as pending, never summed
    into a balance. ``person`` / ``org`` narrow to one beneficiary, as the ledger does."""
    scope = scope_for(user)
    q = _in_subtrees(scope)
    if scope.unit_org_ids:
        q |= Q(provider_org_id__in=scope.unit_org_ids)
    if scope.lines:
        q |= scope.line_q("provider_org")
    if scope.person_id:
        q |= Q(provider_person_id=scope.person_id) | Q(claimed_by_user__person_id=scope.person_id)
    qs = Need.objects.filter(q, state=State.DONE)
    if person is not None:
        qs = qs.filter(
            Q(provider_person=person)
            | Q(provider_person__isnull=True, claimed_by_user__person=person)
        )
    if org is not None:
        qs = qs.filter(
            Q(provider_org=org) | Q(provider_org__isnull=True, provider_person__party_org=org)
        )
    return qs.select_related("provider_org", "provider_person").order_by("confirm_due_at", "pk")


def pending_points(hours: Decimal | None) -> int:
    from decimal import ROUND_HALF_UP

    from wulian.needs.services import points_per_hour

    return int(
        ((hours or Decimal("0")) * points_per_hour()).to_integral_value(rounding=ROUND_HALF_UP)
    )


@dataclass
class Balance:
    hours: Decimal
    points: int
    entries: int


def balance(qs: QuerySet[CompensationEntry]) -> Balance:
    row = qs.aggregate(hours=Sum("hours"), points=Sum("points"), n=Count("pk"))
    return Balance(hours=row["hours"] or Decimal("0"), points=row["points"] or 0, entries=row["n"])


def person_balance(person_id: int) -> Balance:
    return balance(CompensationEntry.objects.filter(person_id=person_id))


def org_balance(org_id: int) -> Balance:
    return balance(CompensationEntry.objects.filter(org_id=org_id))


# --------------------------------------------------------------------------- registrations


def visible_registrations(user: User | AnonymousUser | None) -> QuerySet[CommunityRegistration]:
    return (
        scope_for(user)
        .filter(CommunityRegistration.objects.all(), area="community", person="person_id")
        .select_related("person", "community", "person__party_org")
    )


# ---------------------------------------------------------------------------------- to-dos


def todos(user: User) -> list[dict]:
    items: list[dict] = []
    kinds = role_kinds(user)
    if has_action(user, "need.claim"):
        n = claimable_needs(user).count()
        if n:
            items.append(
                {
                    "label": _("可接单的群众需求"),
                    "url": reverse("needs:menu"),
                    "count": n,
                    "level": "info",
                }
            )
    if kinds & STAFF:
        n = area_needs(user).filter(state=State.POSTED, flagged_at__isnull=False).count()
        if n:
            items.append(
                {
                    "label": _("超时无人接单的需求"),
                    "url": reverse("needs:list") + "?state=posted",
                    "count": n,
                    "level": "danger",
                }
            )
        n = area_needs(user).filter(state=State.DONE, confirm_due_at__lte=timezone.now()).count()
        if n and has_action(user, "need.decide"):
            items.append(
                {
                    "label": _("群众逾期未确认、待社区认定的服务"),
                    "url": reverse("needs:list") + "?state=done",
                    "count": n,
                    "level": "warning",
                }
            )
    if user.person_id and has_action(user, "need.confirm"):
        n = my_needs(user).filter(state=State.DONE).count()
        if n:
            items.append(
                {
                    "label": _("待确认评价的需求"),
                    "url": reverse("needs:mine"),
                    "count": n,
                    "level": "warning",
                }
            )
    return items


def served_per_month(area: Area, *, months: int = 12) -> list[dict]:
    """Needs served (confirmed) in the area's subtree per month (Asia/Shanghai), the last
    ``months`` months including this one, oldest first; months without any show 0 (one query)."""
    from django.db.models.functions import TruncMonth

    today = timezone.localdate()
    first = today.replace(day=1)
    starts = []
    for _i in range(months):
        starts.append(first)
        first = (first - dt.timedelta(days=1)).replace(day=1)
    starts.reverse()
    since = timezone.make_aware(dt.datetime.combine(starts[0], dt.time()))
    counts = {
        row["month"].date() if hasattr(row["month"], "date") else row["month"]: row["n"]
        for row in (
            Need.objects.filter(
                area__path__startswith=area.path, state=State.CONFIRMED, confirmed_at__gte=since
            )
            .annotate(month=TruncMonth("confirmed_at", tzinfo=timezone.get_current_timezone()))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by()
        )
    }
    return [{"month": f"{m:%Y-%m}", "served": counts.get(m, 0)} for m in starts]


def served_in_year(paths: list[str], year: int) -> dict[str, int]:
    """政绩考核: the needs served (done or confirmed, finished in ``year``) under each area path.
    One query whatever the number of paths."""
    from wulian.core.periods import sum_under, year_bounds

    start, end = year_bounds(year)
    rows = (
        Need.objects.filter(
            state__in=[State.DONE, State.CONFIRMED], done_at__gte=start, done_at__lt=end
        )
        .values("area__path")
        .annotate(n=Count("id"))
        .values_list("area__path", "n")
    )
    return sum_under(paths, rows)  # type: ignore[return-value]
