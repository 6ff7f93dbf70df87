"""Who may provide a service: a unit (驻区单位) a user is the contact of, or the user's own person
when they are a party member registered with a community (在职党员到社区报到)."""

from dataclasses import dataclass, field

from wulian.accounts.models import RoleKind
from wulian.accounts.rules import role_kinds
from wulian.areas.models import Area
from wulian.needs.models import CommunityRegistration, Need
from wulian.orgs.models import Org
from wulian.people.models import Person


@dataclass(frozen=True)
class Provider:
    org: Org | None = None
    person: Person | None = None

    @property
    def key(self) -> str:
        return f"org:{self.org.pk}" if self.org is not None else f"person:{self.person.pk}"

    @property
    def label(self) -> str:
        return str(self.org) if self.org is not None else str(self.person)

    @property
    def area(self) -> Area:
        return self.org.area if self.org is not None else self.person.home_area


@dataclass
class ProviderContext:
    """What a user may claim as: units (with the street each sits in) and registrations."""

    units: list[Org] = field(default_factory=list)
    unit_street_ids: dict[int, int | None] = field(default_factory=dict)  # org id → street area id
    person: Person | None = None
    community_ids: frozenset[int] = frozenset()

    @property
    def providers(self) -> list[Provider]:
        found = [Provider(org=org) for org in self.units]
        if self.person is not None and self.community_ids:
            found.append(Provider(person=self.person))
        return found

    @property
    def street_ids(self) -> set[int]:
        return {s for s in self.unit_street_ids.values() if s is not None}

    def may_provide(self, provider: Provider, need: Need) -> bool:
        if provider.org is not None:
            return self.unit_street_ids.get(provider.org.pk) == need.street_id
        return need.community_id in self.community_ids

    def find(self, key: str) -> Provider | None:
        return next((p for p in self.providers if p.key == key), None)


def provider_context(user) -> ProviderContext:
    if not getattr(user, "is_authenticated", False):
        return ProviderContext()
    cached = getattr(user, "_wulian_provider_ctx", None)
    if cached is not None:
        return cached
    kinds = role_kinds(user)
    ctx = ProviderContext()
    if RoleKind.UNIT_CONTACT in kinds:
        ctx.units = list(
            Org.objects.filter(roles__user=user, roles__kind=RoleKind.UNIT_CONTACT)
            .select_related("area")
            .distinct()
        )
        street_codes = {org.pk: _street_code(org.area) for org in ctx.units}
        by_code = dict(
            Area.objects.filter(code__in=[c for c in street_codes.values() if c]).values_list(
                "code", "pk"
            )
        )
        ctx.unit_street_ids = {pk: by_code.get(code) for pk, code in street_codes.items()}
    if RoleKind.PARTY_MEMBER in kinds and user.person_id:
        person = Person.objects.select_related("home_area", "party_org").get(pk=user.person_id)
        if person.is_party_member:
            ctx.person = person
            ctx.community_ids = frozenset(
                CommunityRegistration.objects.active()
                .filter(person=person)
                .values_list("community_id", flat=True)
            )
    user._wulian_provider_ctx = ctx
    return ctx


def forget_provider_context(user) -> None:
    if user is not None:
        user.__dict__.pop("_wulian_provider_ctx", None)


def _street_code(area: Area) -> str | None:
    """The code of the street (third level of the path) an area lies in, if it is that deep."""
    codes = area.ancestor_codes()
    return codes[2] if len(codes) >= 3 else None
