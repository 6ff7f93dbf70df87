"""Signing in: the password login (with its limits), logging out and the second factor."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from wulian.accounts import mfa, throttling
from wulian.accounts.forms import (
    LoginForm,
    MfaCodeForm,
)
from wulian.web.views_helpers import (
    safe_next,
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
