from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from wulian.accounts.selectors import scope_for
from wulian.orgs.models import Org

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User


def visible_orgs(user: User | AnonymousUser | None) -> QuerySet[Org]:
    """Orgs in the user's subtrees, the user's own units, and the orgs of a department user's
    lines (``Scope.filter``)."""
    return (
        scope_for(user)
        .filter(Org.objects.all(), area="area", org="pk")
        .select_related("area", "line", "leads")
    )
