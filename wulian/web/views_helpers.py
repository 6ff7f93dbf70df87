"""Small pieces every app's views share: action checks, form errors from services, pagination,
the POST-a-form-to-a-service step and the search list page."""

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from wulian.accounts.rules import has_action
from wulian.areas.selectors import visible_areas
from wulian.core.denials import FieldDenied

PAGE_SIZE = 20


def is_phone_user(user) -> bool:
    """Residents and party members (and accounts with no role yet) use the phone pages."""
    from wulian.accounts.models import RoleKind
    from wulian.accounts.rules import role_kinds

    return not (role_kinds(user) - {RoleKind.RESIDENT, RoleKind.PARTY_MEMBER})


def safe_next(request: HttpRequest, default: str) -> str:
    """The page named by the posted (or queried) ``next`` when it is a path on this site
    ("/needs/?page=2"); anything else (a word, a number, "//host", another site's address)
    gives ``default``, so a redirect never fails and never leaves the site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith("//")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return default


def layout_for(user) -> str:
    """The base template of a page both staff and residents open."""
    return "base_mobile.html" if is_phone_user(user) else "base.html"


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


def add_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form, field by field."""
    if hasattr(exc, "error_dict"):
        for field, messages_ in exc.message_dict.items():
            target = field if field in form.fields else None
            for message in messages_:
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def paginate(request: HttpRequest, qs: Any, size: int = PAGE_SIZE) -> Page:
    return Paginator(qs, size).get_page(request.GET.get("page"))


def submit(
    request: HttpRequest,
    form: forms.BaseForm,
    service: Callable[..., Any],
    *,
    success: str | Callable[[Any], str],
    redirect_to: Any,
    denied: str | None = None,
    denied_field: str | None = None,
    **kwargs: Any,
) -> HttpResponse | None:
    """Hand a posted form to its service: the step every form page repeats.

    On a POST with a valid form, call ``service(by=request.user, **kwargs, **form.cleaned_data)``,
    flash ``success`` and redirect to ``redirect_to`` (anything ``redirect`` takes). Either may be
    a function of the service's result, for the page of an object just created.
    Return None for a GET, an invalid form, or a service that refused (its ValidationError is put
    on the form with ``add_errors``): the caller then renders the page with the form, with status
    400 where the view only takes POSTs. With ``denied``, a PermissionDenied from the service
    (the user's role may act, but not on this object) becomes that error on ``denied_field`` (the
    whole form when None) instead of a 403.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = service(by=request.user, **kwargs, **form.cleaned_data)
    except ValidationError as exc:
        add_errors(form, exc)
        return None
    except FieldDenied as exc:  # the role may act on the object, not set these fields
        for field, field_messages in exc.field_messages().items():
            form.add_error(field if field in form.fields else None, field_messages)
        return None
    except PermissionDenied:
        if denied is None:
            raise
        form.add_error(denied_field, denied)
        return None
    messages.success(request, success(result) if callable(success) else success)
    return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)


def flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    """Show each message of a service's refusal as an error message on the next page."""
    for message in exc.messages:
        messages.error(request, message)


def act(
    request: HttpRequest,
    service: Callable[..., Any],
    *,
    success: str | Callable[[Any], str],
    redirect_to: Any,
    **kwargs: Any,
) -> HttpResponse:
    """Run a button's action (a POST without a form to show again): call
    ``service(by=request.user, **kwargs)``, flash ``success`` (or a function of the result) or
    the refusal's messages (``flash_errors``), and redirect to ``redirect_to`` either way."""
    try:
        result = service(by=request.user, **kwargs)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, success(result) if callable(success) else success)
    return redirect(redirect_to)


def post_and_return(
    request: HttpRequest,
    form: forms.BaseForm,
    call: Callable[[dict[str, Any]], Any],
    *,
    success: str,
    redirect_to: Any,
) -> HttpResponse:
    """Hand a form posted from a detail page to ``call(form.cleaned_data)`` and go back to that
    page (``redirect_to``, anything ``redirect`` takes), which then shows the success or, one
    message each, what was wrong: the form's errors (after the field's label) or the service's
    refusal. For forms that live inside another page, where there is no form page to show again."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, success)
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}：{error}" if label else error)
    return redirect(redirect_to)


def attempt(
    request: HttpRequest, call: Callable[[], Any], success: str | Callable[[Any], str]
) -> tuple[bool, Any]:
    """Run a row button's service call: flash ``success`` (or a function of the result), or the
    refusal's messages joined into one error. Return whether it went through, and the result."""
    try:
        result = call()
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return False, None
    messages.success(request, success(result) if callable(success) else success)
    return True, result


def refuse_area_outside_scope(
    request: HttpRequest, form: forms.BaseForm, field: str = "area", *, current: Any = None
) -> None:
    """On a posted, valid form, put a field error on an area chosen outside the user's subtrees
    (``current``, the area an edited object already has, stays allowed); ``submit`` then skips
    the service and the page shows the error."""
    if request.method != "POST" or not form.is_valid():
        return
    area = form.cleaned_data[field]
    if (
        area.pk != getattr(current, "pk", None)
        and not visible_areas(request.user).filter(pk=area.pk).exists()
    ):
        form.add_error(field, _("该区域不在您的管辖范围内。"))


def search_filters(form: forms.BaseForm) -> dict[str, Any]:
    """The search form's filled-in fields, as an export records them in the audit trail."""
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return {key: value for key, value in data.items() if value}


def warn_invalid_filters(request: HttpRequest, form: forms.BaseForm) -> None:
    """A search form's filters that do not parse (a date in year 9999, a number beyond range) are
    ignored by the view; say so on the page, naming each one, rather than silently or with a 500."""
    if not form.is_bound or form.is_valid():
        return
    for name, errors in form.errors.items():
        if name not in form.fields or not form.data.get(form.add_prefix(name)):
            continue  # only what the user typed: a filter left empty is no mistake
        label = form.fields[name].label or name
        for error in errors:
            messages.warning(request, _("筛选条件“%(f)s”已忽略：%(e)s") % {"f": label, "e": error})


def list_page(
    request: HttpRequest,
    template: str,
    form: forms.BaseForm,
    qs: Any,
    *,
    can: Mapping[str, str] | None = None,
    **context: Any,
) -> HttpResponse:
    """Render a search list page: the search form, the page of ``qs`` asked for, and one
    ``can_<name>`` flag per toolbar button from ``can`` (``{"create": "org.create"}``), so that
    the template shows only the buttons the user's roles allow. ``context`` adds or overrides."""
    flags = {
        f"can_{name}": has_action(request.user, action) for name, action in (can or {}).items()
    }
    warn_invalid_filters(request, form)
    return render(
        request, template, {"form": form, "page_obj": paginate(request, qs), **flags, **context}
    )
