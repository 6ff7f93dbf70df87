"""One's own account: password change, sessions, API tokens and one's own data."""

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts import mfa, services
from wulian.accounts.forms import (
    PasswordChangeForm,
    TokenCreateForm,
)
from wulian.accounts.models import ApiToken, LoginSession
from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404, live_sessions, live_tokens
from wulian.web.views_helpers import (
    act,
    add_errors,
    permission_required,
)


@login_required
def password_change(request):
    """The account holder changes their own password (and must, after a reset)."""
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        old_key = request.session.session_key
        try:
            services.change_own_password(
                user=request.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
                keep_session=old_key,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            update_session_auth_hash(request, request.user)
            services.rekey_login_session(old=old_key, new=request.session.session_key)
            messages.success(request, _("密码已修改；其他设备上的登录和全部接口令牌已失效。"))
            return redirect("web:home")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/password_change.html", {"form": form}, status=status)


@login_required
def account(
    request, *, token_form: TokenCreateForm | None = None, new_key: str = "", status: int = 200
):
    """One's own account: sessions and API tokens (each can be ended), password change."""
    return render(
        request,
        "accounts/account.html",
        {
            "sessions": live_sessions(request.user),
            "tokens": live_tokens(request.user),
            "current_session": request.session.session_key,
            "token_form": token_form
            or TokenCreateForm(initial={"days": services.token_days_default()}),
            "can_create_token": has_action(request.user, "token.create"),
            "new_key": new_key,
            "mfa_enrolled": mfa.is_enrolled(request.user),
            "can_request_erasure": has_action(request.user, "erasure.request"),
        },
        status=status,
    )


@login_required
def my_data(request, fmt):
    """Download one's own data (PIPL art. 45): every app's part, as JSON or Excel."""
    from django.http import Http404, HttpResponse
    from django.utils import timezone

    from wulian.web.spreadsheet_views import xlsx_response

    if fmt not in ("json", "xlsx"):
        raise Http404
    data = services.export_own_data(user=request.user, fmt=fmt)
    filename = f"我的个人信息_{timezone.localtime():%Y%m%d%H%M}.{fmt}"
    if fmt == "xlsx":
        return xlsx_response(data, filename)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f"attachment; filename=\"my-data.json\"; filename*=UTF-8''{quote(filename)}"
    )
    return response


@login_required
@permission_required("token.create")
@require_POST
def account_token_create(request):
    form = TokenCreateForm(request.POST)
    if form.is_valid():
        try:
            key = services.create_token(user=request.user, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return account(request, new_key=key)
    return account(request, token_form=form, status=400)


@login_required
@require_POST
def account_token_revoke(request, pk):
    token = get_in_scope_or_404(ApiToken.objects.filter(user=request.user), pk=pk)
    return act(
        request,
        services.revoke_token,
        token=token,
        success=_("令牌已撤销。"),
        redirect_to=reverse("accounts:account"),
    )


@login_required
@require_POST
def account_session_end(request, pk):
    login_session = get_in_scope_or_404(LoginSession.objects.filter(user=request.user), pk=pk)
    services.end_login_session(login_session=login_session, by=request.user)
    if login_session.session_key == request.session.session_key:
        return redirect(settings.LOGIN_URL)
    messages.success(request, _("该登录已结束。"))
    return redirect("accounts:account")
