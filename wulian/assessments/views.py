from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.selectors import search_area
from wulian.assessments import exporters, forms, rules, selectors, services
from wulian.assessments.models import Indicator, Source
from wulian.web.spreadsheet_views import export_response
from wulian.web.views_helpers import (
    add_errors,
    list_page,
    permission_required,
    refuse_area_outside_scope,
    submit,
)


def _detail_url(system) -> str:
    return reverse("assessments:detail", args=[system.pk])


@login_required
@permission_required("assessment.view")
def system_list(request):
    form = forms.SystemSearchForm(request.GET or None)
    qs = selectors.visible_systems(request.user)
    if form.is_valid():
        qs = qs.search(
            year=form.cleaned_data["year"],
            area=search_area(request.user, form.cleaned_data["area"]),
        )
    return list_page(
        request, "assessments/list.html", form, qs, can={"create": "assessment.manage"}
    )


@login_required
@permission_required("assessment.manage")
def system_create(request):
    form = forms.SystemForm(request.POST or None)
    refuse_area_outside_scope(request, form, "area")
    response = submit(
        request,
        form,
        services.create_system,
        success=_("考核指标体系已建立，请设置指标和权重。"),
        redirect_to=lambda s: reverse("assessments:indicators", args=[s.pk]),
    )
    return response or render(
        request, "assessments/form.html", {"form": form, "title": _("建立考核指标体系")}
    )


@login_required
@permission_required("assessment.view")
def system_detail(request, pk):
    system = get_in_scope_or_404(selectors.visible_systems(request.user), pk=pk)
    return render(
        request,
        "assessments/detail.html",
        {
            "system": system,
            "table": selectors.table(system),
            "sources": dict(Source.choices),
            "can_manage": has_action(request.user, "assessment.manage"),
            "can_export": has_action(request.user, "assessment.export"),
        },
    )


@login_required
@permission_required("assessment.manage")
def system_indicators(request, pk):
    system = get_in_scope_or_404(selectors.visible_systems(request.user), pk=pk)
    labels = dict(Source.choices)
    current = "\n".join(
        f"{i.name}，{i.weight}，{labels[i.source]}" for i in system.indicators.all()
    )
    form = forms.IndicatorsForm(request.POST or None, initial={"indicators": current})
    response = submit(
        request,
        form,
        services.set_indicators,
        system=system,
        success=_("指标和权重已保存。"),
        redirect_to=_detail_url(system),
    )
    return response or render(
        request,
        "assessments/form.html",
        {"form": form, "title": _("设置指标和权重：%(s)s") % {"s": system}},
    )


@login_required
@permission_required("assessment.export")
def system_export(request, pk):
    system = get_in_scope_or_404(selectors.visible_systems(request.user), pk=pk)
    t = selectors.table(system)
    return export_response(
        request,
        action="assessment.export",
        object_type="assessments.indicatorsystem",
        title=system.name,
        data=exporters.export_table(t),
        count=len(t.rows),
        filters={"system": system.pk},
    )


@login_required
@permission_required("assessment.manage")
def manual_scores(request, pk):
    indicator = get_in_scope_or_404(
        Indicator.objects.filter(
            system__in=selectors.visible_systems(request.user), source=Source.MANUAL
        ).select_related("system__area"),
        pk=pk,
    )
    orgs = [o for _a, o in selectors.assessed(indicator.system)]
    initial = {s.org_id: s.score for s in indicator.scores.all()}
    form = forms.ManualScoresForm(request.POST or None, orgs=orgs, initial_scores=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.score_manual(by=request.user, indicator=indicator, scores=form.scores())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("评分已保存。"))
            return redirect(_detail_url(indicator.system))
    return render(
        request,
        "assessments/form.html",
        {"form": form, "title": _("评分：%(i)s") % {"i": indicator}},
        status=400 if form.errors else 200,
    )


def _reports(request):
    form = forms.ReportSearchForm(request.GET or None)
    qs = selectors.visible_reports(request.user)
    if form.is_valid():
        d = form.cleaned_data
        qs = qs.search(year=d["year"], grade=d["grade"], area=search_area(request.user, d["area"]))
    return form, qs


@login_required
@permission_required("work_report.view")
def report_list(request):
    form, qs = _reports(request)
    return list_page(
        request, "assessments/reports.html", form, qs, can={"create": "work_report.submit"}
    )


@login_required
@permission_required("work_report.submit")
def report_create(request):
    form = forms.ReportForm(request.POST or None, orgs=selectors.reportable_orgs(request.user))
    response = submit(
        request,
        form,
        services.submit_report,
        success=_("述职报告已提交。"),
        redirect_to=lambda r: reverse("assessments:report_detail", args=[r.pk]),
    )
    return response or render(
        request, "assessments/form.html", {"form": form, "title": _("提交书记述职报告")}
    )


@login_required
@permission_required("work_report.view")
def report_detail(request, pk):
    report = get_in_scope_or_404(selectors.visible_reports(request.user), pk=pk)
    can = rules.can_evaluate(request.user, report)
    return render(
        request,
        "assessments/report.html",
        {
            "report": report,
            "evaluate_form": forms.EvaluateForm(
                initial={
                    "grade": report.grade,
                    "score": report.score or "",
                    "comment": report.comment,
                }
            )
            if can
            else None,
        },
    )


@login_required
@permission_required("work_report.evaluate")
@require_POST
def report_evaluate(request, pk):
    report = get_in_scope_or_404(selectors.evaluable_reports(request.user), pk=pk)
    form = forms.EvaluateForm(request.POST)
    response = submit(
        request,
        form,
        services.evaluate_report,
        report=report,
        success=_("评议已保存。"),
        redirect_to=reverse("assessments:report_detail", args=[report.pk]),
    )
    return response or render(
        request, "assessments/form.html", {"form": form, "title": _("述职评议")}, status=400
    )
