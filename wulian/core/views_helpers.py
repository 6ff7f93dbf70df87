"""Small pieces every app's views share: action checks, form errors from services, pagination."""

from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator

from wulian.accounts.rules import has_action

PAGE_SIZE = 20


def permission_required(action: str):
    """Deny (403) a user none of whose roles may attempt the action."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_action(request.user, action):
                raise PermissionDenied(action)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form, field by field."""
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def paginate(request, qs, size: int = PAGE_SIZE):
    return Paginator(qs, size).get_page(request.GET.get("page"))
