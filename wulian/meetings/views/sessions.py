"""What happens at a meeting: invitations and answers, the agenda, attendance and check-in by
QR code, and closing with the minutes and decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.core import checkin as checkin_kernel
from wulian.meetings import forms, rules, selectors, services
from wulian.meetings.views.meetings import managed_meeting, visible_meeting
from wulian.web.views_helpers import add_errors, permission_required, post_and_return


@login_required
@permission_required("meeting.update")
@require_POST
def meeting_invite(request, pk):
    meeting = managed_meeting(request, pk)
    form = forms.InviteForm(request.POST, meeting=meeting)
    return post_and_return(
        request,
        form,
        lambda d: services.invite(
            meeting=meeting, by=request.user, orgs=list(d["orgs"]), people=list(d["people"])
        ),
        success=_("邀请已发送。"),
        redirect_to=reverse("meetings:detail", args=[meeting.pk]),
    )


@login_required
@permission_required("meeting.answer")
@require_POST
def meeting_answer(request, pk):
    """参加 / 请假 / 委派, by the people of an invited org."""
    meeting = visible_meeting(request, pk)
    form = forms.AnswerForm(
        request.POST, invitations=selectors.answerable_invitations(request.user, meeting)
    )
    return post_and_return(
        request,
        form,
        lambda d: services.answer_invitation(
            invitation=d["invitation"],
            by=request.user,
            response=d["response"],
            reason=d["reason"],
            delegate=d["delegate"],
        ),
        success=_("已答复邀请。"),
        redirect_to=reverse("meetings:detail", args=[meeting.pk]),
    )


@login_required
@permission_required("meeting.update")
@require_POST
def agenda_add(request, pk):
    meeting = managed_meeting(request, pk)
    form = forms.AgendaItemForm(request.POST, meeting=meeting)
    return post_and_return(
        request,
        form,
        lambda d: services.add_agenda_item(meeting=meeting, by=request.user, **d),
        success=_("议程已添加。"),
        redirect_to=reverse("meetings:detail", args=[meeting.pk]),
    )


@login_required
@permission_required("meeting.attend")
@require_POST
def attendance_add(request, pk):
    meeting = managed_meeting(request, pk)
    rules.require_manage(request.user, meeting)
    form = forms.AttendanceForm(request.POST, meeting=meeting)
    return post_and_return(
        request,
        form,
        lambda d: services.record_attendance(meeting=meeting, by=request.user, **d),
        success=_("已登记参会。"),
        redirect_to=reverse("meetings:detail", args=[meeting.pk]),
    )


@login_required
@permission_required("meeting.attend")
def meeting_qr(request, pk):
    """The check-in QR code shown at the meeting: a signed URL with a maximum age. Shown by the
    convening org, which records who came."""
    meeting = managed_meeting(request, pk)
    rules.require_manage(request.user, meeting)
    url = request.build_absolute_uri(
        reverse("meetings:checkin", kwargs={"token": services.checkin_token(meeting)})
    )
    return render(
        request,
        "meetings/qr.html",
        {"meeting": meeting, "svg": checkin_kernel.qr_svg(url), "url": url},
    )


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
        return render(
            request,
            "meetings/checkin.html",
            {"attendance": existing, "created": False, "meeting": meeting},
        )
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


def _decision_row(request, meeting):
    """One more decision block (``?row=<index>``), appended by htmx."""
    index = _rows(request, "row", 0)
    formset = forms.decision_formset(meeting=meeting, rows=index + 1)
    return render(
        request,
        "meetings/_decision_row.html",
        {
            "meeting": meeting,
            "f": formset.forms[index],
            "index": index,
            "total": index + 1,
            "max_rows": forms.MAX_DECISIONS,
            "oob": True,
        },
    )


@login_required
@permission_required("meeting.close")
def meeting_close(request, pk):
    """Minutes, host, recorder and any number of decisions. "增加一项议定事项" adds a block: with
    htmx, one block (``?row=<index>``) is appended and the formset's count raised; without
    JavaScript, the page reloads with one more empty block (``?rows=<n>``)."""
    meeting = managed_meeting(request, pk)
    rules.require_manage(request.user, meeting)
    if request.method == "GET" and "row" in request.GET and request.htmx:
        return _decision_row(request, meeting)
    form = forms.CloseForm(
        request.POST or None, initial={"host": meeting.host, "recorder": meeting.recorder}
    )
    formset = forms.decision_formset(
        request.POST or None, meeting=meeting, rows=_rows(request, "rows", 3)
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        decisions = [d for d in (f.decision_data() for f in formset.forms) if d is not None]
        try:
            services.close_meeting(
                meeting=meeting,
                by=request.user,
                minutes=form.cleaned_data["minutes"],
                host=form.cleaned_data["host"],
                recorder=form.cleaned_data["recorder"],
                decisions=decisions,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("会议已闭会，督办事项已下达。"))
            return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request,
        "meetings/close.html",
        {
            "meeting": meeting,
            "form": form,
            "formset": formset,
            "refusal": services.close_refusal(meeting),
            "total": formset.total_form_count(),
            "max_rows": forms.MAX_DECISIONS,
        },
    )
