"""The checks every service starts with: may this actor do this, here, to this account."""

from django.core.exceptions import PermissionDenied

from wulian.accounts.models import (
    User,
)
from wulian.accounts.rules import can_administer_account, has_action
from wulian.accounts.selectors import scope_for


def require(by: User | None, action: str) -> None:
    """Raise PermissionDenied unless the actor's roles allow the action (None = the system)."""
    if by is not None and not has_action(by, action):
        raise PermissionDenied(action)


def require_area(by: User | None, path: str, *, admin: bool = False) -> None:
    """Raise PermissionDenied unless the area path lies in the actor's subtrees."""
    if by is not None and not scope_for(by).covers_path(path, admin=admin):
        raise PermissionDenied(path)


def require_administrable(by: User | None, user: User) -> None:
    """三员分立: refuse (PermissionDenied) a change by ``by`` to ``user``'s password, state or
    roles when ``user`` is ``by`` or one of the three administrators."""
    if not can_administer_account(by, user):
        raise PermissionDenied("三员分立")
