from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.models import Area
from wulian.areas.selectors import root_areas, search_area, visible_areas
from wulian.cases import exporters, forms, selectors, services
from wulian.cases.importers import CaseImporter
from wulian.cases.models import Status
from wulian.cases.panels import panels_for
from wulian.cases.rules import can_resolve
from wulian.orgs.selectors import visible_orgs
from wulian.web.spreadsheet_views import export_response, import_page, template_response
from wulian.web.views_helpers import (
    list_page,
    paginate,
    permission_required,
    refuse_area_outside_scope,
    search_filters,
    submit,
)


def search_cases(request):
    form = forms.CaseSearchForm(request.GET or None)
    qs = selectors.visible_cases(request.user)
    if form.is_valid():
        d = form.cleaned_data
        qs = qs.search(
            q=d["q"].strip(),
            category=d["category"],
            status=d["status"],
            area=search_area(request.user, d["area"]),
        )
    return form, qs


@login_required
@permission_required("case.view")
def case_list(request):
    form, qs = search_cases(request)
    return list_page(
        request,
        "cases/list.html",
        form,
        qs,
        can={"create": "case.create", "import": "case.import", "export": "case.export"},
    )


@login_required
@permission_required("case.export")
def case_export(request):
    form, qs = search_cases(request)
    rows = list(qs)
    return export_response(
        request,
        action="case.export",
        object_type="cases.case",
        title=_("矛盾纠纷"),
        data=exporters.export_cases(rows),
        count=len(rows),
        filters=search_filters(form),
    )


@login_required
@permission_required("case.create")
def case_create(request):
    form = forms.CaseForm(request.POST or None, initial={"area": request.GET.get("area", "")})
    refuse_area_outside_scope(request, form)
    response = submit(
        request,
        form,
        services.register_case,
        success=_("矛盾纠纷已登记。"),
        redirect_to=lambda case: reverse("cases:detail", args=[case.pk]),
    )
    return response or render(request, "cases/form.html", {"form": form})


@login_required
@permission_required("case.view")
def case_detail(request, pk):
    case = get_in_scope_or_404(selectors.visible_cases(request.user), pk=pk)
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "timeline": selectors.timeline(case),
            "panels": panels_for(request, case),
            "can_resolve": case.status == Status.OPEN and can_resolve(request.user, case),
        },
    )


@login_required
@permission_required("case.resolve")
def case_resolve(request, pk):
    case = get_in_scope_or_404(selectors.visible_cases(request.user), pk=pk)
    form = forms.ResolveForm(
        request.POST or None,
        orgs=visible_orgs(request.user),
        initial={"resolved_on": timezone.localdate()},
    )
    response = submit(
        request,
        form,
        services.resolve_case,
        case=case,
        success=_("化解情况已记录。"),
        redirect_to=reverse("cases:detail", args=[case.pk]),
    )
    return response or render(request, "cases/resolve.html", {"form": form, "case": case})


@login_required
@permission_required("case.report")
def case_report(request):
    """A resident reports a problem (phone-first)."""
    form = forms.ReportForm(request.POST or None)
    response = submit(
        request,
        form,
        services.report_case,
        success=_("已提交，社区会尽快联系您。"),
        redirect_to="cases:report",
    )
    if response is not None:
        return response
    return render(
        request,
        "cases/report.html",
        {
            "form": form,
            "mine": selectors.reported_cases(request.user)[:20],
            "can_follow": has_action(request.user, "case.follow"),
        },
    )


@login_required
@permission_required("case.follow")
def mine_list(request):
    """A reporter's own cases (phone-first): where each stands."""
    return render(
        request,
        "cases/mine_list.html",
        {"page_obj": paginate(request, selectors.reported_cases(request.user))},
    )


@login_required
@permission_required("case.follow")
def mine_detail(request, pk):
    """A reporter's own case with its timeline (phone-first); anyone else's answers 404."""
    case = get_in_scope_or_404(selectors.reported_cases(request.user), pk=pk)
    return render(
        request, "cases/mine_detail.html", {"case": case, "timeline": selectors.timeline(case)}
    )


@login_required
@permission_required("case.view")
def case_stats(request):
    """Resolved cases by category, over an area's subtree (the selector picks the area)."""
    code = (request.GET.get("area") or "").strip()
    roots = list(root_areas(request.user))
    area = (
        visible_areas(request.user).filter(code=code).first()
        if code
        else (roots[0] if roots else None)
    )
    if area is None:
        if code and Area.objects.filter(code=code).exists():
            from django.http import Http404

            raise Http404
        return render(request, "cases/stats.html", {"area": None, "roots": roots})
    return render(
        request,
        "cases/stats.html",
        {
            "area": area,
            "roots": roots,
            "stats": selectors.resolved_counts(request.user, area),
            "ancestors": [
                a for a in area.ancestors() if visible_areas(request.user).filter(pk=a.pk).exists()
            ],
        },
    )


@login_required
@permission_required("case.import")
def case_import(request):
    return import_page(
        request,
        CaseImporter(by=request.user),
        list_url="cases:list",
        template_url="cases:import_template",
    )


@login_required
@permission_required("case.import")
def case_import_template(request):
    return template_response(CaseImporter(by=request.user))
