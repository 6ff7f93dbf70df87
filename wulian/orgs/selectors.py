from django.db.models import QuerySet

from wulian.accounts.selectors import scope_for
from wulian.orgs.models import Org


def visible_orgs(user) -> QuerySet[Org]:
    """Orgs in the user's subtrees, the user's own units, and the orgs of a department user's
    lines (``Scope.filter``)."""
    return scope_for(user).filter(Org.objects.all(), area="area", org="pk").select_related(
        "area", "line", "leads"
    )
