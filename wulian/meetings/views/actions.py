"""Decisions and the action items (督办) they give: forwarding a decision, adding an item, the
items' list, export and page, progress, done, acceptance, return and evidence."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.selectors import search_area
from wulian.meetings import exporters, forms, rules, selectors, services
from wulian.meetings.models import ActionEvent, ActionStatus, Decision
from wulian.meetings.views.meetings import managed_meeting
from wulian.web.spreadsheet_views import search_export
from wulian.web.views_helpers import (
    add_errors,
    paginate,
    permission_required,
    post_and_return,
    submit,
)


def _decision(request, pk) -> Decision:
    decision = (
        Decision.objects.select_related("meeting__area", "meeting__convener").filter(pk=pk).first()
    )
    if decision is None:
        raise Http404
    managed_meeting(request, decision.meeting_id)
    return decision


@login_required
@permission_required("decision.forward")
def decision_forward(request, pk):
    decision = _decision(request, pk)
    form = forms.ForwardForm(request.POST or None, meeting=decision.meeting)
    response = submit(
        request,
        form,
        services.forward_decision,
        decision=decision,
        success=_("议定事项已转入该会议议程。"),
        redirect_to=reverse("meetings:detail", args=[decision.meeting_id]),
    )
    return response or render(
        request, "meetings/forward.html", {"decision": decision, "form": form}
    )


@login_required
@permission_required("action_item.create")
def action_add(request, pk):
    decision = _decision(request, pk)
    rules.require_manage(request.user, decision.meeting)
    form = forms.ActionFields(request.POST or None, meeting=decision.meeting)
    if request.method == "POST" and form.is_valid():
        data = form.action_data() or {}
        try:
            services.add_action_item(
                decision=decision,
                by=request.user,
                lead_org=data.get("lead_org"),
                co_orgs=data.get("co_orgs", []),
                responsible=data.get("responsible") or "",
                due_on=data.get("due_on"),
                done_criteria=data.get("done_criteria") or "",
                title=data.get("title") or "",
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("督办事项已下达。"))
            return redirect("meetings:detail", pk=decision.meeting_id)
    return render(request, "meetings/action_add.html", {"decision": decision, "form": form})


def search_actions(request):
    form = forms.ActionSearchForm(request.GET or None)
    qs = selectors.visible_action_items(request.user)
    if form.is_valid():
        d = form.cleaned_data
        qs = qs.search(
            q=d["q"].strip(),
            status=d["status"],
            escalated=d["escalated"],
            area=search_area(request.user, d["area"]),
        )
        if d["mine"]:
            qs = qs.filter(lead_org_id__in=selectors.own_org_ids(request.user))
    return form, qs


@login_required
@permission_required("action_item.view")
def action_list(request):
    form, qs = search_actions(request)
    page = paginate(request, qs)
    selectors.with_colours(page.object_list)
    return render(
        request,
        "meetings/action_list.html",
        {
            "form": form,
            "page_obj": page,
            "can_export": has_action(request.user, "action_item.export"),
        },
    )


@login_required
@permission_required("action_item.export")
def action_export(request):
    return search_export(
        request,
        search_actions,
        action="action_item.export",
        object_type="meetings.actionitem",
        title=_("督办事项"),
        write=exporters.export_action_items,
        rows=lambda qs: selectors.with_colours(list(qs.prefetch_related("co_orgs"))),
    )


def _item(request, pk):
    return get_in_scope_or_404(selectors.visible_action_items(request.user), pk=pk)


@login_required
@permission_required("action_item.view")
def action_detail(request, pk):
    item = _item(request, pk)
    item.colour = selectors.colour(item)
    return render(
        request,
        "meetings/action_detail.html",
        {
            "item": item,
            "events": item.events.select_related("by", "by_org"),
            "co_orgs": item.co_orgs.all(),
            "can_report": item.status != ActionStatus.ACCEPTED
            and rules.can_report(request.user, item),
            "can_done": item.status == ActionStatus.OPEN
            and rules.can_mark_done(request.user, item),
            "can_accept": item.status == ActionStatus.DONE and rules.can_accept(request.user, item),
            "progress_form": forms.ProgressForm(),
            "accept_form": forms.AcceptForm(),
            "return_form": forms.ReturnForm(),
            "grace_days": services.grace_days(),
        },
    )


@login_required
@permission_required("action_item.report")
@require_POST
def action_progress(request, pk):
    item = _item(request, pk)
    rules.require_report(request.user, item)
    form = forms.ProgressForm(request.POST, request.FILES)
    return post_and_return(
        request,
        form,
        lambda d: services.report_progress(
            item=item, by=request.user, text=d["text"], evidence=d["evidence"]
        ),
        success=_("进展已报告。"),
        redirect_to=reverse("meetings:action_detail", args=[item.pk]),
    )


@login_required
@permission_required("action_item.report")
@require_POST
def action_done(request, pk):
    item = _item(request, pk)
    rules.require_report(request.user, item, done=True)
    form = forms.ProgressForm(request.POST, request.FILES)
    return post_and_return(
        request,
        form,
        lambda d: services.mark_done(
            item=item, by=request.user, text=d["text"], evidence=d["evidence"]
        ),
        success=_("已报结，等待召集单位验收。"),
        redirect_to=reverse("meetings:action_detail", args=[item.pk]),
    )


@login_required
@permission_required("action_item.accept")
@require_POST
def action_accept(request, pk):
    item = _item(request, pk)
    rules.require_accept(request.user, item)
    form = forms.AcceptForm(request.POST)
    return post_and_return(
        request,
        form,
        lambda d: services.accept_item(item=item, by=request.user, note=d["note"]),
        success=_("已验收。"),
        redirect_to=reverse("meetings:action_detail", args=[item.pk]),
    )


@login_required
@permission_required("action_item.accept")
@require_POST
def action_return(request, pk):
    item = _item(request, pk)
    rules.require_accept(request.user, item)
    form = forms.ReturnForm(request.POST)
    return post_and_return(
        request,
        form,
        lambda d: services.return_item(item=item, by=request.user, reason=d["reason"]),
        success=_("已退回。"),
        redirect_to=reverse("meetings:action_detail", args=[item.pk]),
    )


@login_required
@permission_required("action_item.view")
def evidence(request, pk):
    """An evidence file, served only to those who may see its action item."""
    event = ActionEvent.objects.filter(pk=pk).exclude(evidence="").first()
    if event is None:
        raise Http404
    _item(request, event.item_id)
    try:
        handle = event.evidence.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=event.evidence.name.rsplit("/", 1)[-1])
