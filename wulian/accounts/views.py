from urllib.parse import quote

import segno
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from wulian.accounts import mfa, services, throttling
from wulian.accounts.forms import (
    ORG_CHOICE_LIMIT,
    LoginForm,
    MfaCodeForm,
    PasswordChangeForm,
    RoleGrantForm,
    RoleOrgFilterForm,
    TokenCreateForm,
    UserCreateForm,
)
from wulian.accounts.models import ApiToken, LoginSession, Role, User
from wulian.accounts.rules import can_administer_account, has_action
from wulian.accounts.selectors import get_in_scope_or_404, live_sessions, live_tokens
from wulian.audit.services import record
from wulian.web.views_helpers import (
    act,
    add_errors,
    paginate,
    permission_required,
    safe_next,
    submit,
)


class LoginView(auth_views.LoginView):
    """Password login. axes locks a username at one address after 5 failures; an address with
    too many failures (any usernames, ``WULIAN_RATE_LOGIN_FAILURES_IP``) waits for its window."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        rate = settings.WULIAN_RATE_LOGIN_FAILURES_IP
        if throttling.exceeded("login_fail_ip", throttling.client_ip(request), rate):
            form = self.get_form_class()(request)  # unbound: nothing is authenticated or counted
            refusal = _("该网络地址登录失败次数过多，请%(m)d分钟后再试。") % {
                "m": max(1, throttling.window_left(rate) // 60)
            }
            return self.render_to_response(
                self.get_context_data(form=form, refusal=refusal), status=429
            )
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        throttling.hit(
            "login_fail_ip",
            throttling.client_ip(self.request),
            settings.WULIAN_RATE_LOGIN_FAILURES_IP,
        )
        return super().form_invalid(form)


login_view = LoginView.as_view()
logout_view = auth_views.LogoutView.as_view()


@login_required
@permission_required("user.view")
def user_list(request):
    q = request.GET.get("q", "").strip()
    users = User.objects.order_by("username").prefetch_related("roles__org")
    if q:
        users = users.filter(username__icontains=q) | users.filter(display_name__icontains=q)
    return render(
        request, "accounts/user_list.html", {"page_obj": paginate(request, users), "q": q}
    )


@login_required
@permission_required("user.create")
def user_create(request):
    form = UserCreateForm(request.POST or None)
    response = submit(
        request,
        form,
        services.create_user,
        success=_("账号已创建。"),
        redirect_to=lambda user: reverse("accounts:user_detail", args=[user.pk]),
    )
    return response or render(request, "accounts/user_form.html", {"form": form})


def _user_page(request, account: User, form: RoleGrantForm, *, status: int = 200):
    """The account page; the grant form offers the orgs of the org filter in the query string."""
    administrable = can_administer_account(request.user, account)
    context = {
        "account": account,
        "roles": account.roles.select_related("org"),
        "form": form,
        "can_grant": administrable and has_action(request.user, "role.grant"),
        "can_revoke": administrable and has_action(request.user, "role.revoke"),
        "can_set_password": administrable and has_action(request.user, "user.set_password"),
        "can_unlock": has_action(request.user, "lockout.reset"),
        "can_disable": administrable and has_action(request.user, "user.disable"),
        "can_revoke_tokens": administrable and has_action(request.user, "token.revoke_any"),
    }
    if context["can_revoke_tokens"]:
        context["tokens"] = live_tokens(account)
    if context["can_grant"]:
        org_filter = RoleOrgFilterForm(request.GET or None)
        orgs, more = org_filter.orgs()
        form.offer(orgs)
        context.update(org_filter=org_filter, more_orgs=more, org_limit=ORG_CHOICE_LIMIT)
    return render(request, "accounts/user_detail.html", context, status=status)


@login_required
@permission_required("user.view")
def user_detail(request, pk):
    return _user_page(request, get_object_or_404(User, pk=pk), RoleGrantForm())


@login_required
@permission_required("role.grant")
@require_POST
def role_grant(request, pk):
    account = get_object_or_404(User, pk=pk)
    form = RoleGrantForm(request.POST)
    response = submit(
        request,
        form,
        services.grant_role,
        user=account,
        success=_("角色已授予。"),
        redirect_to=reverse("accounts:user_detail", args=[pk]),
    )
    return response or _user_page(request, account, form, status=400)


@login_required
@permission_required("role.grant")
def role_org_options(request):
    """The grant form's org select, narrowed by the org filter: the fragment htmx swaps in."""
    org_filter = RoleOrgFilterForm(request.GET or None)
    orgs, more = org_filter.orgs()
    form = RoleGrantForm()
    form.offer(orgs)
    return render(
        request,
        "accounts/_grant_org_field.html",
        {"form": form, "org_filter": org_filter, "more_orgs": more, "org_limit": ORG_CHOICE_LIMIT},
    )


@login_required
@permission_required("role.revoke")
@require_POST
def role_revoke(request, pk):
    role = get_object_or_404(Role, pk=pk)
    user_pk = role.user_id
    services.revoke_role(role=role, by=request.user)
    messages.success(request, _("角色已撤销。"))
    return redirect("accounts:user_detail", pk=user_pk)


@login_required
@permission_required("lockout.reset")
@require_POST
def lockout_reset(request, pk):
    account = get_object_or_404(User, pk=pk)
    axes_reset(username=account.username)
    record(actor=request.user, action="lockout.reset", obj=account)
    messages.success(request, _("已解除锁定。"))
    return redirect("accounts:user_detail", pk=pk)


@login_required
@permission_required("user.set_password")
@require_POST
def user_set_password(request, pk):
    account = get_object_or_404(User, pk=pk)
    return act(
        request,
        services.set_password,
        user=account,
        password=request.POST.get("password", ""),
        success=_("密码已重置。"),
        redirect_to=reverse("accounts:user_detail", args=[pk]),
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


@login_required
@permission_required("token.revoke_any")
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk)
    return act(
        request,
        services.revoke_token,
        token=token,
        success=_("令牌已撤销。"),
        redirect_to=reverse("accounts:user_detail", args=[token.user_id]),
    )


@login_required
@permission_required("user.disable")
@require_POST
def user_set_active(request, pk):
    account_ = get_object_or_404(User, pk=pk)
    active = request.POST.get("active") == "1"
    return act(
        request,
        services.set_active,
        user=account_,
        active=active,
        success=_("账号已启用。") if active else _("账号已停用；其全部登录和接口令牌已失效。"),
        redirect_to=reverse("accounts:user_detail", args=[pk]),
    )


def _next_url(request) -> str:
    return safe_next(request, reverse(settings.LOGIN_REDIRECT_URL))


@login_required
def mfa_verify(request):
    """After the password (or SMS code): the TOTP code, or one recovery code."""
    if not mfa.is_enrolled(request.user):
        return redirect("accounts:mfa_enrol")
    form = MfaCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = mfa.verify(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if device.persistent_id.startswith("otp_static"):
                messages.warning(
                    request,
                    _("您使用了一个恢复码，它已失效；剩余恢复码不足时请在“我的账号”中重新生成。"),
                )
            return redirect(_next_url(request))
        form.add_error(
            "code",
            _(
                "验证码不正确或已使用，请输入身份验证器上当前的6位数字（连续输错后须稍候几秒再试）。"
            ),
        )
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/mfa_verify.html",
        {"form": form, "next": _next_url(request)},
        status=status,
    )


@login_required
def mfa_enrol(request):
    """First login of a role that needs a second factor: scan the QR code, type the first code,
    keep the recovery codes (shown once)."""
    if mfa.is_enrolled(request.user):
        return redirect("accounts:mfa_verify")
    device = mfa.pending_device(request.user)
    form = MfaCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = mfa.confirm_enrolment(
            user=request.user, device=device, code=form.cleaned_data["code"]
        )
        if codes is not None:
            otp_login(request, device)
            return render(
                request,
                "accounts/mfa_recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error(
            "code", _("验证码不正确，请输入身份验证器上当前的6位数字（连续输错后须稍候几秒再试）。")
        )
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4, omitsize=False)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/mfa_enrol.html",
        {
            "form": form,
            "qr": qr,
            "secret": mfa.base32(device.key),
            "next": _next_url(request),
        },
        status=status,
    )


@login_required
@require_POST
def mfa_recovery(request):
    """Make new recovery codes (the old ones stop working); shown once."""
    if not mfa.is_enrolled(request.user):
        return redirect("accounts:mfa_enrol")
    codes = mfa.regenerate_recovery_codes(user=request.user)
    return render(
        request,
        "accounts/mfa_recovery_codes.html",
        {"codes": codes, "next": reverse("accounts:account")},
    )
