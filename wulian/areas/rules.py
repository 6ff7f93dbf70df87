from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from wulian.accounts.rules import STAFF, has_action, register
from wulian.accounts.selectors import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User
    from wulian.areas.models import Area

register(
    {
        "area.view": STAFF,
        "area.create_grid": STAFF,
    }
)


# ------------------------------------------------------------------ object permissions
# ``can_<verb>(user, obj)``: used by the services (through ``require_can``), the pages' buttons
# and the API alike. ``None`` is the platform itself (commands, jobs, demo) and always may.


def require_can(allowed: bool, what: str) -> None:
    """Turn a refused ``can_<verb>`` into the one denial type (403 on pages and API)."""
    if not allowed:
        raise PermissionDenied(what)


def can_create_grid(user: User | AnonymousUser | None, community: Area) -> bool:
    """Staff whose subtrees hold the community (the level is checked as input by the service)."""
    return user is None or (
        has_action(user, "area.create_grid") and scope_for(user).covers_path(community.path)
    )
