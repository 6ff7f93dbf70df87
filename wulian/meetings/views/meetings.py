"""Joint meetings: the list and export, convening, the meeting's page, changing the time or
cancelling, its calendar entry and minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404, scope_for
from wulian.areas.selectors import search_area
from wulian.core.ics import ics_response, make_ics
from wulian.core.pdf import pdf_response
from wulian.meetings import exporters, forms, rules, selectors, services
from wulian.meetings.models import ChangeKind, MeetingStatus
from wulian.web.spreadsheet_views import search_export
from wulian.web.views_helpers import list_page, permission_required, submit


def search_meetings(request):
    form = forms.MeetingSearchForm(request.GET or None)
    qs = selectors.visible_meetings(request.user)
    if form.is_valid():
        d = form.cleaned_data
        qs = qs.search(
            q=d["q"].strip(), status=d["status"], area=search_area(request.user, d["area"])
        )
    if request.GET.get("invited"):
        qs = qs.filter(pk__in=selectors.pending_invitations(request.user).values("pk"))
    return form, qs


@login_required
@permission_required("meeting.view")
def meeting_list(request):
    form, qs = search_meetings(request)
    return list_page(
        request,
        "meetings/list.html",
        form,
        qs,
        can={"export": "meeting.export"},
        can_create=has_action(request.user, "meeting.create")
        and bool(selectors.convening_areas(request.user)),
    )


@login_required
@permission_required("meeting.export")
def meeting_export(request):
    return search_export(
        request,
        search_meetings,
        action="meeting.export",
        object_type="meetings.jointmeeting",
        title=_("党建联席会议"),
        write=exporters.export_meetings,
    )


@login_required
@permission_required("meeting.create")
def meeting_create(request):
    areas = selectors.convening_areas(request.user)
    form = forms.MeetingForm(request.POST or None, areas=areas)
    response = submit(
        request,
        form,
        services.convene_meeting,
        success=_("会议已发起，邀请已发送。"),
        redirect_to=lambda meeting: reverse("meetings:detail", args=[meeting.pk]),
    )
    return response or render(request, "meetings/form.html", {"form": form, "no_area": not areas})


def visible_meeting(request, pk):
    return get_in_scope_or_404(selectors.visible_meetings(request.user), pk=pk)


def managed_meeting(request, pk):
    """A meeting the user's level manages (held in the user's subtrees); an invitee gets 404."""
    return get_in_scope_or_404(selectors.managed_meetings(request.user), pk=pk)


def _meeting_flags(user, meeting, detail, *, manages: bool) -> dict[str, bool | str | None]:
    """Which buttons the meeting's page shows: each needs its action, the meeting's state and the
    user's place (``manages``: held at the user's level or below; the convener). Where the
    convener may close but the meeting cannot be closed yet, ``close_refusal`` says why."""
    is_convener = rules.can_manage(user, meeting)
    open_ = meeting.status == MeetingStatus.SCHEDULED
    closed = meeting.status == MeetingStatus.CLOSED
    not_held = open_ and is_convener and not detail["attendances"]
    needs = {
        "can_update": ("meeting.update", open_ and manages),
        "can_attend": ("meeting.attend", manages and is_convener),
        "can_close": ("meeting.close", open_ and is_convener),
        "can_reschedule": ("meeting.reschedule", not_held),
        "can_cancel": ("meeting.cancel", not_held),
        "can_forward": ("decision.forward", closed and manages),
        "can_add_action": ("action_item.create", closed and is_convener),
    }
    flags: dict[str, bool | str | None] = {
        name: state and has_action(user, action) for name, (action, state) in needs.items()
    }
    refusal = services.close_refusal(meeting) if flags["can_close"] else None
    flags["can_close"] = flags["can_close"] and refusal is None
    flags["close_refusal"] = refusal
    return flags


@login_required
@permission_required("meeting.view")
def meeting_detail(request, pk):
    meeting = visible_meeting(request, pk)
    manages = scope_for(request.user).covers_path(
        meeting.area.path
    )  # held at the user's level or below
    editable = meeting.status == MeetingStatus.SCHEDULED and manages
    detail = selectors.meeting_detail(meeting)
    answerable = [
        i
        for i in selectors.answerable_invitations(request.user, meeting)
        if meeting.status == MeetingStatus.SCHEDULED and rules.can_answer(request.user, i)
    ]
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            **detail,
            "visible_item_ids": set(
                selectors.visible_action_items(request.user)
                .filter(decision__meeting=meeting)
                .values_list("pk", flat=True)
            )
            if meeting.status == MeetingStatus.CLOSED
            else set(),
            **_meeting_flags(request.user, meeting, detail, manages=manages),
            "answer_form": forms.AnswerForm(invitations=answerable) if answerable else None,
            "invite_form": forms.InviteForm(meeting=meeting) if editable else None,
            "agenda_form": forms.AgendaItemForm(meeting=meeting) if editable else None,
            "attendance_form": forms.AttendanceForm(meeting=meeting) if editable else None,
        },
    )


def _change(request, meeting, form, service, *, kind: str, success: str):
    """改期 or 取消 one meeting: the form to its service, or the page again saying why it is too late."""
    rules.require_manage(request.user, meeting)
    response = submit(
        request,
        form,
        service,
        meeting=meeting,
        success=success,
        redirect_to=reverse("meetings:detail", args=[meeting.pk]),
    )
    return response or render(
        request,
        "meetings/change.html",
        {
            "meeting": meeting,
            "form": form,
            "kind": kind,
            "refusal": services.change_refusal(meeting, kind=kind),
        },
    )


@login_required
@permission_required("meeting.reschedule")
def meeting_reschedule(request, pk):
    """改期: a new time in the future and a reason; the page says why when it is too late."""
    meeting = managed_meeting(request, pk)
    form = forms.RescheduleForm(
        request.POST or None, initial={"starts_at": meeting.starts_at, "ends_at": meeting.ends_at}
    )
    return _change(
        request,
        meeting,
        form,
        services.reschedule_meeting,
        kind=ChangeKind.RESCHEDULED,
        success=_("会议已改期，已通知受邀单位和人员。"),
    )


@login_required
@permission_required("meeting.cancel")
def meeting_cancel(request, pk):
    """取消: a reason; a cancelled meeting can no longer be checked into, closed or decided on."""
    meeting = managed_meeting(request, pk)
    return _change(
        request,
        meeting,
        forms.CancelForm(request.POST or None),
        services.cancel_meeting,
        kind=ChangeKind.CANCELLED,
        success=_("会议已取消，已通知受邀单位和人员。"),
    )


@login_required
@permission_required("meeting.view")
def meeting_ics(request, pk):
    meeting = visible_meeting(request, pk)
    ics = make_ics(
        uid=f"meeting-{meeting.pk}@wulian",
        start=meeting.starts_at,
        end=meeting.ends_at,
        summary=meeting.topic,
        location=meeting.place,
        description=_("召集单位：%(c)s") % {"c": meeting.convener},
        sequence=meeting.sequence,
        status="CANCELLED" if meeting.is_cancelled else "CONFIRMED",
    )
    return ics_response(ics, filename=f"{meeting.topic}.ics")


@login_required
@permission_required("meeting.view")
def minutes_pdf(request, pk):
    meeting = visible_meeting(request, pk)
    if meeting.status != MeetingStatus.CLOSED:
        messages.error(request, _("会议闭会后才有会议纪要。"))
        return redirect("meetings:detail", pk=meeting.pk)
    return pdf_response(
        "meetings/minutes_pdf.html",
        {
            "meeting": meeting,
            "title": _("会议纪要"),
            **selectors.meeting_detail(meeting),
        },
        filename=f"{meeting.topic}-会议纪要.pdf",
        request=request,
    )
