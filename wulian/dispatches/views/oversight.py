"""Inspections (督导), inquiries (问询) and an org's record of duties, criticisms, inspections
and inquiries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.dispatches import services
from wulian.dispatches.forms import (
    DecideForm,
    FindingForm,
    InquiryForm,
    InquirySearchForm,
    InspectionForm,
    InspectionSearchForm,
    ReplyForm,
)
from wulian.dispatches.rules import (
    DECIDE_REFUSAL,
    RECORD_REFUSAL,
    can_supervise,
    require_supervising,
)
from wulian.dispatches.selectors import org_record, visible_inquiries, visible_inspections
from wulian.duties.selectors import user_org_ids, with_colours
from wulian.orgs.selectors import visible_orgs
from wulian.web.views_helpers import list_page, permission_required, submit

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
    return list_page(
        request, "dispatches/inspections.html", form, qs, can={"create": "inspection.create"}
    )


@login_required
@permission_required("inspection.create")
def inspection_create(request):
    form = InspectionForm(request.POST or None, orgs=visible_orgs(request.user))
    response = submit(
        request,
        form,
        services.create_inspection,
        success=_("督导已安排。"),
        redirect_to=lambda inspection: reverse(
            "dispatches:inspection_detail", args=[inspection.pk]
        ),
    )
    return response or render(
        request, "dispatches/form.html", {"form": form, "title": _("安排督导检查")}
    )


def _inspection_page(request, inspection, *, finding_form=None, errors=None, status=200):
    may_record = has_action(request.user, "inspection.record") and can_supervise(
        request.user, inspection.target
    )
    return render(
        request,
        "dispatches/inspection_detail.html",
        {
            "inspection": inspection,
            "findings": inspection.findings.select_related("duty"),
            "may_record": may_record and inspection.status == "planned",
            "finding_form": (finding_form or FindingForm()) if may_record else None,
            "record_errors": errors or [],
        },
        status=status,
    )


@login_required
@permission_required("inspection.view")
def inspection_detail(request, pk):
    return _inspection_page(request, get_in_scope_or_404(visible_inspections(request.user), pk=pk))


@login_required
@permission_required("inspection.record")
@require_POST
def inspection_record(request, pk):
    inspection = get_in_scope_or_404(visible_inspections(request.user), pk=pk)
    require_supervising(request.user, inspection.target, RECORD_REFUSAL)
    results = []
    for i, entry in enumerate(inspection.checklist):
        ok = request.POST.get(f"ok_{i}")
        results.append(
            {
                "item": entry["item"],
                "ok": None if ok not in ("1", "0") else ok == "1",
                "note": request.POST.get(f"note_{i}", ""),
            }
        )
    try:
        services.record_inspection(
            by=request.user,
            inspection=inspection,
            results=results,
            notes=request.POST.get("notes", ""),
        )
    except ValidationError as exc:
        return _inspection_page(request, inspection, errors=exc.messages, status=400)
    messages.success(request, _("督导结果已记录。"))
    return redirect("dispatches:inspection_detail", pk=inspection.pk)


@login_required
@permission_required("inspection.record")
@require_POST
def inspection_finding(request, pk):
    inspection = get_in_scope_or_404(visible_inspections(request.user), pk=pk)
    require_supervising(request.user, inspection.target, RECORD_REFUSAL)
    form = FindingForm(request.POST)
    response = submit(
        request,
        form,
        services.add_finding,
        inspection=inspection,
        success=_("问题已列入被督导单位的问题清单。"),
        redirect_to=reverse("dispatches:inspection_detail", args=[inspection.pk]),
    )
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
    response = submit(
        request,
        form,
        services.send_inquiry,
        success=_("问询已发出。"),
        redirect_to=lambda inquiry: reverse("dispatches:inquiry_detail", args=[inquiry.pk]),
    )
    return response or render(
        request, "dispatches/form.html", {"form": form, "title": _("发出问询")}
    )


def _inquiry_page(request, inquiry, *, reply_form=None, decide_form=None, status=200):
    may_reply = (
        inquiry.replied_at is None
        and has_action(request.user, "inquiry.reply")
        and inquiry.to_org_id in user_org_ids(request.user)
    )
    may_decide = (
        inquiry.decided_at is None
        and has_action(request.user, "inquiry.decide")
        and can_supervise(request.user, inquiry.to_org)
    )
    return render(
        request,
        "dispatches/inquiry_detail.html",
        {
            "inquiry": inquiry,
            "reply_form": (reply_form or ReplyForm()) if may_reply else None,
            "decide_form": (decide_form or DecideForm()) if may_decide else None,
        },
        status=status,
    )


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
    response = submit(
        request,
        form,
        services.reply_inquiry,
        inquiry=inquiry,
        success=_("已答复。"),
        redirect_to=reverse("dispatches:inquiry_detail", args=[inquiry.pk]),
    )
    return response or _inquiry_page(request, inquiry, reply_form=form, status=400)


@login_required
@permission_required("inquiry.decide")
@require_POST
def inquiry_decide(request, pk):
    inquiry = get_in_scope_or_404(visible_inquiries(request.user), pk=pk)
    require_supervising(request.user, inquiry.to_org, DECIDE_REFUSAL)
    form = DecideForm(request.POST)
    response = submit(
        request,
        form,
        services.decide_inquiry,
        inquiry=inquiry,
        success=_("问责决定已记录。"),
        redirect_to=reverse("dispatches:inquiry_detail", args=[inquiry.pk]),
    )
    return response or _inquiry_page(request, inquiry, decide_form=form, status=400)


# ---------------------------------------------------------------------------------- org record


@login_required
@permission_required("org_record.view")
def org_record_page(request, pk):
    org = get_in_scope_or_404(visible_orgs(request.user), pk=pk)
    record = org_record(request.user, org)
    record["duties"] = with_colours(list(record["duties"]))
    return render(request, "dispatches/org_record.html", {"org": org, **record})
