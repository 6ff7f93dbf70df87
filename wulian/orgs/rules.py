from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from wulian.accounts.rules import ADMINS, DEPARTMENT, STAFF, UNIT, has_action, register

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User
    from wulian.orgs.models import Org

register(
    {
        "org.view": STAFF | DEPARTMENT | UNIT,
        "org.create": STAFF,
        "org.update": STAFF | DEPARTMENT | UNIT,
        "org.change_body": STAFF,
        "org.import": STAFF,
        "org.export": STAFF | DEPARTMENT | UNIT,
        "org.delete": ADMINS,
    }
)


# Who may set each writable field of an organisation (issue 16, defect 7). ``org.update`` lets a
# role try; these decide field by field. Services check every field whose value changes.
UPPER = "upper"  # staff of the level above: the org lies in their subtree and is not their own
CONTACT = "contact"  # also the org's own people (its unit contact, the staff working for it) and
# the department (条线) whose line the org is in

FIELD_RULES: dict[str, str] = {
    "name": UPPER,
    "kind": UPPER,
    "area": UPPER,
    "leads": UPPER,
    "line": UPPER,
    "credit_code": UPPER,
    "party_body": UPPER,
    "address": CONTACT,
    "contact_name": CONTACT,
    "contact_phone": CONTACT,
}


def is_upper_staff(user: User | AnonymousUser, org: Org) -> bool:
    """Staff whose subtree holds ``org`` from above: a street's staff for its communities' orgs,
    a community's staff for the units in it; never an org one works for, and never an org that
    leads (or governs) the very area the user's roles start from."""
    from wulian.accounts.selectors import scope_for

    scope = scope_for(user)
    if org.pk in scope.own_org_ids:
        return False
    path = org.area.path
    if org.scope_area_id is not None:  # leads its area: only a strictly higher level is above it
        return any(path.startswith(root) and len(path) > len(root) for root in scope.area_paths)
    return scope.covers_path(path)


def is_own_org(user: User | AnonymousUser, org: Org) -> bool:
    from wulian.accounts.selectors import scope_for

    return org.pk in scope_for(user).own_org_ids


def can_set_field(user: User | AnonymousUser | None, org: Org, field: str) -> bool:
    if user is None:  # the platform itself (imports run by an operator, the demo)
        return True
    rule = FIELD_RULES.get(field)
    if rule is None:
        return False
    if is_upper_staff(user, org):
        return True
    return rule == CONTACT and (is_own_org(user, org) or in_users_line(user, org))


def in_users_line(user: User | AnonymousUser, org: Org) -> bool:
    from wulian.accounts.selectors import scope_for

    return scope_for(user).in_line(org)


def fields_denied(user: User | AnonymousUser | None, org: Org, fields: Iterable[str]) -> set[str]:
    return {field for field in fields if not can_set_field(user, org, field)}


def can_see_contact_phone(user: User | AnonymousUser | None, org: Org) -> bool:
    """Who may set the contact phone may read it; everyone else sees it masked (issue 16, defect 9)."""
    return can_set_field(user, org, "contact_phone")


# ------------------------------------------------------------------ object permissions
# ``can_<verb>(user, obj)``: used by the services (through ``require_can``), the pages' buttons
# and the API alike. ``None`` is the platform itself (commands, jobs, demo) and always may.


def require_can(allowed: bool, what: str) -> None:
    """Turn a refused ``can_<verb>`` into the one denial type (403 on pages and API)."""
    if not allowed:
        raise PermissionDenied(what)


def can_change(user: User | AnonymousUser | None, org: Org) -> bool:
    """The org's own unit contact, staff whose subtrees hold its area, or the department (条线)
    whose line it is in; which fields each of them sets is ``can_set_field``'s part."""
    from wulian.accounts.selectors import scope_for

    if user is None:
        return True
    scope = scope_for(user)
    return org.pk in scope.unit_org_ids or scope.covers_path(org.area.path) or scope.in_line(org)


def can_update(user: User | AnonymousUser | None, org: Org) -> bool:
    """Edit the org's record (the fields are then checked one by one)."""
    return user is None or (has_action(user, "org.update") and can_change(user, org))


def can_change_body(user: User | AnonymousUser | None, org: Org) -> bool:
    """Record a change of party body (支部 → 总支 → 党委): staff of the level above."""
    return user is None or (
        has_action(user, "org.change_body")
        and can_change(user, org)
        and can_set_field(user, org, "party_body")
    )
