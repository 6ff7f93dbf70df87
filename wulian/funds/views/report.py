"""The funds report of an area and year, on the page and as a spreadsheet."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from wulian.accounts.rules import has_action
from wulian.areas.selectors import root_areas, visible_areas
from wulian.funds import exporters
from wulian.funds.models import FacilityKind, ProjectCategory, ProjectStatus
from wulian.funds.selectors import area_report
from wulian.web.spreadsheet_views import export_response
from wulian.web.views_helpers import permission_required


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
