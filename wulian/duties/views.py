from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.duties import services
from wulian.duties.exporters import export_duties
from wulian.duties.forms import (
    AssignForm,
    DutyForm,
    DutyListForm,
    DutyListSearchForm,
    DutySearchForm,
    HolidayConfirmForm,
    HolidayForm,
    HolidaySearchForm,
    ProgressForm,
)
from wulian.duties.importers import DutyImporter
from wulian.duties.models import DutyStatus, ProgressReport
from wulian.duties.rules import can_report
from wulian.duties.selectors import (
    assignment_progress,
    holiday_year,
    official_differences,
    visible_duties,
    visible_duty_lists,
    visible_holidays,
    with_colours,
)
from wulian.orgs.selectors import visible_orgs
from wulian.web.spreadsheet_views import export_response, import_page, template_response
from wulian.web.views_helpers import (
    list_page,
    paginate,
    permission_required,
    search_filters,
    submit,
)

colour = with_colours


# ------------------------------------------------------------------------------------- lists


@login_required
@permission_required("duty.view")
def list_index(request):
    form = DutyListSearchForm(request.GET or None)
    qs = visible_duty_lists(request.user)
    if form.is_valid():
        d = form.cleaned_data
        qs = qs.search(q=d["q"].strip(), year=d["year"], kind=d["kind"])
    return list_page(
        request,
        "duties/lists.html",
        form,
        qs,
        can={
            "create": "duty.create",
            "assign": "duty.assign",
            "import": "duty.import",
            "export": "duty.export",
        },
    )


@login_required
@permission_required("duty.create")
def list_create(request):
    form = DutyListForm(request.POST or None, orgs=visible_orgs(request.user))
    response = submit(
        request,
        form,
        services.create_duty_list,
        success=_("清单已创建。"),
        redirect_to=lambda duty_list: reverse("duties:list_detail", args=[duty_list.pk]),
    )
    return response or render(request, "duties/form.html", {"form": form, "title": _("新增清单")})


@login_required
@permission_required("duty.view")
def list_detail(request, pk):
    duty_list = get_in_scope_or_404(visible_duty_lists(request.user), pk=pk)
    duties = colour(list(visible_duties(request.user).filter(duty_list=duty_list)))
    return render(
        request,
        "duties/list_detail.html",
        {
            "duty_list": duty_list,
            "duties": duties,
            "can_create": has_action(request.user, "duty.create"),
            "can_export": has_action(request.user, "duty.export"),
        },
    )


@login_required
@permission_required("duty.export")
def list_export(request, pk):
    duty_list = get_in_scope_or_404(visible_duty_lists(request.user), pk=pk)
    duties = colour(
        list(visible_duties(request.user).filter(duty_list=duty_list).prefetch_related("co_orgs"))
    )
    title = str(duty_list)
    return export_response(
        request,
        action="duty.export",
        object_type="duties.dutylist",
        title=title[:31],
        data=export_duties(duties, title=duty_list.get_kind_display()),
        count=len(duties),
        filters={"duty_list": duty_list.pk},
    )


@login_required
@permission_required("duty.create")
def duty_create(request, pk):
    duty_list = get_in_scope_or_404(visible_duty_lists(request.user), pk=pk)
    form = DutyForm(request.POST or None, orgs=visible_orgs(request.user))
    response = submit(
        request,
        form,
        services.create_duty,
        duty_list=duty_list,
        success=_("事项已添加。"),
        redirect_to=lambda duty: reverse("duties:detail", args=[duty.pk]),
        denied=_("无权操作该清单。"),
    )
    return response or render(
        request,
        "duties/form.html",
        {"form": form, "title": _("新增事项：%(l)s") % {"l": duty_list}},
    )


# ------------------------------------------------------------------------------------ duties


def _search(request):
    form = DutySearchForm(request.GET or None)
    qs = visible_duties(request.user)
    today = timezone.localdate()
    if form.is_valid():
        d = form.cleaned_data
        qs = qs.search(
            q=d["q"].strip(),
            kind=d["kind"],
            status=d["status"],
            year=d["year"],
            colour=d["colour"],
            today=today,
        )
    return form, qs


@login_required
@permission_required("duty.view")
def duty_index(request):
    form, qs = _search(request)
    page_obj = paginate(request, qs)
    colour(page_obj.object_list)
    return render(
        request,
        "duties/index.html",
        {
            "form": form,
            "page_obj": page_obj,
            "can_assign": has_action(request.user, "duty.assign"),
            "can_import": has_action(request.user, "duty.import"),
            "can_export": has_action(request.user, "duty.export"),
        },
    )


@login_required
@permission_required("duty.export")
def duty_export(request):
    form, qs = _search(request)
    duties = colour(list(qs.prefetch_related("co_orgs")))
    return export_response(
        request,
        action="duty.export",
        object_type="duties.duty",
        title=_("清单事项"),
        data=export_duties(duties),
        count=len(duties),
        filters=search_filters(form),
    )


@login_required
@permission_required("duty.view")
def duty_detail(request, pk):
    duty = get_in_scope_or_404(visible_duties(request.user).prefetch_related("co_orgs"), pk=pk)
    colour([duty])
    may_report = duty.status == DutyStatus.OPEN and can_report(request.user, duty)
    return render(
        request,
        "duties/detail.html",
        {
            "duty": duty,
            "reports": duty.reports.select_related("reported_by"),
            "form": ProgressForm() if may_report else None,
        },
    )


@login_required
@permission_required("duty.report")
@require_POST
def duty_report(request, pk):
    duty = get_in_scope_or_404(visible_duties(request.user), pk=pk)
    form = ProgressForm(request.POST, request.FILES)
    response = submit(
        request,
        form,
        services.report_progress,
        duty=duty,
        success=_("进展已报告。"),
        redirect_to=reverse("duties:detail", args=[duty.pk]),
    )
    if response is not None:
        return response
    colour([duty])
    return render(
        request,
        "duties/detail.html",
        {
            "duty": duty,
            "reports": duty.reports.select_related("reported_by"),
            "form": form,
        },
        status=400,
    )


@login_required
@permission_required("duty.view")
def evidence(request, pk):
    report = get_in_scope_or_404(
        ProgressReport.objects.filter(duty__in=visible_duties(request.user)), pk=pk
    )
    if not report.evidence:
        raise Http404
    return FileResponse(
        report.evidence.open("rb"),
        as_attachment=True,
        filename=report.evidence.name.rsplit("/", 1)[-1],
    )


@login_required
@permission_required("duty.assign")
def duty_assign(request):
    orgs = visible_orgs(request.user)
    form = AssignForm(request.POST or None, orgs=orgs, targets=orgs.exclude(kind="department"))
    response = submit(
        request,
        form,
        services.assign_duty,
        success=lambda duties: _("已向%(n)d个单位下达事项。") % {"n": len(duties)},
        redirect_to=lambda duties: reverse("duties:assignment", args=[duties[0].assignment]),
    )
    return response or render(request, "duties/form.html", {"form": form, "title": _("下达事项")})


@login_required
@permission_required("duty.view")
def assignment(request, assignment):
    duties = colour(list(assignment_progress(request.user, assignment)))
    if not duties:
        raise Http404
    done = sum(1 for d in duties if d.status == DutyStatus.DONE)
    return render(
        request, "duties/assignment.html", {"duties": duties, "first": duties[0], "done": done}
    )


# -------------------------------------------------------------------------------------- import


@login_required
@permission_required("duty.import")
def duty_import(request):
    return import_page(
        request,
        DutyImporter(by=request.user),
        list_url="duties:index",
        template_url="duties:import_template",
    )


@login_required
@permission_required("duty.import")
def duty_import_template(request):
    return template_response(DutyImporter(by=request.user))


# ------------------------------------------------------------------------------------ holidays


@login_required
@permission_required("holiday.view")
def holiday_list(request):
    form = HolidaySearchForm(request.GET or None)
    qs = visible_holidays(request.user)
    year = timezone.localdate().year
    if form.is_valid() and form.cleaned_data["year"]:
        year = form.cleaned_data["year"]
    qs = qs.filter(date__year=year)
    confirmed = holiday_year(year)
    can_manage = has_action(request.user, "holiday.manage")
    return render(
        request,
        "duties/holidays.html",
        {
            "form": form,
            "holidays": qs,
            "year": year,
            "can_manage": can_manage,
            "confirmed": confirmed,
            "differences": official_differences(year),
            "confirm_form": HolidayConfirmForm(initial={"year": year})
            if can_manage and confirmed is None
            else None,
        },
    )


@login_required
@permission_required("holiday.manage")
def holiday_confirm(request):
    """Confirm a year's arrangement entered from the State Council's notice."""
    form = HolidayConfirmForm(request.POST or None)
    response = submit(
        request,
        form,
        services.confirm_holiday_year,
        success=_("已确认该年度节假日安排。"),
        redirect_to=lambda entry: reverse("duties:holidays") + f"?year={entry.year}",
    )
    return response or render(
        request,
        "duties/form.html",
        {"form": form, "title": _("确认年度节假日安排")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@permission_required("holiday.manage")
def holiday_create(request):
    form = HolidayForm(request.POST or None)
    response = submit(
        request, form, services.create_holiday, success=_("已添加。"), redirect_to="duties:holidays"
    )
    return response or render(request, "duties/form.html", {"form": form, "title": _("新增节假日")})


@login_required
@permission_required("holiday.manage")
def holiday_edit(request, pk):
    holiday = get_in_scope_or_404(visible_holidays(request.user), pk=pk)
    form = HolidayForm(
        request.POST or None,
        initial={"date": holiday.date, "name": holiday.name, "is_workday": holiday.is_workday},
    )
    response = submit(
        request,
        form,
        services.update_holiday,
        holiday=holiday,
        success=_("已保存。"),
        redirect_to="duties:holidays",
    )
    return response or render(request, "duties/form.html", {"form": form, "title": _("编辑节假日")})


@login_required
@permission_required("holiday.manage")
@require_POST
def holiday_delete(request, pk):
    holiday = get_in_scope_or_404(visible_holidays(request.user), pk=pk)
    services.delete_holiday(by=request.user, holiday=holiday)
    messages.success(request, _("已删除。"))
    return redirect("duties:holidays")
