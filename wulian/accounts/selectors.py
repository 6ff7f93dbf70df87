"""The one scoping function: what part of the territory, which orgs and which person a user's
roles reach. Every list, detail, export, API and count filters through ``Scope.filter``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeGuard, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from wulian.accounts.models import AREA_ADMIN_ROLES, AREA_ROLES, DEPARTMENT_ROLES, RoleKind, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import ApiToken, LoginSession
    from wulian.orgs.models import Org

# A queryset of any model, kept as its own class (a custom QuerySet keeps its methods).
_QS = TypeVar("_QS", bound=QuerySet[Any])
_M = TypeVar("_M", bound=Model)


@dataclass(frozen=True)
class Line:
    """One department's reach (条): the departments of its line — itself and those whose ``line``
    leads up to it (a district 房管局 under the city's) — and the area of its level. It covers
    those departments and every org whose line is one of them, located in that area."""

    department_ids: frozenset[int]
    area_path: str

    def covers(self, org: Org) -> bool:
        if org.pk in self.department_ids:
            return True
        return org.line_id in self.department_ids and org.area.path.startswith(self.area_path)

    def q(self, org_field: str) -> Q:
        prefix = "" if org_field == "pk" else f"{org_field}__"
        ids = sorted(self.department_ids)
        return Q(**{f"{prefix}pk__in": ids}) | Q(
            **{f"{prefix}line_id__in": ids, f"{prefix}area__path__startswith": self.area_path}
        )


@dataclass(frozen=True)
class Scope:
    area_paths: tuple[str, ...] = ()
    admin_area_paths: tuple[str, ...] = ()
    # (path, level, area id) of each of ``area_paths``: what lets a fact table with denormalised
    # community / street / district columns scope by an indexed equality (``levels_q``).
    area_roots: tuple[tuple[str, str, int], ...] = ()
    unit_org_ids: frozenset[int] = field(default_factory=frozenset)
    staff_org_ids: frozenset[int] = field(
        default_factory=frozenset
    )  # orgs of the user's area roles
    member_org_ids: frozenset[int] = field(default_factory=frozenset)
    person_id: int | None = None
    home_area_path: str | None = None
    role_kinds: frozenset[str] = field(default_factory=frozenset)
    lines: tuple[Line, ...] = ()  # a department user's lines (department roles)
    department_org_ids: frozenset[int] = field(
        default_factory=frozenset
    )  # orgs of department roles

    def line_q(self, org_field: str) -> Q:
        """Rows tied (through ``org_field``) to an org of the user's lines (see ``Line``)."""
        q = Q(pk__in=[])
        for line in self.lines:
            q |= line.q(org_field)
        return q

    def in_line(self, org: Org) -> bool:
        """Whether ``org`` is one of the user's lines (a department of it, or a unit of it in the
        department's area)."""
        return any(line.covers(org) for line in self.lines)

    def paths_q(self, area_field: str, paths: tuple[str, ...] | None = None) -> Q:
        """Rows whose area (through ``area_field``; ``"pk"`` for an area itself) lies in the user's
        subtrees (or under ``paths``)."""
        q = Q(pk__in=[])
        for path in self.area_paths if paths is None else paths:
            q |= Q(**{f"{_path(area_field)}__startswith": path})
        return q

    def above_q(
        self, area_field: str, *, roots: bool = True, units: bool = True, home: bool = True
    ) -> Q:
        """Rows whose area (through ``area_field``, as in ``paths_q``) is one of the places the user
        stands in, or contains one (looking up the tree): the roots of the user's subtrees
        (``roots``), the areas of the user's units (``units``, one query) and the user's home area
        (``home``). How a round run by a district reaches the community staff, units and residents
        under it."""
        places: set[str] = set(self.area_paths) if roots else set()
        if units and self.unit_org_ids:
            from django.apps import apps

            Org = apps.get_model("orgs", "Org")
            places.update(
                Org.objects.filter(pk__in=self.unit_org_ids).values_list("area__path", flat=True)
            )
        if home and self.home_area_path:
            places.add(self.home_area_path)
        ancestors = sorted({prefix for path in places for prefix in _prefixes(path)})
        return Q(**{f"{_path(area_field)}__in": ancestors}) if ancestors else Q(pk__in=[])

    def own_q(self, *, person: str | None = None, unit: str | None = None) -> Q:
        """Rows of the user's own: tied to the user's person (``person``) or to one of the units the
        user is the contact for (``unit``): a seat on a council, a unit's membership of an alliance."""
        q = Q(pk__in=[])
        if person and self.person_id:
            q |= Q(**{person: self.person_id})
        if unit and self.unit_org_ids:
            q |= Q(**{f"{unit}__in": sorted(self.unit_org_ids)})
        return q

    def levels_q(self, columns: Mapping[str, str], area_field: str = "area") -> Q:
        """Rows in the user's subtrees, for a table that denormalises its area's ancestors:
        ``columns`` maps a level to the column holding the row's area of that level (needs:
        ``{"district": "district_id", "street": "street_id", "community": "community_id"}``).
        The same rows as ``paths_q(area_field)``, as indexed equalities instead of a ``LIKE`` on
        the joined area's path; a root of another level (the city: nearly every row, so the
        list's order fills a page at once) keeps the path prefix."""
        q = Q(pk__in=[])
        for path, level, area_id in self.area_roots:
            if level in columns:
                q |= Q(**{columns[level]: area_id})
            else:
                q |= Q(**{f"{area_field}__path__startswith": path})
        return q

    def filter(
        self,
        qs: _QS,
        *,
        area: str | None = "area",
        org: str | None = None,
        person: str | None = None,
        member_org: str | None = None,
    ) -> _QS:
        """Rows whose area is in the user's subtrees, or whose org is the user's unit or one of
        the user's lines (department roles), or that are the user's own person."""
        return qs.filter(self.q(area=area, org=org, person=person, member_org=member_org))

    def q(
        self,
        *,
        area: str | None = "area",
        org: str | None = None,
        person: str | None = None,
        member_org: str | None = None,
    ) -> Q:
        """``filter``'s condition, for a selector that adds another way in (``|``)."""
        q = self.paths_q(area) if area else Q(pk__in=[])
        if org and self.unit_org_ids:
            q |= Q(**{f"{org}__in": self.unit_org_ids})
        if org and self.lines:
            q |= self.line_q(org)
        if member_org and self.member_org_ids:
            q |= Q(**{f"{member_org}__in": self.member_org_ids})
        if person and self.person_id:
            q |= Q(**{person: self.person_id})
        return q

    @property
    def own_org_ids(self) -> frozenset[int]:
        """The orgs the user works for: the units of a unit contact, the orgs of area roles
        (admins and staff) and the departments of department roles. Not the orgs a party member
        or resident belongs to."""
        return self.unit_org_ids | self.staff_org_ids | self.department_org_ids

    def orgs_q(self, org_field: str) -> Q:
        """Rows tied (through ``org_field``) to an org the user answers for: one of the user's own
        orgs, any org located in the user's subtrees, or any org of the user's lines. How lower
        levels take part in upper levels' work: invitations, action items, criticisms,
        inspections, inquiries."""
        q = Q(pk__in=[])
        if self.own_org_ids:
            q |= Q(**{f"{org_field}__in": sorted(self.own_org_ids)})
        for path in self.area_paths:
            q |= Q(**{f"{org_field}__area__path__startswith": path})
        if self.lines:
            q |= self.line_q(org_field)
        return q

    def answers_for(self, org: Org) -> bool:
        """Whether ``org`` is one the user answers for (see ``orgs_q``)."""
        return org.pk in self.own_org_ids or self.covers_path(org.area.path) or self.in_line(org)

    def covers_path(self, path: str, *, admin: bool = False) -> bool:
        roots = self.admin_area_paths if admin else self.area_paths
        return any(path.startswith(root) for root in roots)

    @property
    def is_empty(self) -> bool:
        return not (
            self.area_paths
            or self.unit_org_ids
            or self.member_org_ids
            or self.person_id
            or self.lines
        )


# Bump when ``Scope`` or ``Line`` change shape, so that a deploy never reads entries of the old.
SCOPE_CACHE_FORMAT = 1


def scope_cache_key(user: User) -> str:
    """The shared-cache key of one account's scope: its id, its ``scope_stamp`` (a new one after
    every change of its roles, see ``accounts.services.forget_scopes``) and its person."""
    return f"wulian:scope:{SCOPE_CACHE_FORMAT}:{user.pk}:{user.scope_stamp}:{user.person_id or 0}"


def is_signed_in(user: User | AnonymousUser | None) -> TypeGuard[User]:
    """Whether ``user`` is an account that signed in (not an anonymous visitor, not the platform)."""
    return bool(getattr(user, "is_authenticated", False))


def scope_for(user: User | AnonymousUser | None) -> Scope:
    """The user's scope and role kinds: once per request (kept on the user object), and from the
    shared cache across requests and workers. The entry is keyed by the account and its stamp,
    and holds the account's id, checked on every read: one user's scope is never served to
    another. Written only once the transaction that computed it commits."""
    if not is_signed_in(user):
        return Scope()
    cached = getattr(user, "_wulian_scope", None)
    if cached is not None:
        return cached
    key = scope_cache_key(user)
    entry = _cache_get(key)
    if (
        isinstance(entry, tuple)
        and len(entry) == 2
        and entry[0] == user.pk
        and isinstance(entry[1], Scope)
    ):
        scope = entry[1]
    else:
        scope = compute_scope(user)
        _cache_set_on_commit(key, (user.pk, scope))
    user._wulian_scope = scope
    user._wulian_role_kinds = scope.role_kinds
    return scope


def _cache_get(key: str) -> Any:
    from django.core.cache import cache

    try:
        return cache.get(key)
    except Exception:  # an entry of another code version that no longer unpickles: recompute
        return None


def _cache_set_on_commit(key: str, value: object) -> None:
    from django.conf import settings
    from django.core.cache import cache
    from django.db import transaction

    seconds = getattr(settings, "WULIAN_SCOPE_CACHE_SECONDS", 3600)
    if seconds:
        transaction.on_commit(lambda: cache.set(key, value, seconds))


def compute_scope(user: User) -> Scope:
    """The user's scope read from the database (``scope_for`` caches it)."""
    area_paths: set[str] = set()
    admin_paths: set[str] = set()
    roots: dict[str, tuple[str, int]] = {}  # area path → (level, area id) of an area role's root
    units: set[int] = set()
    staff_orgs: set[int] = set()
    member_orgs: set[int] = set()
    departments: dict[int, str] = {}  # department id → the area path of its level
    kinds: set[str] = set()
    roles = user.roles.select_related("org__leads", "org__area")
    for role in roles:
        kinds.add(role.kind)
        org = role.org
        if role.kind in AREA_ROLES and org is not None:
            staff_orgs.add(org.pk)
            root = org.leads or (org.area if org.kind == "governance_committee" else None)
            if root is not None:
                area_paths.add(root.path)
                roots[root.path] = (root.level, root.pk)
                if role.kind in AREA_ADMIN_ROLES:
                    admin_paths.add(root.path)
        elif role.kind in DEPARTMENT_ROLES and org is not None and org.kind == "department":
            departments[org.pk] = org.area.path
        elif role.kind == RoleKind.UNIT_CONTACT and org is not None:
            units.add(org.pk)
        elif role.kind == RoleKind.PARTY_MEMBER and org is not None:
            member_orgs.add(org.pk)
    home_area_path = None
    if user.person_id:  # through the account's own link: accounts names no app above it
        home_area_path = (
            User.objects.filter(pk=user.pk)
            .values_list("person__home_area__path", flat=True)
            .first()
        )
    outermost = _outermost(area_paths)
    return Scope(
        area_paths=outermost,
        admin_area_paths=_outermost(admin_paths),
        area_roots=tuple((path, *roots[path]) for path in outermost),
        unit_org_ids=frozenset(units),
        staff_org_ids=frozenset(staff_orgs),
        member_org_ids=frozenset(member_orgs),
        person_id=user.person_id,
        home_area_path=home_area_path,
        role_kinds=frozenset(kinds),
        lines=_lines(departments),
        department_org_ids=frozenset(departments),
    )


def _lines(departments: dict[int, str]) -> tuple[Line, ...]:
    """Each department with the departments under it in its line (``Org.line`` pointing up: a
    district department's line is the city department of the same line), one query per level."""
    if not departments:
        return ()
    from django.apps import apps

    Org = apps.get_model("orgs", "Org")
    lines = []
    for dept_id, path in sorted(departments.items()):
        ids, frontier = {dept_id}, {dept_id}
        while frontier:
            below = set(
                Org.objects.filter(kind="department", line_id__in=frontier).values_list(
                    "pk", flat=True
                )
            )
            frontier = below - ids
            ids |= frontier
        lines.append(Line(department_ids=frozenset(ids), area_path=path))
    return tuple(lines)


def _path(area_field: str) -> str:
    """The lookup of the path of the area behind ``area_field`` (``"pk"``: the row is the area)."""
    return "path" if area_field == "pk" else f"{area_field}__path"


def _prefixes(path: str) -> list[str]:
    """ "a/b/c/" → ["a/", "a/b/", "a/b/c/"]: the paths of an area and of its ancestors."""
    codes = [c for c in path.split("/") if c]
    return ["/".join(codes[: i + 1]) + "/" for i in range(len(codes))]


def _outermost(paths: set[str]) -> tuple[str, ...]:
    ordered = sorted(paths, key=len)
    kept: list[str] = []
    for path in ordered:
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return tuple(sorted(kept))


def get_in_scope_or_404(qs: QuerySet[_M], **lookup: Any) -> _M:
    """Fetch one object from an already-scoped queryset; missing and not-yours both answer 404."""
    try:
        return qs.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None


def live_sessions(user: User) -> QuerySet[LoginSession]:
    """The account's signed-in sessions that have not expired, newest first."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from wulian.accounts.models import LoginSession

    live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return LoginSession.objects.filter(user=user, session_key__in=live).order_by(
        "-created_at", "-pk"
    )


def live_tokens(user: User) -> QuerySet[ApiToken]:
    """The account's API tokens that still work, newest first."""
    from django.utils import timezone

    from wulian.accounts.models import ApiToken

    return (
        ApiToken.objects.filter(user=user, revoked=False)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
        .order_by("-created_at", "-pk")
    )
