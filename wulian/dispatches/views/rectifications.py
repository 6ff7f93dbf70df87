"""Rectifications (限期整改) ordered by criticisms: list and export, the page, reports with
evidence, and verification."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.dispatches import services
from wulian.dispatches.exporters import export_rectifications
from wulian.dispatches.forms import RectificationReportForm, RectificationSearchForm, VerifyForm
from wulian.dispatches.models import RectificationReport, RectificationStatus
from wulian.dispatches.selectors import managed_dispatches, visible_rectifications
from wulian.duties.selectors import user_org_ids
from wulian.web.spreadsheet_views import search_export
from wulian.web.views_helpers import list_page, permission_required, submit


def _search_rects(request):
    form = RectificationSearchForm(request.GET or None)
    qs = visible_rectifications(request.user)
    if form.is_valid():
        if form.cleaned_data["q"]:
            qs = qs.filter(org__name__contains=form.cleaned_data["q"].strip())
        if form.cleaned_data["status"]:
            qs = qs.filter(status=form.cleaned_data["status"])
    return form, qs


@login_required
@permission_required("rectification.view")
def rectification_list(request):
    form, qs = _search_rects(request)
    return list_page(
        request, "dispatches/rectifications.html", form, qs, can={"export": "dispatch.export"}
    )


@login_required
@permission_required("dispatch.export")
def rectification_export(request):
    return search_export(
        request,
        _search_rects,
        action="dispatch.export",
        object_type="dispatches.rectification",
        title=_("限期整改"),
        write=export_rectifications,
        rows=lambda qs: list(qs.select_related("criticism__dispatch")),
    )


def _rect_page(request, rect, *, report_form=None, verify_form=None, status=200):
    mine = rect.org_id in user_org_ids(request.user)
    may_report = (
        mine
        and has_action(request.user, "rectification.report")
        and rect.status in (RectificationStatus.PENDING, RectificationStatus.REJECTED)
    )
    may_verify = (
        has_action(request.user, "rectification.verify")
        and rect.status == RectificationStatus.REPORTED
        and managed_dispatches(request.user).filter(pk=rect.criticism.dispatch_id).exists()
    )
    return render(
        request,
        "dispatches/rectification_detail.html",
        {
            "rect": rect,
            "reports": rect.reports.select_related("reported_by"),
            "report_form": (report_form or RectificationReportForm()) if may_report else None,
            "verify_form": (verify_form or VerifyForm()) if may_verify else None,
        },
        status=status,
    )


@login_required
@permission_required("rectification.view")
def rectification_detail(request, pk):
    return _rect_page(request, get_in_scope_or_404(visible_rectifications(request.user), pk=pk))


@login_required
@permission_required("rectification.report")
@require_POST
def rectification_report(request, pk):
    rect = get_in_scope_or_404(visible_rectifications(request.user), pk=pk)
    form = RectificationReportForm(request.POST, request.FILES)
    response = submit(
        request,
        form,
        services.report_rectification,
        rectification=rect,
        success=_("整改情况已报告。"),
        redirect_to=reverse("dispatches:rectification_detail", args=[rect.pk]),
    )
    return response or _rect_page(request, rect, report_form=form, status=400)


@login_required
@permission_required("rectification.verify")
@require_POST
def rectification_verify(request, pk):
    rect = get_in_scope_or_404(visible_rectifications(request.user), pk=pk)
    form = VerifyForm(request.POST)
    response = submit(
        request,
        form,
        services.verify_rectification,
        rectification=rect,
        success=_("核验结果已记录。"),
        redirect_to=reverse("dispatches:rectification_detail", args=[rect.pk]),
    )
    return response or _rect_page(request, rect, verify_form=form, status=400)


@login_required
@permission_required("rectification.view")
def rectification_evidence(request, pk):
    report = get_in_scope_or_404(
        RectificationReport.objects.filter(rectification__in=visible_rectifications(request.user)),
        pk=pk,
    )
    if not report.evidence:
        raise Http404
    return FileResponse(
        report.evidence.open("rb"),
        as_attachment=True,
        filename=report.evidence.name.rsplit("/", 1)[-1],
    )
