"""The audiences a notification may reach, each a set of user ids tagged with what it is.

``officials_of(org)`` is what "the org is told" means: the users holding a staff role
(administrator or staff of a level, a unit contact, a department's staff) at that org — never a
resident or party member who holds a role there as a member.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from wulian.accounts.models import (
    AREA_ADMIN_ROLES,
    AREA_ROLES,
    DEPARTMENT_ROLES,
    OFFICIAL_ROLES,
    Role,
    RoleKind,
    User,
)
from wulian.notifications.kinds import To


@dataclass(frozen=True)
class Recipients:
    audience: To
    user_ids: frozenset[int]


def _holders(org_ids: Iterable[int | None], kinds: Iterable[str]) -> frozenset[int]:
    ids = [i for i in org_ids if i]
    if not ids:
        return frozenset()
    rows = Role.objects.filter(
        org_id__in=ids, kind__in=[str(k) for k in kinds], user__is_active=True
    )
    return frozenset(rows.values_list("user_id", flat=True))


def officials_of(*org_ids: int | None) -> Recipients:
    return Recipients(To.OFFICIALS, _holders(org_ids, OFFICIAL_ROLES))


def admins_of(*org_ids: int | None) -> Recipients:
    return Recipients(To.ADMINS, _holders(org_ids, AREA_ADMIN_ROLES))


def unit_contacts_of(*org_ids: int | None) -> Recipients:
    return Recipients(To.UNIT_CONTACTS, _holders(org_ids, [RoleKind.UNIT_CONTACT]))


def line_of(*org_ids: int | None) -> Recipients:
    """The admins and staff of the departments whose line the orgs are in: each org's department
    (``Org.line``) and the departments above it (a district 房管局's line is the city's), those
    whose area holds the org — exactly the department users who see it (``Scope.in_line``)."""
    from django.apps import apps

    Org = apps.get_model("orgs", "Org")
    departments: set[int] = set()
    for org in Org.objects.filter(
        pk__in=[i for i in org_ids if i], line__isnull=False
    ).select_related("area"):
        seen: set[int] = set()
        dept = Org.objects.select_related("area").filter(pk=org.line_id).first()
        while dept is not None and dept.pk not in seen:
            seen.add(dept.pk)
            if org.area.path.startswith(dept.area.path):
                departments.add(dept.pk)
            dept = (
                Org.objects.select_related("area").filter(pk=dept.line_id).first()
                if dept.line_id
                else None
            )
    return Recipients(To.LINE, _holders(departments, DEPARTMENT_ROLES))


def area_staff(area_id: int | None, kinds: Iterable[str] = AREA_ROLES) -> Recipients:
    """Admins and staff (or the given area role kinds) of the orgs that lead the area, or that
    coordinate it as its governance committee."""
    if not area_id:
        return Recipients(To.AREA_STAFF, frozenset())
    rows = Role.objects.filter(kind__in=[str(k) for k in kinds], user__is_active=True).filter(
        org__leads_id=area_id
    ) | Role.objects.filter(
        kind__in=[str(k) for k in kinds],
        user__is_active=True,
        org__kind="governance_committee",
        org__area_id=area_id,
    )
    return Recipients(To.AREA_STAFF, frozenset(rows.values_list("user_id", flat=True)))


def person(*person_ids: int | None) -> Recipients:
    ids = [i for i in person_ids if i]
    users = User.objects.filter(person_id__in=ids, is_active=True) if ids else User.objects.none()
    return Recipients(To.PERSON, frozenset(users.values_list("pk", flat=True)))


def agent(user_id: int | None) -> Recipients:
    return Recipients(To.AGENT, frozenset([user_id]) if user_id else frozenset())


def council_members(user_ids: Iterable[int]) -> Recipients:
    return Recipients(To.COUNCIL, frozenset(user_ids))
