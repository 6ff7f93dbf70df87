"""Phone pages (``base_mobile.html``): sign-up, login and password reset by SMS code; the
community's review of sign-ups and its resident and unit-contact accounts."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts import local, phone, throttling
from wulian.accounts.forms import (
    LocalAccountForm,
    LocalPasswordForm,
    RefuseSignupForm,
    SignupForm,
    SmsLoginForm,
    SmsResetForm,
)
from wulian.accounts.models import SmsPurpose, User
from wulian.accounts.related import org_model, person_model
from wulian.accounts.selectors import get_in_scope_or_404, scope_for
from wulian.web.views_helpers import act, add_errors, paginate, permission_required, submit

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _phone_page(request, form_class, purpose: str, template: str, on_valid):
    """One form with two buttons: 获取验证码 (``action=send``: only the number is read) and the
    final submit. Returns the response."""
    ip = throttling.client_ip(request)
    context = {"purpose": purpose}
    status = 200
    if request.method != "POST":
        form = form_class()
    elif not throttling.hit("phone_pages_ip", ip, settings.WULIAN_RATE_PUBLIC_IP):
        form = form_class(initial={"phone": request.POST.get("phone", "")})
        context["phone_error"] = _("当前网络操作过于频繁，请稍后再试。")
        status = 429
    elif request.POST.get("action") == "send":
        form = form_class(
            initial={k: v for k, v in request.POST.items() if "password" not in k and k != "code"}
        )
        try:
            phone.request_code(phone=request.POST.get("phone", ""), purpose=purpose, ip=ip)
        except ValidationError as exc:
            context["phone_error"] = " ".join(exc.messages)
            status = 400
        else:
            context["sent"] = _("验证码已发送，5分钟内有效。")
    else:
        form = form_class(request.POST)
        if form.is_valid():
            try:
                return on_valid(form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
        status = 400
    context["form"] = form
    return render(request, template, context, status=status)


def signup(request):
    def done(data):
        user = phone.sign_up(
            phone=data["phone"],
            code=data["code"],
            name=data["name"],
            community=data["community"],
            password=data["password"],
        )
        login(request, user, backend=BACKEND)
        if user.signup_status:
            messages.info(
                request,
                _("注册成功，您的用户名是 %(u)s。社区工作人员核实后即可使用居民服务。")
                % {"u": user.username},
            )
        else:
            messages.success(
                request,
                _("注册成功，您的用户名是 %(u)s，已关联您在社区登记的信息。")
                % {"u": user.username},
            )
        return redirect("web:home")

    return _phone_page(request, SignupForm, SmsPurpose.SIGNUP, "accounts/phone_signup.html", done)


def sms_login(request):
    def done(data):
        user = phone.login_by_code(phone=data["phone"], code=data["code"])
        login(request, user, backend=BACKEND)
        return redirect(reverse(settings.LOGIN_REDIRECT_URL))

    return _phone_page(request, SmsLoginForm, SmsPurpose.LOGIN, "accounts/phone_login.html", done)


def sms_reset(request):
    def done(data):
        phone.reset_by_code(phone=data["phone"], code=data["code"], new_password=data["password"])
        messages.success(request, _("密码已重置，请用新密码登录；原有登录和接口令牌均已失效。"))
        return redirect("accounts:login")

    return _phone_page(request, SmsResetForm, SmsPurpose.RESET, "accounts/phone_reset.html", done)


# ------------------------------------------------------------------------- community review


@login_required
@permission_required("signup.review")
def signup_list(request):
    return render(
        request,
        "accounts/signup_list.html",
        {
            "page_obj": paginate(request, phone.pending_signups(request.user)),
            "refuse_form": RefuseSignupForm(),
        },
    )


def _pending(request, pk) -> User:
    return get_in_scope_or_404(phone.pending_signups(request.user), pk=pk)


@login_required
@permission_required("signup.review")
@require_POST
def signup_verify(request, pk):
    return act(
        request,
        phone.verify_signup,
        user=_pending(request, pk),
        success=_("已核实，账号已开通居民服务。"),
        redirect_to=reverse("accounts:signup_list"),
    )


@login_required
@permission_required("signup.review")
@require_POST
def signup_refuse(request, pk):
    return act(
        request,
        phone.refuse_signup,
        user=_pending(request, pk),
        reason=request.POST.get("reason", ""),
        success=_("已标记为未通过，账号已停用。"),
        redirect_to=reverse("accounts:signup_list"),
    )


@login_required
@permission_required("account.local_manage")
def local_account_list(request):
    q = request.GET.get("q", "").strip()
    users = local.local_accounts(request.user).prefetch_related("roles__org")
    if q:
        users = users.filter(username__icontains=q) | users.filter(display_name__icontains=q)
    return render(
        request,
        "accounts/local_account_list.html",
        {
            "page_obj": paginate(request, users),
            "q": q,
            "password_form": LocalPasswordForm(),
        },
    )


def _units(request):
    return scope_for(request.user).filter(org_model().objects.units()).order_by("name")


@login_required
@permission_required("account.local_manage")
def local_account_create(request):
    form = LocalAccountForm(request.POST or None, units=_units(request))

    def create(*, by, person_phone: str, **data):
        person = None
        if data["kind"] == "resident" and person_phone:
            try:
                index = phone.phone_index(phone.mobile(person_phone))
            except ValidationError:
                raise ValidationError({"person_phone": _("请填写正确的手机号。")}) from None
            person = (
                scope_for(by)
                .filter(person_model().objects.filter(phone_index=index), area="home_area")
                .first()
            )
            if person is None:
                raise ValidationError({"person_phone": _("本社区没有登记该手机号的居民。")})
        return local.create_local_account(by=by, person=person, **data)

    response = submit(
        request,
        form,
        create,
        success=_("账号已开通，首次登录须修改密码。"),
        redirect_to=reverse("accounts:local_account_list"),
    )
    status = 400 if request.method == "POST" else 200
    return response or render(
        request, "accounts/local_account_form.html", {"form": form}, status=status
    )


def _local(request, pk) -> User:
    return get_in_scope_or_404(local.local_accounts(request.user), pk=pk)


@login_required
@permission_required("account.local_manage")
@require_POST
def local_account_active(request, pk):
    active = request.POST.get("active") == "1"
    return act(
        request,
        local.local_set_active,
        user=_local(request, pk),
        active=active,
        success=_("账号已启用。") if active else _("账号已停用；其全部登录和接口令牌已失效。"),
        redirect_to=reverse("accounts:local_account_list"),
    )


@login_required
@permission_required("account.local_manage")
@require_POST
def local_account_password(request, pk):
    return act(
        request,
        local.local_reset_password,
        user=_local(request, pk),
        password=request.POST.get("password", ""),
        success=_("密码已重置，该账号下次登录须修改密码。"),
        redirect_to=reverse("accounts:local_account_list"),
    )
