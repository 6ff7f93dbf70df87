"""Fund and allocation pages: lists, exports, detail, create, the allocation notice as a PDF, and
returns."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.selectors import search_area
from wulian.core.pdf import pdf_response
from wulian.funds import exporters, services
from wulian.funds.forms import (
    AllocationForm,
    AllocationSearchForm,
    AmountReasonForm,
    FundForm,
    FundSearchForm,
    SourceForm,
)
from wulian.funds.money import rmb_upper
from wulian.funds.selectors import (
    manageable_allocations,
    visible_allocations,
    visible_entries,
    visible_funds,
    visible_projects,
    with_allocation_figures,
    with_fund_figures,
    with_project_figures,
)
from wulian.web.spreadsheet_views import export_response
from wulian.web.views_helpers import (
    act,
    list_page,
    permission_required,
    refuse_area_outside_scope,
    search_filters,
    submit,
)


@login_required
@permission_required("fund.view")
def fund_list(request):
    form = FundSearchForm(request.GET or None)
    qs = visible_funds(request.user)
    if form.is_valid():
        if form.cleaned_data["year"]:
            qs = qs.filter(year=form.cleaned_data["year"])
        if form.cleaned_data["kind"]:
            qs = qs.filter(kind=form.cleaned_data["kind"])
    return list_page(
        request, "funds/fund_list.html", form, with_fund_figures(qs), can={"create": "fund.create"}
    )


@login_required
@permission_required("fund.create")
def fund_create(request):
    form = FundForm(request.POST or None)
    refuse_area_outside_scope(request, form)
    try:
        response = submit(
            request,
            form,
            services.create_fund,
            success=_("专项资金已设立。"),
            redirect_to=lambda fund: reverse("funds:fund_detail", args=[fund.pk]),
        )
    except PermissionDenied:
        form.add_error("area", _("只有该区域的管理员可以设立专项资金。"))
        response = None
    return response or render(
        request, "funds/form.html", {"form": form, "title": _("设立专项资金")}
    )


@login_required
@permission_required("fund.view")
def fund_detail(request, pk):
    fund = get_in_scope_or_404(with_fund_figures(visible_funds(request.user)), pk=pk)
    allocations = with_allocation_figures(visible_allocations(request.user).filter(fund=fund))
    return render(
        request,
        "funds/fund_detail.html",
        {
            "fund": fund,
            "sources": fund.sources.select_related("department"),
            "allocations": allocations,
            "entries": visible_entries(request.user).filter(fund=fund)[:50],
            "balance": fund.received - fund.allocated,
            "source_form": SourceForm(),
            "allocation_form": AllocationForm(),
            "can_add_source": has_action(request.user, "fund.add_source"),
            "can_allocate": has_action(request.user, "fund.allocate"),
        },
    )


@login_required
@permission_required("fund.add_source")
def source_create(request, pk):
    fund = get_in_scope_or_404(visible_funds(request.user), pk=pk)
    form = SourceForm(request.POST or None)
    response = submit(
        request,
        form,
        services.add_fund_source,
        fund=fund,
        success=_("资金来源已登记。"),
        redirect_to=reverse("funds:fund_detail", args=[fund.pk]),
    )
    return response or render(
        request, "funds/form.html", {"form": form, "title": _("登记资金来源"), "back": fund}
    )


@login_required
@permission_required("fund.allocate")
def allocation_create(request, pk):
    fund = get_in_scope_or_404(visible_funds(request.user), pk=pk)
    form = AllocationForm(request.POST or None)
    response = submit(
        request,
        form,
        services.allocate,
        fund=fund,
        success=_("资金已拨付。"),
        redirect_to=lambda allocation: reverse("funds:allocation_detail", args=[allocation.pk]),
    )
    return response or render(
        request, "funds/form.html", {"form": form, "title": _("拨付资金"), "back": fund}
    )


def _search_allocations(request):
    form = AllocationSearchForm(request.GET or None)
    qs = with_allocation_figures(visible_allocations(request.user))
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            from django.db.models import Q

            qs = qs.filter(
                Q(community__name__contains=data["q"]) | Q(document_no__contains=data["q"])
            )
        if data["year"]:
            qs = qs.filter(fund__year=data["year"])
        if data["kind"]:
            qs = qs.filter(fund__kind=data["kind"])
        area = search_area(request.user, data["area"])
        if area is not None:
            qs = qs.filter(community__path__startswith=area.path)
    return form, qs


@login_required
@permission_required("fund.view")
def allocation_list(request):
    form, qs = _search_allocations(request)
    return list_page(request, "funds/allocation_list.html", form, qs, can={"export": "fund.export"})


@login_required
@permission_required("fund.export")
def allocation_export(request):
    form, qs = _search_allocations(request)
    rows = list(qs)
    return export_response(
        request,
        action="fund.export",
        object_type="funds.allocation",
        title=_("资金拨付"),
        data=exporters.export_allocations(rows),
        count=len(rows),
        filters=search_filters(form),
    )


@login_required
@permission_required("fund.view")
def allocation_detail(request, pk):
    allocation = get_in_scope_or_404(
        with_allocation_figures(visible_allocations(request.user)), pk=pk
    )
    return render(
        request,
        "funds/allocation_detail.html",
        {
            "allocation": allocation,
            "balance": allocation.received - allocation.spent,
            "projects": with_project_figures(
                visible_projects(request.user).filter(allocation=allocation)
            ),
            "entries": visible_entries(request.user).filter(allocation=allocation)[:50],
            "return_form": AmountReasonForm(),
            "can_return": manageable_allocations(request.user).filter(pk=pk).exists()
            and has_action(request.user, "fund.correct"),
            "can_create_project": has_action(request.user, "project.create"),
        },
    )


@login_required
@permission_required("fund.view")
def allocation_pdf(request, pk):
    allocation = get_in_scope_or_404(
        with_allocation_figures(visible_allocations(request.user)), pk=pk
    )
    return pdf_response(
        "funds/allocation_pdf.html",
        {
            "title": _("城乡社区发展治理专项资金拨付通知"),
            "allocation": allocation,
            "amount_upper": rmb_upper(allocation.amount),
        },
        filename=f"资金拨付-{allocation.community.name}-{allocation.pk}.pdf",
        request=request,
    )


@login_required
@permission_required("fund.correct")
@require_POST
def allocation_return(request, pk):
    allocation = get_in_scope_or_404(manageable_allocations(request.user), pk=pk)
    form = AmountReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写退回金额和事由。"))
        return redirect("funds:allocation_detail", pk=allocation.pk)
    return act(
        request,
        services.return_allocation,
        allocation=allocation,
        **form.cleaned_data,
        success=_("已退回资金。"),
        redirect_to=reverse("funds:allocation_detail", args=[allocation.pk]),
    )
