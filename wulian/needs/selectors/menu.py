"""The menu a provider may claim from, in its recommendation order."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

from wulian.accounts.models import User
from wulian.areas.models import Area, Level
from wulian.needs.models import (
    CommunityRegistration,
    Need,
    State,
    split_skills,
)
from wulian.needs.providers import Provider, ProviderContext, provider_context
from wulian.needs.selectors.visibility import claimable_needs
from wulian.people.models import Person

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
