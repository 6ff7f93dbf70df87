"""Small pieces every app's API shares: the action check and the scoped fetch of one object."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404


def require(request: HttpRequest, action: str) -> None:
    """Deny (403) a caller none of whose roles may attempt the action."""
    if not has_action(request.user, action):
        raise PermissionDenied(action)


def fetch(request: HttpRequest, action: str, visible: Callable[[Any], QuerySet], pk: int) -> Model:
    """Check the action, then fetch one object among ``visible(request.user)``: 403 for a caller
    whose roles may not, 404 for an object that is missing or out of the caller's scope."""
    require(request, action)
    return get_in_scope_or_404(visible(request.user), pk=pk)
