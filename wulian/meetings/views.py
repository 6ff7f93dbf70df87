from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404, scope_for
from wulian.areas.selectors import search_area
from wulian.core import checkin as checkin_kernel
from wulian.core.ics import ics_response, make_ics
from wulian.core.pdf import pdf_response
from wulian.meetings import exporters, forms, rules, selectors, services
from wulian.meetings.models import ActionEvent, ChangeKind, Decision, MeetingStatus
from wulian.web.spreadsheet_views import export_response
from wulian.web.views_helpers import (
    add_errors,
    list_page,
    paginate,
    permission_required,
    search_filters,
    submit,
)


def search_meetings(request):
    form = forms.MeetingSearchForm(request.GET or None)
    qs = selectors.visible_meetings(request.user)
    if form.is_valid():
        d = form.cleaned_data
        qs = qs.search(q=d["q"].strip(), status=d["status"], area=search_area(request.user, d["area"]))
    if request.GET.get("invited"):
        qs = qs.filter(pk__in=selectors.pending_invitations(request.user).values("pk"))
    return form, qs


@login_required
@permission_required("meeting.view")
def meeting_list(request):
    form, qs = search_meetings(request)
    return list_page(request, "meetings/list.html", form, qs, can={"export": "meeting.export"},
                     can_create=has_action(request.user, "meeting.create") and bool(selectors.convening_areas(request.user)))


@login_required
@permission_required("meeting.export")
def meeting_export(request):
    form, qs = search_meetings(request)
    rows = list(qs)
    return export_response(request, action="meeting.export", object_type="meetings.jointmeeting",
                           title=_("党建联席会议"), data=exporters.export_meetings(rows), count=len(rows),
                           filters=search_filters(form))


@login_required
@permission_required("meeting.create")
def meeting_create(request):
    areas = selectors.convening_areas(request.user)
    form = forms.MeetingForm(request.POST or None, areas=areas)
    response = submit(request, form, services.convene_meeting, success=_("会议已发起，邀请已发送。"),
                      redirect_to=lambda meeting: reverse("meetings:detail", args=[meeting.pk]))
    return response or render(request, "meetings/form.html", {"form": form, "no_area": not areas})


def _meeting(request, pk):
    return get_in_scope_or_404(selectors.visible_meetings(request.user), pk=pk)


def _managed(request, pk):
    """A meeting the user's level manages (held in the user's subtrees); an invitee gets 404."""
    return get_in_scope_or_404(selectors.managed_meetings(request.user), pk=pk)


@login_required
@permission_required("meeting.view")
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    is_convener = rules.is_convener(request.user, meeting)
    manages = scope_for(request.user).covers_path(meeting.area.path)  # held at the user's level or below
    open_ = meeting.status == MeetingStatus.SCHEDULED
    closed = meeting.status == MeetingStatus.CLOSED
    detail = selectors.meeting_detail(meeting)
    not_held = open_ and is_convener and not detail["attendances"]
    answerable = [i for i in selectors.answerable_invitations(request.user, meeting) if rules.can_answer(request.user, i)]
    return render(request, "meetings/detail.html", {
        "meeting": meeting, **detail,
        "visible_item_ids": set(selectors.visible_action_items(request.user).filter(
            decision__meeting=meeting).values_list("pk", flat=True)) if closed else set(),
        "can_update": open_ and manages and has_action(request.user, "meeting.update"),
        "can_attend": manages and has_action(request.user, "meeting.attend"),
        "can_close": open_ and is_convener and has_action(request.user, "meeting.close")
        and services.close_refusal(meeting) is None,
        "can_reschedule": not_held and has_action(request.user, "meeting.reschedule"),
        "can_cancel": not_held and has_action(request.user, "meeting.cancel"),
        "can_forward": closed and manages and has_action(request.user, "decision.forward"),
        "can_add_action": closed and is_convener and has_action(request.user, "action_item.create"),
        "answer_form": forms.AnswerForm(invitations=answerable) if answerable else None,
        "invite_form": forms.InviteForm(meeting=meeting) if open_ and manages else None,
        "agenda_form": forms.AgendaItemForm(meeting=meeting) if open_ and manages else None,
        "attendance_form": forms.AttendanceForm(meeting=meeting) if open_ and manages else None,
    })


def _post_service(request, meeting, form, call, success):
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            for msgs in (exc.message_dict.values() if hasattr(exc, "error_dict") else [exc.messages]):
                for m in msgs:
                    messages.error(request, m)
        else:
            messages.success(request, success)
    else:
        for field, errs in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for e in errs:
                messages.error(request, f"{label}：{e}" if label else e)
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@permission_required("meeting.update")
@require_POST
def meeting_invite(request, pk):
    meeting = _managed(request, pk)
    form = forms.InviteForm(request.POST, meeting=meeting)
    return _post_service(request, meeting, form, lambda d: services.invite(
        meeting=meeting, by=request.user, orgs=list(d["orgs"]), people=list(d["people"])), _("邀请已发送。"))


@login_required
@permission_required("meeting.answer")
@require_POST
def meeting_answer(request, pk):
    """参加 / 请假 / 委派, by the people of an invited org."""
    meeting = _meeting(request, pk)
    form = forms.AnswerForm(request.POST, invitations=selectors.answerable_invitations(request.user, meeting))
    return _post_service(request, meeting, form, lambda d: services.answer_invitation(
        invitation=d["invitation"], by=request.user, response=d["response"], reason=d["reason"],
        delegate=d["delegate"]), _("已答复邀请。"))


@login_required
@permission_required("meeting.update")
@require_POST
def agenda_add(request, pk):
    meeting = _managed(request, pk)
    form = forms.AgendaItemForm(request.POST, meeting=meeting)
    return _post_service(request, meeting, form, lambda d: services.add_agenda_item(
        meeting=meeting, by=request.user, **d), _("议程已添加。"))


@login_required
@permission_required("meeting.attend")
@require_POST
def attendance_add(request, pk):
    meeting = _managed(request, pk)
    form = forms.AttendanceForm(request.POST, meeting=meeting)
    return _post_service(request, meeting, form, lambda d: services.record_attendance(
        meeting=meeting, by=request.user, **d), _("已登记参会。"))


@login_required
@permission_required("meeting.attend")
def meeting_qr(request, pk):
    """The check-in QR code shown at the meeting: a signed URL with a maximum age."""
    meeting = _managed(request, pk)
    url = request.build_absolute_uri(reverse("meetings:checkin", kwargs={"token": services.checkin_token(meeting)}))
    return render(request, "meetings/qr.html", {"meeting": meeting, "svg": checkin_kernel.qr_svg(url), "url": url})


@login_required
@permission_required("meeting.checkin")
def checkin(request, token):
    """Opening the scanned URL checks a logged-in invitee in, once, under the account's person;
    an account without a linked person first names who came (prefilled with a delegate's name)."""
    try:
        meeting, existing, delegate = services.checkin_preview(token=token, by=request.user)
    except ValidationError as exc:
        return render(request, "meetings/checkin.html", {"error": exc.messages[0]})
    if existing is not None:
        return render(request, "meetings/checkin.html", {"attendance": existing, "created": False,
                                                         "meeting": meeting})
    name = ""
    if request.user.person_id is None:
        form = forms.CheckinNameForm(request.POST or None, initial={"name": delegate})
        if request.method != "POST" or not form.is_valid():
            return render(request, "meetings/checkin.html", {"meeting": meeting, "name_form": form})
        name = form.cleaned_data["name"]
    context: dict = {}
    try:
        attendance, created = services.checkin(token=token, by=request.user, name=name)
    except ValidationError as exc:
        context["error"] = exc.messages[0]
    else:
        context.update(attendance=attendance, created=created, meeting=attendance.meeting)
    return render(request, "meetings/checkin.html", context)


def _rows(request, name: str, default: int) -> int:
    try:
        return max(0, min(int(request.GET.get(name, default)), forms.MAX_DECISIONS))
    except ValueError:
        return default


@login_required
@permission_required("meeting.close")
def meeting_close(request, pk):
    """Minutes, host, recorder and any number of decisions. "增加一项议定事项" adds a block: with
    htmx, one block (``?row=<index>``) is appended and the formset's count raised; without
    JavaScript, the page reloads with one more empty block (``?rows=<n>``)."""
    meeting = _managed(request, pk)
    if request.method == "GET" and "row" in request.GET and request.htmx:
        index = _rows(request, "row", 0)
        formset = forms.decision_formset(meeting=meeting, rows=index + 1)
        return render(request, "meetings/_decision_row.html", {
            "meeting": meeting, "f": formset.forms[index], "index": index, "total": index + 1,
            "max_rows": forms.MAX_DECISIONS, "oob": True})
    form = forms.CloseForm(request.POST or None, initial={"host": meeting.host, "recorder": meeting.recorder})
    formset = forms.decision_formset(request.POST or None, meeting=meeting, rows=_rows(request, "rows", 3))
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        decisions = [d for d in (f.decision_data() for f in formset.forms) if d is not None]
        try:
            services.close_meeting(meeting=meeting, by=request.user, minutes=form.cleaned_data["minutes"],
                                   host=form.cleaned_data["host"], recorder=form.cleaned_data["recorder"],
                                   decisions=decisions)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("会议已闭会，督办事项已下达。"))
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/close.html", {
        "meeting": meeting, "form": form, "formset": formset, "refusal": services.close_refusal(meeting),
        "total": formset.total_form_count(), "max_rows": forms.MAX_DECISIONS})


@login_required
@permission_required("meeting.reschedule")
def meeting_reschedule(request, pk):
    """改期: a new time in the future and a reason; the page says why when it is too late."""
    meeting = _managed(request, pk)
    form = forms.RescheduleForm(request.POST or None,
                                initial={"starts_at": meeting.starts_at, "ends_at": meeting.ends_at})
    response = submit(request, form, services.reschedule_meeting, meeting=meeting,
                      success=_("会议已改期，已通知受邀单位和人员。"),
                      redirect_to=reverse("meetings:detail", args=[meeting.pk]))
    return response or render(request, "meetings/change.html", {
        "meeting": meeting, "form": form, "kind": ChangeKind.RESCHEDULED,
        "refusal": services.change_refusal(meeting, kind=ChangeKind.RESCHEDULED)})


@login_required
@permission_required("meeting.cancel")
def meeting_cancel(request, pk):
    """取消: a reason; a cancelled meeting can no longer be checked into, closed or decided on."""
    meeting = _managed(request, pk)
    form = forms.CancelForm(request.POST or None)
    response = submit(request, form, services.cancel_meeting, meeting=meeting,
                      success=_("会议已取消，已通知受邀单位和人员。"),
                      redirect_to=reverse("meetings:detail", args=[meeting.pk]))
    return response or render(request, "meetings/change.html", {
        "meeting": meeting, "form": form, "kind": ChangeKind.CANCELLED,
        "refusal": services.change_refusal(meeting, kind=ChangeKind.CANCELLED)})


def _decision(request, pk) -> Decision:
    decision = Decision.objects.select_related("meeting__area", "meeting__convener").filter(pk=pk).first()
    if decision is None:
        raise Http404
    _managed(request, decision.meeting_id)
    return decision


@login_required
@permission_required("decision.forward")
def decision_forward(request, pk):
    decision = _decision(request, pk)
    form = forms.ForwardForm(request.POST or None, meeting=decision.meeting)
    response = submit(request, form, services.forward_decision, decision=decision,
                      success=_("议定事项已转入该会议议程。"),
                      redirect_to=reverse("meetings:detail", args=[decision.meeting_id]))
    return response or render(request, "meetings/forward.html", {"decision": decision, "form": form})


@login_required
@permission_required("action_item.create")
def action_add(request, pk):
    decision = _decision(request, pk)
    form = forms.ActionFields(request.POST or None, meeting=decision.meeting)
    if request.method == "POST" and form.is_valid():
        data = form.action_data() or {}
        try:
            services.add_action_item(decision=decision, by=request.user, lead_org=data.get("lead_org"),
                                     co_orgs=data.get("co_orgs", []), responsible=data.get("responsible") or "",
                                     due_on=data.get("due_on"), done_criteria=data.get("done_criteria") or "",
                                     title=data.get("title") or "")
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("督办事项已下达。"))
            return redirect("meetings:detail", pk=decision.meeting_id)
    return render(request, "meetings/action_add.html", {"decision": decision, "form": form})


@login_required
@permission_required("meeting.view")
def meeting_ics(request, pk):
    meeting = _meeting(request, pk)
    ics = make_ics(uid=f"meeting-{meeting.pk}@wulian", start=meeting.starts_at, end=meeting.ends_at,
                   summary=meeting.topic, location=meeting.place,
                   description=_("召集单位：%(c)s") % {"c": meeting.convener}, sequence=meeting.sequence,
                   status="CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    return ics_response(ics, filename=f"{meeting.topic}.ics")


@login_required
@permission_required("meeting.view")
def minutes_pdf(request, pk):
    meeting = _meeting(request, pk)
    if meeting.status != MeetingStatus.CLOSED:
        messages.error(request, _("会议闭会后才有会议纪要。"))
        return redirect("meetings:detail", pk=meeting.pk)
    return pdf_response("meetings/minutes_pdf.html", {
        "meeting": meeting, "title": _("会议纪要"), **selectors.meeting_detail(meeting),
    }, filename=f"{meeting.topic}-会议纪要.pdf", request=request)


# --- action items ---------------------------------------------------------------------------


def search_actions(request):
    form = forms.ActionSearchForm(request.GET or None)
    qs = selectors.visible_action_items(request.user)
    if form.is_valid():
        d = form.cleaned_data
        qs = qs.search(q=d["q"].strip(), status=d["status"], escalated=d["escalated"],
                       area=search_area(request.user, d["area"]))
        if d["mine"]:
            qs = qs.filter(lead_org_id__in=selectors.own_org_ids(request.user))
    return form, qs


@login_required
@permission_required("action_item.view")
def action_list(request):
    form, qs = search_actions(request)
    page = paginate(request, qs)
    selectors.with_colours(page.object_list)
    return render(request, "meetings/action_list.html", {
        "form": form, "page_obj": page, "can_export": has_action(request.user, "action_item.export"),
    })


@login_required
@permission_required("action_item.export")
def action_export(request):
    form, qs = search_actions(request)
    rows = selectors.with_colours(list(qs.prefetch_related("co_orgs")))
    return export_response(request, action="action_item.export", object_type="meetings.actionitem",
                           title=_("督办事项"), data=exporters.export_action_items(rows), count=len(rows),
                           filters=search_filters(form))


def _item(request, pk):
    return get_in_scope_or_404(selectors.visible_action_items(request.user), pk=pk)


@login_required
@permission_required("action_item.view")
def action_detail(request, pk):
    item = _item(request, pk)
    item.colour = selectors.colour(item)
    return render(request, "meetings/action_detail.html", {
        "item": item, "events": item.events.select_related("by", "by_org"), "co_orgs": item.co_orgs.all(),
        "can_report": rules.can_report(request.user, item),
        "can_done": rules.can_mark_done(request.user, item),
        "can_accept": rules.can_accept(request.user, item),
        "progress_form": forms.ProgressForm(), "accept_form": forms.AcceptForm(), "return_form": forms.ReturnForm(),
        "grace_days": services.grace_days(),
    })


def _item_post(request, item, form, call, success):
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
        else:
            messages.success(request, success)
    else:
        for field, errs in form.errors.items():
            for e in errs:
                messages.error(request, f"{form.fields[field].label}：{e}" if field in form.fields else e)
    return redirect("meetings:action_detail", pk=item.pk)


@login_required
@permission_required("action_item.report")
@require_POST
def action_progress(request, pk):
    item = _item(request, pk)
    form = forms.ProgressForm(request.POST, request.FILES)
    return _item_post(request, item, form, lambda d: services.report_progress(
        item=item, by=request.user, text=d["text"], evidence=d["evidence"]), _("进展已报告。"))


@login_required
@permission_required("action_item.report")
@require_POST
def action_done(request, pk):
    item = _item(request, pk)
    form = forms.ProgressForm(request.POST, request.FILES)
    return _item_post(request, item, form, lambda d: services.mark_done(
        item=item, by=request.user, text=d["text"], evidence=d["evidence"]), _("已报结，等待召集单位验收。"))


@login_required
@permission_required("action_item.accept")
@require_POST
def action_accept(request, pk):
    item = _item(request, pk)
    form = forms.AcceptForm(request.POST)
    return _item_post(request, item, form, lambda d: services.accept_item(
        item=item, by=request.user, note=d["note"]), _("已验收。"))


@login_required
@permission_required("action_item.accept")
@require_POST
def action_return(request, pk):
    item = _item(request, pk)
    form = forms.ReturnForm(request.POST)
    return _item_post(request, item, form, lambda d: services.return_item(
        item=item, by=request.user, reason=d["reason"]), _("已退回。"))


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

