"""Administering accounts: the user list and page, roles, passwords, lockouts, tokens."""

from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts import services
from wulian.accounts.forms import (
    ORG_CHOICE_LIMIT,
    RoleGrantForm,
    RoleOrgFilterForm,
    UserCreateForm,
)
from wulian.accounts.models import ApiToken, Role, User
from wulian.accounts.rules import can_administer_account, can_revoke_token, has_action
from wulian.accounts.selectors import live_tokens
from wulian.audit.services import record
from wulian.web.views_helpers import (
    act,
    paginate,
    permission_required,
    submit,
)


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
        # (token, whether the button is offered): the service refuses by the same rule.
        context["tokens"] = [(t, can_revoke_token(request.user, t)) for t in live_tokens(account)]
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
