"""Project and facility pages: lists, exports, create, detail, advance a stage, record spending,
add a facility."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.selectors import search_area
from wulian.exports.views import start_or_send
from wulian.funds import exporters, services
from wulian.funds.forms import (
    AmountReasonForm,
    FacilityForm,
    FacilitySearchForm,
    ProjectForm,
    ProjectSearchForm,
)
from wulian.funds.models import NEXT_STATUS, ProjectStatus
from wulian.funds.selectors import (
    search_projects,
    visible_allocations,
    visible_entries,
    visible_facilities,
    visible_projects,
    with_project_figures,
)
from wulian.web.spreadsheet_views import export_response
from wulian.web.views_helpers import act, list_page, permission_required, search_filters, submit


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
