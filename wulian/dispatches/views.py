import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404, scope_for
from wulian.core.crypto import sm3_hex
from wulian.dispatches import services
from wulian.dispatches.exporters import (
    export_dispatch_figures,
    export_dispatches,
    export_rectifications,
)
from wulian.dispatches.forms import (
    CriticismForm,
    DecideForm,
    DispatchEditForm,
    DispatchSearchForm,
    FindingForm,
    GenerateForm,
    InquiryForm,
    InquirySearchForm,
    InspectionForm,
    InspectionSearchForm,
    RectificationReportForm,
    RectificationSearchForm,
    ReplyForm,
    VerifyForm,
)
from wulian.dispatches.models import (
    Criticism,
    DispatchStatus,
    RectificationReport,
    RectificationStatus,
)
from wulian.dispatches.selectors import (
    managed_dispatches,
    org_record,
    visible_dispatches,
    visible_inquiries,
    visible_inspections,
    visible_rectifications,
)
from wulian.duties.selectors import user_org_ids, with_colours
from wulian.orgs.selectors import visible_orgs
from wulian.web.spreadsheet_views import export_response
from wulian.web.views_helpers import (
    add_errors,
    list_page,
    permission_required,
    search_filters,
    submit,
)

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------- dispatches

def _search_dispatches(request):
    form = DispatchSearchForm(request.GET or None)
    qs = visible_dispatches(request.user)
    if form.is_valid():
        d = form.cleaned_data
        if d["q"]:
            qs = qs.filter(title__contains=d["q"].strip())
        if d["status"]:
            qs = qs.filter(status=d["status"])
        if d["year"]:
            qs = qs.filter(period__year=d["year"])
    return form, qs


@login_required
@permission_required("dispatch.view")
def dispatch_list(request):
    form, qs = _search_dispatches(request)
    return list_page(request, "dispatches/list.html", form, qs,
                     can={"create": "dispatch.create", "export": "dispatch.export"})


@login_required
@permission_required("dispatch.export")
def dispatch_export(request):
    form, qs = _search_dispatches(request)
    rows = list(qs)
    return export_response(request, action="dispatch.export", object_type="dispatches.dispatch", title=_("调度通报"),
                           data=export_dispatches(rows), count=len(rows), filters=search_filters(form))


@login_required
@permission_required("dispatch.create")
def dispatch_generate(request):
    form = GenerateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dispatch, _created = services.generate_monthly_dispatch(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        except PermissionDenied:
            form.add_error("scope_area", _("该区域不在您的管辖范围内。"))
        else:
            messages.success(request, _("调度通报草稿已生成，请审核。"))
            return redirect("dispatches:detail", pk=dispatch.pk)
    return render(request, "dispatches/form.html", {"form": form, "title": _("生成月度调度通报")})


def _dispatch_page(request, dispatch, *, criticism_form=None, status=200):
    manages = scope_for(request.user).covers_path(dispatch.scope_area.path)  # else a criticised org reading
    editable = manages and dispatch.status == DispatchStatus.DRAFT and has_action(request.user, "dispatch.edit")
    in_scope_orgs = visible_orgs(request.user).filter(area__path__startswith=dispatch.scope_area.path).exclude(pk=dispatch.issuer_id)
    return render(request, "dispatches/detail.html", {
        "dispatch": dispatch, "figures": dispatch.figures,
        "criticisms": dispatch.criticisms.select_related("org", "rectification"),
        "criticism_form": (criticism_form or CriticismForm(orgs=in_scope_orgs)) if editable else None,
        "editable": editable,
        "can_publish": manages and dispatch.status == DispatchStatus.DRAFT and has_action(request.user, "dispatch.publish"),
        "can_correct": manages and dispatch.is_published and has_action(request.user, "dispatch.create"),
        "can_export": manages and has_action(request.user, "dispatch.export"),
        "corrections": dispatch.corrections.all(),
    }, status=status)


@login_required
@permission_required("dispatch.view")
def dispatch_detail(request, pk):
    return _dispatch_page(request, get_in_scope_or_404(visible_dispatches(request.user), pk=pk))


@login_required
@permission_required("dispatch.edit")
def dispatch_edit(request, pk):
    dispatch = get_in_scope_or_404(managed_dispatches(request.user), pk=pk)
    form = DispatchEditForm(request.POST or None, initial={
        "title": dispatch.title, "intro": dispatch.intro, "closing": dispatch.closing, "cc": dispatch.cc})
    if dispatch.is_published:
        messages.error(request, _(services.PUBLISHED_REFUSAL))
        return redirect("dispatches:detail", pk=dispatch.pk)
    response = submit(request, form, services.update_dispatch, dispatch=dispatch, success=_("已保存。"),
                      redirect_to=reverse("dispatches:detail", args=[dispatch.pk]))
    return response or render(request, "dispatches/form.html", {
        "form": form, "title": _("修改通报：%(t)s") % {"t": dispatch.title}})


@login_required
@permission_required("dispatch.edit")
@require_POST
def dispatch_criticize(request, pk):
    dispatch = get_in_scope_or_404(managed_dispatches(request.user), pk=pk)
    orgs = visible_orgs(request.user)
    form = CriticismForm(request.POST, orgs=orgs)
    response = submit(request, form, services.add_criticism, dispatch=dispatch, success=_("已添加通报批评。"),
                      redirect_to=reverse("dispatches:detail", args=[dispatch.pk]))
    return response or _dispatch_page(request, dispatch, criticism_form=form, status=400)


@login_required
@permission_required("dispatch.edit")
@require_POST
def criticism_delete(request, pk):
    criticism = get_in_scope_or_404(
        Criticism.objects.filter(dispatch__in=managed_dispatches(request.user)).select_related("dispatch"), pk=pk)
    try:
        services.remove_criticism(by=request.user, criticism=criticism)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, _("已删除通报批评。"))
    return redirect("dispatches:detail", pk=criticism.dispatch_id)


@login_required
@permission_required("dispatch.publish")
@require_POST
def dispatch_publish(request, pk):
    dispatch = get_in_scope_or_404(managed_dispatches(request.user), pk=pk)
    try:
        dispatch = services.publish_dispatch(by=request.user, dispatch=dispatch)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, _("已发布：%(no)s") % {"no": dispatch.document_no})
    return redirect("dispatches:detail", pk=dispatch.pk)


@login_required
@permission_required("dispatch.create")
@require_POST
def dispatch_correct(request, pk):
    dispatch = get_in_scope_or_404(managed_dispatches(request.user), pk=pk)
    try:
        correction = services.start_correction(by=request.user, dispatch=dispatch)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("dispatches:detail", pk=dispatch.pk)
    messages.success(request, _("已创建更正通报草稿。"))
    return redirect("dispatches:detail", pk=correction.pk)


@login_required
@permission_required("dispatch.view")
def dispatch_pdf(request, pk):
    """Published: the frozen file, checked against its SM3 hash. Draft: a preview."""
    from urllib.parse import quote

    dispatch = get_in_scope_or_404(visible_dispatches(request.user), pk=pk)
    if dispatch.is_published:
        data = dispatch.pdf.open("rb").read()
        if sm3_hex(data) != dispatch.pdf_sm3:
            log.error("dispatch %s: stored PDF does not match its SM3 hash", dispatch.pk)
            return HttpResponse(_("正式文件校验失败，请联系管理员。"), status=409)
        name = f"{dispatch.document_no}.pdf"
    else:
        data = services.render_dispatch_pdf(dispatch, draft=True)
        name = _("草稿_%(t)s.pdf") % {"t": dispatch.title[:20]}
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(name)}"
    response["X-Content-SM3"] = sm3_hex(data)
    return response


@login_required
@permission_required("dispatch.export")
def figures_export(request, pk):
    dispatch = get_in_scope_or_404(managed_dispatches(request.user), pk=pk)
    return export_response(request, action="dispatch.export", object_type="dispatches.dispatch", title=_("调度数据"),
                           data=export_dispatch_figures(dispatch), count=len(dispatch.figures.get("rows", [])),
                           filters={"dispatch": dispatch.pk})


# ------------------------------------------------------------------------------ rectifications

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
    return list_page(request, "dispatches/rectifications.html", form, qs, can={"export": "dispatch.export"})


@login_required
@permission_required("dispatch.export")
def rectification_export(request):
    form, qs = _search_rects(request)
    rows = list(qs.select_related("criticism__dispatch"))
    return export_response(request, action="dispatch.export", object_type="dispatches.rectification",
                           title=_("限期整改"), data=export_rectifications(rows), count=len(rows),
                           filters=search_filters(form))


def _rect_page(request, rect, *, report_form=None, verify_form=None, status=200):
    mine = rect.org_id in user_org_ids(request.user)
    may_report = (mine and has_action(request.user, "rectification.report")
                  and rect.status in (RectificationStatus.PENDING, RectificationStatus.REJECTED))
    may_verify = (has_action(request.user, "rectification.verify") and rect.status == RectificationStatus.REPORTED
                  and managed_dispatches(request.user).filter(pk=rect.criticism.dispatch_id).exists())
    return render(request, "dispatches/rectification_detail.html", {
        "rect": rect, "reports": rect.reports.select_related("reported_by"),
        "report_form": (report_form or RectificationReportForm()) if may_report else None,
        "verify_form": (verify_form or VerifyForm()) if may_verify else None,
    }, status=status)


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
    response = submit(request, form, services.report_rectification, rectification=rect, success=_("整改情况已报告。"),
                      redirect_to=reverse("dispatches:rectification_detail", args=[rect.pk]))
    return response or _rect_page(request, rect, report_form=form, status=400)


@login_required
@permission_required("rectification.verify")
@require_POST
def rectification_verify(request, pk):
    rect = get_in_scope_or_404(visible_rectifications(request.user), pk=pk)
    form = VerifyForm(request.POST)
    response = submit(request, form, services.verify_rectification, rectification=rect, success=_("核验结果已记录。"),
                      redirect_to=reverse("dispatches:rectification_detail", args=[rect.pk]))
    return response or _rect_page(request, rect, verify_form=form, status=400)


@login_required
@permission_required("rectification.view")
def rectification_evidence(request, pk):
    report = get_in_scope_or_404(
        RectificationReport.objects.filter(rectification__in=visible_rectifications(request.user)), pk=pk)
    if not report.evidence:
        raise Http404
    return FileResponse(report.evidence.open("rb"), as_attachment=True, filename=report.evidence.name.rsplit("/", 1)[-1])


# --------------------------------------------------------------------------------- inspections

@login_required
@permission_required("inspection.view")
def inspection_list(request):
    form = InspectionSearchForm(request.GET or None)
    qs = visible_inspections(request.user)
    if form.is_valid():
        if form.cleaned_data["q"]:
            qs = qs.filter(target__name__contains=form.cleaned_data["q"].strip())
        if form.cleaned_data["kind"]:
            qs = qs.filter(kind=form.cleaned_data["kind"])
    return list_page(request, "dispatches/inspections.html", form, qs, can={"create": "inspection.create"})


@login_required
@permission_required("inspection.create")
def inspection_create(request):
    form = InspectionForm(request.POST or None, orgs=visible_orgs(request.user))
    response = submit(request, form, services.create_inspection, success=_("督导已安排。"),
                      redirect_to=lambda inspection: reverse("dispatches:inspection_detail", args=[inspection.pk]))
    return response or render(request, "dispatches/form.html", {"form": form, "title": _("安排督导检查")})


def _inspection_page(request, inspection, *, finding_form=None, errors=None, status=200):
    may_record = has_action(request.user, "inspection.record")
    return render(request, "dispatches/inspection_detail.html", {
        "inspection": inspection, "findings": inspection.findings.select_related("duty"),
        "may_record": may_record and inspection.status == "planned",
        "finding_form": (finding_form or FindingForm()) if may_record else None,
        "record_errors": errors or [],
    }, status=status)


@login_required
@permission_required("inspection.view")
def inspection_detail(request, pk):
    return _inspection_page(request, get_in_scope_or_404(visible_inspections(request.user), pk=pk))


@login_required
@permission_required("inspection.record")
@require_POST
def inspection_record(request, pk):
    inspection = get_in_scope_or_404(visible_inspections(request.user), pk=pk)
    results = []
    for i, entry in enumerate(inspection.checklist):
        ok = request.POST.get(f"ok_{i}")
        results.append({"item": entry["item"], "ok": None if ok not in ("1", "0") else ok == "1",
                        "note": request.POST.get(f"note_{i}", "")})
    try:
        services.record_inspection(by=request.user, inspection=inspection, results=results,
                                   notes=request.POST.get("notes", ""))
    except ValidationError as exc:
        return _inspection_page(request, inspection, errors=exc.messages, status=400)
    messages.success(request, _("督导结果已记录。"))
    return redirect("dispatches:inspection_detail", pk=inspection.pk)


@login_required
@permission_required("inspection.record")
@require_POST
def inspection_finding(request, pk):
    inspection = get_in_scope_or_404(visible_inspections(request.user), pk=pk)
    form = FindingForm(request.POST)
    response = submit(request, form, services.add_finding, inspection=inspection,
                      success=_("问题已列入被督导单位的问题清单。"),
                      redirect_to=reverse("dispatches:inspection_detail", args=[inspection.pk]))
    return response or _inspection_page(request, inspection, finding_form=form, status=400)


# ----------------------------------------------------------------------------------- inquiries

@login_required
@permission_required("inquiry.view")
def inquiry_list(request):
    form = InquirySearchForm(request.GET or None)
    qs = visible_inquiries(request.user)
    if form.is_valid():
        q, state = form.cleaned_data["q"].strip(), form.cleaned_data["state"]
        if q:
            from django.db.models import Q

            qs = qs.filter(Q(subject__contains=q) | Q(to_org__name__contains=q))
        if state == "waiting":
            qs = qs.filter(replied_at__isnull=True)
        elif state == "replied":
            qs = qs.filter(replied_at__isnull=False, decided_at__isnull=True)
        elif state == "decided":
            qs = qs.filter(decided_at__isnull=False)
    return list_page(request, "dispatches/inquiries.html", form, qs, can={"create": "inquiry.send"})


@login_required
@permission_required("inquiry.send")
def inquiry_create(request):
    form = InquiryForm(request.POST or None, orgs=visible_orgs(request.user))
    response = submit(request, form, services.send_inquiry, success=_("问询已发出。"),
                      redirect_to=lambda inquiry: reverse("dispatches:inquiry_detail", args=[inquiry.pk]))
    return response or render(request, "dispatches/form.html", {"form": form, "title": _("发出问询")})


def _inquiry_page(request, inquiry, *, reply_form=None, decide_form=None, status=200):
    may_reply = (inquiry.replied_at is None and has_action(request.user, "inquiry.reply")
                 and inquiry.to_org_id in user_org_ids(request.user))
    may_decide = inquiry.decided_at is None and has_action(request.user, "inquiry.decide") and inquiry.to_org_id not in user_org_ids(request.user)
    return render(request, "dispatches/inquiry_detail.html", {
        "inquiry": inquiry,
        "reply_form": (reply_form or ReplyForm()) if may_reply else None,
        "decide_form": (decide_form or DecideForm()) if may_decide else None,
    }, status=status)


@login_required
@permission_required("inquiry.view")
def inquiry_detail(request, pk):
    return _inquiry_page(request, get_in_scope_or_404(visible_inquiries(request.user), pk=pk))


@login_required
@permission_required("inquiry.reply")
@require_POST
def inquiry_reply(request, pk):
    inquiry = get_in_scope_or_404(visible_inquiries(request.user), pk=pk)
    form = ReplyForm(request.POST)
    response = submit(request, form, services.reply_inquiry, inquiry=inquiry, success=_("已答复。"),
                      redirect_to=reverse("dispatches:inquiry_detail", args=[inquiry.pk]))
    return response or _inquiry_page(request, inquiry, reply_form=form, status=400)


@login_required
@permission_required("inquiry.decide")
@require_POST
def inquiry_decide(request, pk):
    inquiry = get_in_scope_or_404(visible_inquiries(request.user), pk=pk)
    form = DecideForm(request.POST)
    response = submit(request, form, services.decide_inquiry, inquiry=inquiry, success=_("问责决定已记录。"),
                      redirect_to=reverse("dispatches:inquiry_detail", args=[inquiry.pk]))
    return response or _inquiry_page(request, inquiry, decide_form=form, status=400)


# ---------------------------------------------------------------------------------- org record

@login_required
@permission_required("org_record.view")
def org_record_page(request, pk):
    org = get_in_scope_or_404(visible_orgs(request.user), pk=pk)
    record = org_record(request.user, org)
    record["duties"] = with_colours(list(record["duties"]))
    return render(request, "dispatches/org_record.html", {"org": org, **record})
