"""The provider's pages: the needs menu, what the provider holds, and the row buttons that claim,
start, release, call, fulfil and rate."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.models import Area
from wulian.needs import rules, selectors, services
from wulian.needs.forms import FulfilForm, MenuFilterForm, RateForm, ReasonForm
from wulian.needs.models import Rating, Side, State
from wulian.needs.providers import provider_context
from wulian.needs.views.residents import is_resident_view, post_on_detail
from wulian.web.views_helpers import attempt, paginate, permission_required, safe_next, submit


@login_required
@permission_required("need.claim")
def menu(request):
    ctx = provider_context(request.user)
    form = MenuFilterForm(request.GET or None, providers=ctx.providers)
    provider = ctx.providers[0] if ctx.providers else None
    filters = {"category": "", "area": None, "skill": ""}
    if form.is_valid():
        data = form.cleaned_data
        provider = ctx.find(data["provider"]) or provider
        filters["category"] = data["category"]
        filters["skill"] = data["skill"].strip()
        if data["area"].strip():
            filters["area"] = Area.objects.filter(code=data["area"].strip()).first() or Area(
                path="-none-"
            )
    items = selectors.menu_for(request.user, provider=provider, **filters) if provider else []
    return render(
        request,
        "needs/menu.html",
        {
            "form": form,
            "items": items,
            "provider": provider,
            "providers": ctx.providers,
        },
    )


@login_required
@permission_required("need.claim")
def claimed(request):
    qs = selectors.held_needs(request.user).search(state=request.GET.get("state", ""))
    return render(
        request, "needs/claimed.html", {"page_obj": paginate(request, qs), "states": State.choices}
    )


def _act(request, pk, call, success: str, *, scope=None):
    """Run a provider action from a row button; errors come back as a message."""
    need = get_in_scope_or_404(scope or selectors.visible_needs(request.user), pk=pk)
    attempt(request, lambda: call(need), success)
    return redirect(safe_next(request, reverse("needs:detail", kwargs={"pk": need.pk})))


@login_required
@permission_required("need.claim")
@require_POST
def claim(request, pk):
    provider = request.POST.get("provider") or None
    return _act(
        request,
        pk,
        lambda need: services.claim_need(need=need, by=request.user, provider=provider),
        _("接单成功，请尽快联系群众提供服务。"),
        scope=selectors.claim_scope(request.user),
    )


@login_required
@permission_required("need.serve")
@require_POST
def start(request, pk):
    return _act(
        request,
        pk,
        lambda need: services.start_service(need=need, by=request.user),
        _("已开始服务。"),
    )


@login_required
@permission_required("need.serve")
@require_POST
def release(request, pk):
    form = ReasonForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    return _act(
        request,
        pk,
        lambda need: services.release_need(need=need, by=request.user, reason=reason),
        _("已退单，需求已回到需求菜单。"),
    )


@login_required
@permission_required("need.serve")
@require_POST
def call(request, pk):
    """One tap: a virtual number (隐私号) that reaches the resident; the page then offers it as a
    tel: link. If the number service fails, the message says so and the messages stay."""
    return _act(
        request,
        pk,
        lambda need: services.call_resident(need=need, by=request.user),
        _("已获取隐私号，请点击号码拨打。"),
    )


@login_required
@permission_required("need.serve")
def fulfil(request, pk):
    need = get_in_scope_or_404(selectors.visible_needs(request.user), pk=pk)
    rules.require_can(
        rules.can_serve(request.user, need), "need.serve"
    )  # the page is the holder's only
    form = FulfilForm(request.POST or None, request.FILES or None)
    response = submit(
        request,
        form,
        services.fulfil_need,
        need=need,
        success=_("已标记完成，等待群众确认评价。"),
        redirect_to=reverse("needs:detail", args=[need.pk]),
    )
    return response or render(
        request,
        "needs/fulfil.html",
        {"form": form, "need": need},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@permission_required("need.serve")
@require_POST
def rate(request, pk):
    return post_on_detail(
        request, pk, RateForm, services.rate_need, success=_("评价已提交。"), form_key="rate_form"
    )


@login_required
@permission_required("need.view")
def rating_edit(request, pk):
    rating = get_in_scope_or_404(
        Rating.objects.filter(
            need__in=selectors.visible_needs(request.user), by=request.user
        ).select_related("need"),
        pk=pk,
    )
    form = RateForm(
        request.POST or None, initial={"score": rating.score, "comment": rating.comment}
    )
    response = submit(
        request,
        form,
        services.update_rating,
        rating=rating,
        success=_("评价已修改。"),
        redirect_to=reverse("needs:detail", args=[rating.need_id]),
    )
    if response is not None:
        return response
    base = "base_mobile.html" if is_resident_view(request.user) else "base.html"
    return render(
        request,
        "needs/rating_form.html",
        {"form": form, "rating": rating, "base": base, "side_label": Side(rating.side).label},
    )
