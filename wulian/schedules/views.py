from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.selectors import search_area
from wulian.schedules import exporters, forms, selectors, services
from wulian.web.spreadsheet_views import export_response
from wulian.web.views_helpers import (
    list_page,
    permission_required,
    refuse_area_outside_scope,
    search_filters,
    submit,
)


def _detail_url(schedule) -> str:
    return reverse("schedules:detail", args=[schedule.pk])


@login_required
@permission_required("schedule.view")
def schedule_list(request):
    form = forms.ScheduleSearchForm(request.GET or None)
    qs = selectors.visible_schedules(request.user)
    if form.is_valid():
        qs = qs.search(
            kind=form.cleaned_data["kind"],
            area=search_area(request.user, form.cleaned_data["area"]),
        )
    return list_page(request, "schedules/list.html", form, qs, can={"create": "schedule.manage"})


@login_required
@permission_required("schedule.manage")
def schedule_create(request):
    form = forms.ScheduleCreateForm(
        request.POST or None,
        targets=selectors.targets_for(request.user),
        initial={"area": request.GET.get("area", "")},
    )
    refuse_area_outside_scope(request, form, "area")
    response = submit(
        request, form, services.create_schedule, success=_("计划已设置。"), redirect_to=_detail_url
    )
    return response or render(
        request, "schedules/form.html", {"form": form, "title": _("设置现场会与督导计划")}
    )


@login_required
@permission_required("schedule.view")
def schedule_detail(request, pk):
    schedule = get_in_scope_or_404(selectors.visible_schedules(request.user), pk=pk)
    occurrences = schedule.occurrences.select_related(
        "area", "schedule__org", "meeting", "inspection__target"
    )
    return render(
        request,
        "schedules/detail.html",
        {
            "schedule": schedule,
            "occurrences": occurrences[:24],
            "can_manage": has_action(request.user, "schedule.manage"),
        },
    )


@login_required
@permission_required("schedule.manage")
def schedule_edit(request, pk):
    schedule = get_in_scope_or_404(selectors.visible_schedules(request.user), pk=pk)
    form = forms.ScheduleEditForm(
        request.POST or None,
        targets=selectors.targets_for(request.user),
        initial={
            "place": schedule.place,
            "day": schedule.day,
            "target": schedule.target_id,
            "active": schedule.active,
        },
    )
    response = submit(
        request,
        form,
        services.update_schedule,
        schedule=schedule,
        success=_("已保存。"),
        redirect_to=_detail_url,
    )
    return response or render(
        request, "schedules/form.html", {"form": form, "title": _("编辑：%(s)s") % {"s": schedule}}
    )


def _occurrences(request):
    form = forms.OccurrenceSearchForm(request.GET or None)
    qs = selectors.visible_occurrences(request.user)
    if form.is_valid():
        d = form.cleaned_data
        qs = qs.search(
            kind=d["kind"],
            status=d["status"],
            area=search_area(request.user, d["area"]),
            year=d["year"],
        )
    return form, qs


@login_required
@permission_required("schedule.view")
def occurrence_list(request):
    form, qs = _occurrences(request)
    return list_page(
        request, "schedules/occurrences.html", form, qs, can={"export": "schedule.export"}
    )


@login_required
@permission_required("schedule.export")
def occurrence_export(request):
    form, qs = _occurrences(request)
    rows = list(qs)
    return export_response(
        request,
        action="schedule.export",
        object_type="schedules.occurrence",
        title=_("现场会与督导落实"),
        data=exporters.export_occurrences(rows),
        count=len(rows),
        filters=search_filters(form),
    )
