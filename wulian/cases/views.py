from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.models import Area
from wulian.areas.selectors import root_areas, visible_areas
from wulian.cases import exporters, forms, selectors, services
from wulian.cases.importers import CaseImporter
from wulian.cases.models import Case, Status
from wulian.core.spreadsheet_views import export_response, import_page, template_response
from wulian.core.views_helpers import add_errors, paginate, permission_required
from wulian.orgs.selectors import visible_orgs


def search_cases(request):
    form = forms.CaseSearchForm(request.GET or None)
    qs = selectors.visible_cases(request.user)
    if form.is_valid():
        d = form.cleaned_data
        area = None
        if d["area"].strip():
            area = visible_areas(request.user).filter(code=d["area"].strip()).first() or Area(path="-none-")
        qs = qs.search(q=d["q"].strip(), category=d["category"], status=d["status"], area=area)
    return form, qs


@login_required
@permission_required("case.view")
def case_list(request):
    form, qs = search_cases(request)
    return render(request, "cases/list.html", {
        "form": form, "page_obj": paginate(request, qs),
        "can_create": has_action(request.user, "case.create"),
        "can_import": has_action(request.user, "case.import"),
        "can_export": has_action(request.user, "case.export"),
    })


@login_required
@permission_required("case.export")
def case_export(request):
    form, qs = search_cases(request)
    rows = list(qs)
    filters = {k: v for k, v in (form.cleaned_data if form.is_bound and form.is_valid() else {}).items() if v}
    return export_response(request, action="case.export", object_type="cases.case", title=_("矛盾纠纷"),
                           data=exporters.export_cases(rows), count=len(rows), filters=filters)


@login_required
@permission_required("case.create")
def case_create(request):
    form = forms.CaseForm(request.POST or None, initial={"area": request.GET.get("area", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not visible_areas(request.user).filter(pk=data["area"].pk).exists():
            form.add_error("area", _("该区域不在您的管辖范围内。"))
        else:
            try:
                case = services.register_case(by=request.user, **data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("矛盾纠纷已登记。"))
                return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/form.html", {"form": form})


@login_required
@permission_required("case.view")
def case_detail(request, pk):
    case = get_in_scope_or_404(selectors.visible_cases(request.user), pk=pk)
    agenda = list(case.agenda_items.select_related("meeting__area", "meeting__convener"))
    timeline = [(case.registered_at, _("登记"), _("%(s)s：%(by)s") % {
        "s": case.get_source_display(), "by": case.reporter or case.registered_by or _("系统")}, None)]
    for a in agenda:
        timeline.append((a.added_at, _("列入联席会议议程"), f"{a.meeting.area.name} · {a.meeting.topic}", a.meeting))
        if a.meeting.closed_at:
            timeline.append((a.meeting.closed_at, _("联席会议闭会"), a.meeting.topic, a.meeting))
    if case.resolved_at:
        timeline.append((case.resolved_at, _("化解"), f"{case.get_method_display()}：{case.resolution}", None))
    timeline.sort(key=lambda row: row[0])
    meetings = []
    if case.status == Status.OPEN and has_action(request.user, "meeting.update"):
        from wulian.meetings.models import MeetingStatus
        from wulian.meetings.selectors import visible_meetings

        on = {a.meeting_id for a in agenda}
        meetings = [m for m in visible_meetings(request.user).filter(
            status=MeetingStatus.SCHEDULED, area__code__in=case.area.ancestor_codes()).order_by("starts_at")
            if m.pk not in on]
    return render(request, "cases/detail.html", {
        "case": case, "timeline": timeline, "meetings": meetings,
        "can_resolve": case.status == Status.OPEN and has_action(request.user, "case.resolve"),
    })


@login_required
@permission_required("case.resolve")
def case_resolve(request, pk):
    case = get_in_scope_or_404(selectors.visible_cases(request.user), pk=pk)
    form = forms.ResolveForm(request.POST or None, orgs=visible_orgs(request.user),
                             initial={"resolved_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.resolve_case(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("化解情况已记录。"))
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/resolve.html", {"form": form, "case": case})


@login_required
@permission_required("case.report")
def case_report(request):
    """A resident reports a problem (phone-first)."""
    form = forms.ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_case(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("已提交，社区会尽快联系您。"))
            return redirect("cases:report")
    mine = Case.objects.filter(reporter_id=request.user.person_id).select_related("area") if request.user.person_id else []
    return render(request, "cases/report.html", {"form": form, "mine": mine})


@login_required
@permission_required("case.view")
def case_stats(request):
    """Resolved cases by category, over an area's subtree (the selector picks the area)."""
    code = (request.GET.get("area") or "").strip()
    roots = list(root_areas(request.user))
    area = visible_areas(request.user).filter(code=code).first() if code else (roots[0] if roots else None)
    if area is None:
        if code and Area.objects.filter(code=code).exists():
            from django.http import Http404

            raise Http404
        return render(request, "cases/stats.html", {"area": None, "roots": roots})
    return render(request, "cases/stats.html", {
        "area": area, "roots": roots, "stats": selectors.resolved_counts(request.user, area),
        "ancestors": [a for a in area.ancestors() if visible_areas(request.user).filter(pk=a.pk).exists()],
    })


@login_required
@permission_required("case.import")
def case_import(request):
    return import_page(request, CaseImporter(by=request.user), list_url="cases:list",
                       template_url="cases:import_template")


@login_required
@permission_required("case.import")
def case_import_template(request):
    return template_response(CaseImporter(by=request.user))
