from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.selectors import root_areas, search_area, visible_areas
from wulian.core.pdf import pdf_response
from wulian.exports.views import start_or_send
from wulian.funds import exporters, services
from wulian.funds.forms import (
    AllocationForm,
    AllocationSearchForm,
    AmountReasonForm,
    FacilityForm,
    FacilitySearchForm,
    FundForm,
    FundSearchForm,
    ProjectForm,
    ProjectSearchForm,
    SourceForm,
)
from wulian.funds.models import NEXT_STATUS, FacilityKind, ProjectCategory, ProjectStatus
from wulian.funds.money import rmb_upper
from wulian.funds.selectors import (
    area_report,
    manageable_allocations,
    search_projects,
    visible_allocations,
    visible_entries,
    visible_facilities,
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

# ------------------------------------------------------------------------------------ funds


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


# ------------------------------------------------------------------------------ allocations


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


# --------------------------------------------------------------------------------- projects


def _search_projects(request):
    form = ProjectSearchForm(request.GET or None)
    params = search_filters(form)
    return form, params, search_projects(request.user, **params)


@login_required
@permission_required("project.view")
def project_list(request):
    form, _params, qs = _search_projects(request)
    return list_page(request, "funds/project_list.html", form, qs, can={"export": "fund.export"})


@login_required
@permission_required("fund.export")
def project_export(request):
    _form, params, qs = _search_projects(request)
    total = qs.count()

    def send():
        return export_response(
            request,
            action="fund.export",
            object_type="funds.project",
            title=_("惠民项目"),
            data=exporters.export_projects(qs.iterator(chunk_size=2000)),
            count=total,
            filters=params,
        )

    return start_or_send(request, name="funds.projects", params=params, total=total, send=send)


@login_required
@permission_required("project.create")
def project_create(request, pk):
    allocation = get_in_scope_or_404(visible_allocations(request.user), pk=pk)
    form = ProjectForm(request.POST or None)
    response = submit(
        request,
        form,
        services.create_project,
        allocation=allocation,
        success=_("项目已登记。"),
        redirect_to=lambda project: reverse("funds:project_detail", args=[project.pk]),
    )
    return response or render(
        request, "funds/form.html", {"form": form, "title": _("新增惠民项目"), "back": allocation}
    )


@login_required
@permission_required("project.view")
def project_detail(request, pk):
    project = get_in_scope_or_404(with_project_figures(visible_projects(request.user)), pk=pk)
    next_status = NEXT_STATUS.get(ProjectStatus(project.status))
    return render(
        request,
        "funds/project_detail.html",
        {
            "project": project,
            "facilities": project.facilities.all(),
            "entries": visible_entries(request.user).filter(project=project)[:50],
            "next_status": next_status,
            "next_label": ProjectStatus(next_status).label if next_status else "",
            "spend_form": AmountReasonForm(),
            "facility_form": FacilityForm(),
            "can_advance": has_action(request.user, "project.advance"),
            "can_spend": has_action(request.user, "project.spend"),
            "can_add_facility": has_action(request.user, "facility.create"),
        },
    )


def _managed_project(request, pk):
    """A project the user may change: in the user's subtrees (a unit's view is read-only)."""
    from wulian.accounts.selectors import scope_for

    return get_in_scope_or_404(
        visible_projects(request.user).filter(scope_for(request.user).paths_q("community")), pk=pk
    )


@login_required
@permission_required("project.advance")
@require_POST
def project_advance(request, pk):
    project = _managed_project(request, pk)
    return act(
        request,
        services.advance_project,
        project=project,
        to_status=request.POST.get("to_status", ""),
        success=lambda _result: (
            _("项目状态已变更为“%(s)s”。") % {"s": project.get_status_display()}
        ),
        redirect_to=reverse("funds:project_detail", args=[project.pk]),
    )


@login_required
@permission_required("project.spend")
@require_POST
def project_spend(request, pk):
    project = _managed_project(request, pk)
    form = AmountReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写支出金额和事由。"))
        return redirect("funds:project_detail", pk=project.pk)
    return act(
        request,
        services.record_spending,
        project=project,
        **form.cleaned_data,
        success=_("支出已记账。"),
        redirect_to=reverse("funds:project_detail", args=[project.pk]),
    )


@login_required
@permission_required("facility.create")
def facility_create(request, pk):
    project = _managed_project(request, pk)
    form = FacilityForm(request.POST or None)
    response = submit(
        request,
        form,
        services.create_facility,
        project=project,
        success=_("设施已登记。"),
        redirect_to=reverse("funds:project_detail", args=[project.pk]),
    )
    return response or render(
        request, "funds/form.html", {"form": form, "title": _("登记公共服务设施"), "back": project}
    )


# ------------------------------------------------------------------------------- facilities


def _search_facilities(request):
    form = FacilitySearchForm(request.GET or None)
    qs = visible_facilities(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            from django.db.models import Q

            qs = qs.filter(Q(name__contains=data["q"]) | Q(place__contains=data["q"]))
        if data["kind"]:
            qs = qs.filter(kind=data["kind"])
        area = search_area(request.user, data["area"])
        if area is not None:
            qs = qs.filter(community__path__startswith=area.path)
    return form, qs


@login_required
@permission_required("project.view")
def facility_list(request):
    form, qs = _search_facilities(request)
    return list_page(request, "funds/facility_list.html", form, qs, can={"export": "fund.export"})


@login_required
@permission_required("fund.export")
def facility_export(request):
    form, qs = _search_facilities(request)
    rows = list(qs)
    return export_response(
        request,
        action="fund.export",
        object_type="funds.facility",
        title=_("公共服务设施"),
        data=exporters.export_facilities(rows),
        count=len(rows),
        filters=search_filters(form),
    )


# ----------------------------------------------------------------------------------- report


def _report_area(request):
    code = request.GET.get("area", "").strip()
    if code:
        area = visible_areas(request.user).filter(code=code).first()
        if area is None:
            raise Http404
        return area
    return root_areas(request.user).first()


@login_required
@permission_required("fund.view")
def report(request):
    area = _report_area(request)
    if area is None:
        raise Http404
    data = area_report(request.user, area)
    return render(
        request,
        "funds/report.html",
        {
            "area": area,
            "report": data,
            "status_rows": [
                (label, data["by_status"].get(code, 0)) for code, label in ProjectStatus.choices
            ],
            "category_rows": [
                (label, *data["by_category"].get(code, (0, 0)))
                for code, label in ProjectCategory.choices
            ],
            "kind_rows": [
                (label, data["by_kind"].get(code, 0)) for code, label in FacilityKind.choices
            ],
            "children": area.children.order_by("code") if area.level != "community" else [],
            "can_export": has_action(request.user, "fund.export"),
        },
    )


@login_required
@permission_required("fund.export")
def report_export(request):
    area = _report_area(request)
    if area is None:
        raise Http404
    data = exporters.export_report(
        area,
        area_report(request.user, area),
        dict(ProjectStatus.choices),
        dict(ProjectCategory.choices),
        dict(FacilityKind.choices),
    )
    return export_response(
        request,
        action="fund.export",
        object_type="funds.report",
        title=_("资金统计"),
        data=data,
        count=1,
        filters={"area": area.code},
    )
