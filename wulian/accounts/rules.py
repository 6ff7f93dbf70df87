"""Role × action: which role kinds may attempt which action. Object scope is checked separately,
by the selectors (what is outside a user's scope answers 404 as if it did not exist).

Every app registers its actions here from its own ``rules.py``; ``docs/permissions.md`` is
checked against this table by the test suite.
"""

from wulian.accounts.models import AREA_ADMIN_ROLES, AREA_ROLES, RoleKind

ADMINS = frozenset(AREA_ADMIN_ROLES)
STAFF = frozenset(AREA_ROLES)  # admins and staff of the four levels
UNIT = frozenset({RoleKind.UNIT_CONTACT})
MEMBER = frozenset({RoleKind.PARTY_MEMBER})
RESIDENT = frozenset({RoleKind.RESIDENT})
PEOPLE = MEMBER | RESIDENT
EVERYONE_BUSINESS = STAFF | UNIT | PEOPLE

ACTIONS: dict[str, frozenset[str]] = {}


def register(table: dict[str, frozenset[str] | set[str]]) -> None:
    for action, kinds in table.items():
        ACTIONS[action] = frozenset(str(k) for k in kinds)


register({
    "home.view": EVERYONE_BUSINESS | {RoleKind.SYSTEM_ADMIN, RoleKind.SECURITY_ADMIN, RoleKind.AUDIT_ADMIN},
    "user.view": {RoleKind.SYSTEM_ADMIN, RoleKind.SECURITY_ADMIN},
    "user.create": {RoleKind.SYSTEM_ADMIN},
    "user.set_password": {RoleKind.SYSTEM_ADMIN},
    "role.grant": {RoleKind.SECURITY_ADMIN},
    "role.revoke": {RoleKind.SECURITY_ADMIN},
    "lockout.reset": {RoleKind.SECURITY_ADMIN},
    "token.create": EVERYONE_BUSINESS,
})


def role_kinds(user) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_wulian_role_kinds", None)
    if cached is None:  # read with the scope, in the one query of the user's roles
        from wulian.accounts.selectors import scope_for

        cached = scope_for(user).role_kinds
    return cached


def has_action(user, action: str) -> bool:
    allowed = ACTIONS.get(action)
    if allowed is None:
        raise KeyError(f"unknown action {action!r}: register it in an app's rules.py")
    return bool(role_kinds(user) & allowed)
