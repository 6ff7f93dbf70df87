"""Role × action: which role kinds may attempt which action. Object scope is checked separately,
by the selectors (what is outside a user's scope answers 404 as if it did not exist).

Every app registers its actions here from its own ``rules.py``; ``docs/permissions.md`` is
checked against this table by the test suite.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wulian.accounts.models import (
    AREA_ADMIN_ROLES,
    AREA_ROLES,
    DEPARTMENT_ROLES,
    MFA_EXEMPT_ROLES,
    SEPARATED_ADMIN_ROLES,
    RoleKind,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import ApiToken, User

ADMINS = frozenset(AREA_ADMIN_ROLES)
STAFF = frozenset(AREA_ROLES)  # admins and staff of the four levels
UNIT = frozenset({RoleKind.UNIT_CONTACT})
DEPARTMENT = frozenset(DEPARTMENT_ROLES)  # 条线: admins and staff of a department
MEMBER = frozenset({RoleKind.PARTY_MEMBER})
RESIDENT = frozenset({RoleKind.RESIDENT})
PEOPLE = MEMBER | RESIDENT
EVERYONE_BUSINESS = STAFF | DEPARTMENT | UNIT | PEOPLE
THREE_ADMINS = frozenset(SEPARATED_ADMIN_ROLES)
EVERYONE = EVERYONE_BUSINESS | THREE_ADMINS

ACTIONS: dict[str, frozenset[str]] = {}


def register(table: dict[str, frozenset[str] | set[str]]) -> None:
    for action, kinds in table.items():
        allowed = frozenset(str(k) for k in kinds)
        if ACTIONS.get(action, allowed) != allowed:  # two apps naming one action differently
            raise ValueError(f"action {action!r} is registered twice with different roles")
        ACTIONS[action] = allowed


register(
    {
        "home.view": EVERYONE,
        "user.view": {RoleKind.SYSTEM_ADMIN, RoleKind.SECURITY_ADMIN},
        "user.create": {RoleKind.SYSTEM_ADMIN},
        "user.set_password": {RoleKind.SYSTEM_ADMIN},
        "role.grant": {RoleKind.SECURITY_ADMIN},
        "role.revoke": {RoleKind.SECURITY_ADMIN},
        "lockout.reset": {RoleKind.SECURITY_ADMIN},
        "token.create": EVERYONE_BUSINESS,
        "token.revoke_any": {RoleKind.SECURITY_ADMIN},
        "user.disable": {RoleKind.SYSTEM_ADMIN},
        # Residents' self sign-ups that matched no person; resident and unit-contact accounts of
        # the community (never staff, members or the 三员: accounts/local.py).
        "signup.review": {RoleKind.COMMUNITY_ADMIN, RoleKind.COMMUNITY_STAFF},
        "account.local_manage": {RoleKind.COMMUNITY_ADMIN},
        # One's own account: change the password, see and end one's sessions and tokens.
        "account.self": EVERYONE,
        # The retention table (settings.WULIAN_RETENTION) for staff and the three administrators.
        "retention.view": STAFF | THREE_ADMINS,
        # The audit log: the audit app sits below accounts (every service records into it), so the
        # roles that may read it are declared here, next to the three administrators they belong to.
        "audit.view": {RoleKind.AUDIT_ADMIN},
        "audit.export": {RoleKind.AUDIT_ADMIN},
    }
)


def role_kinds(user: User | AnonymousUser | None) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_wulian_role_kinds", None)
    if cached is None:  # read with the scope, in the one query of the user's roles
        from wulian.accounts.selectors import scope_for

        cached = scope_for(user).role_kinds
    return cached


def has_action(user: User | AnonymousUser | None, action: str) -> bool:
    allowed = ACTIONS.get(action)
    if allowed is None:
        raise KeyError(f"unknown action {action!r}: register it in an app's rules.py")
    return bool(role_kinds(user) & allowed)


_ACTIONS_OF_KINDS: dict[tuple[frozenset[str], int], frozenset[str]] = {}


def allowed_actions(user: User | AnonymousUser | None) -> frozenset[str]:
    """Every action the user's roles allow, as one set: what the menu checks its items against
    (one set per combination of role kinds, kept for the process; ``ACTIONS`` only grows)."""
    kinds = role_kinds(user)
    key = (kinds, len(ACTIONS))
    actions = _ACTIONS_OF_KINDS.get(key)
    if actions is None:
        actions = frozenset(action for action, allowed in ACTIONS.items() if kinds & allowed)
        _ACTIONS_OF_KINDS[key] = actions
    return actions


def holds_separated_role(user: User) -> bool:
    """Whether the account is one of the three administrators (read fresh, not from a cache)."""
    from wulian.accounts.models import Role

    return Role.objects.filter(user_id=user.pk, kind__in=SEPARATED_ADMIN_ROLES).exists()


def can_administer_account(actor: User | None, target: User) -> bool:
    """三员分立 for every change to another account (password, disable, roles, tokens): nobody
    changes their own account this way (they use the self-service pages), and nobody changes one
    of the three administrators by page or API; that takes ``wulian accounts break-glass`` and
    two of the three. ``actor`` None is the system (commands, demo)."""
    if actor is None:
        return True
    if actor.pk == target.pk:
        return False
    return not holds_separated_role(target)


def can_create_token(actor: User | None, owner: User) -> bool:
    """An API token is made for oneself (the account page, the API), never for another account;
    ``actor`` None is the system (the ``token`` command, benchmarks, tests' clients)."""
    return actor is None or (actor.pk == owner.pk and has_action(actor, "token.create"))


def can_revoke_token(actor: User | None, token: ApiToken) -> bool:
    """An API token is ended by its owner, or by the security administrator for another account
    but not for one of the other two administrators (三员分立, like every change to their
    accounts); ``actor`` None is the system."""
    if actor is None or actor.pk == token.user_id:
        return True
    return has_action(actor, "token.revoke_any") and can_administer_account(actor, token.user)


def requires_mfa(user: User | AnonymousUser) -> bool:
    """Every role but resident, party member and unit contact signs in with a TOTP code."""
    return bool(role_kinds(user) - {str(k) for k in MFA_EXEMPT_ROLES})
