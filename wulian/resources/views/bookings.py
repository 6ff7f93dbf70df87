"""Bookings on the unit's side: the list, a booking's page, approving, rejecting, checking in."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.resources import rules, services
from wulian.resources.forms import (
    BookingSearchForm,
    DecisionForm,
)
from wulian.resources.selectors import (
    visible_bookings,
)
from wulian.web.views_helpers import (
    paginate,
    permission_required,
    safe_next,
    warn_invalid_filters,
)


@login_required
@permission_required("booking.view")
def booking_list(request):
    form = BookingSearchForm(request.GET or None)
    qs = visible_bookings(request.user).order_by("start", "pk")
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["date"]:
            tz = timezone.get_current_timezone()
            day_start = dt.datetime.combine(data["date"], dt.time(0), tzinfo=tz)
            qs = qs.filter(start__gte=day_start, start__lt=day_start + dt.timedelta(days=1))
        if data["q"]:
            qs = qs.filter(
                Q(resource__name__contains=data["q"]) | Q(person__name__contains=data["q"])
            )
    warn_invalid_filters(request, form)
    page_obj = paginate(request, qs)
    page_obj.object_list = list(page_obj.object_list)
    for booking in page_obj.object_list:  # each row's buttons by the object predicates
        booking.can_decide = rules.can_decide(request.user, booking)
        booking.can_check_in = rules.can_check_in(request.user, booking)
    return render(request, "resources/booking_list.html", {"form": form, "page_obj": page_obj})


@login_required
@permission_required("booking.view")
def booking_detail(request, pk):
    booking = get_in_scope_or_404(visible_bookings(request.user), pk=pk)
    return render(
        request,
        "resources/booking_detail.html",
        {
            "booking": booking,
            "decision_form": DecisionForm(),
            "can_decide": rules.can_decide(request.user, booking),
            "can_check_in": rules.can_check_in(request.user, booking),
        },
    )


def _act_on_booking(request, pk, call, done: str):
    booking = get_in_scope_or_404(visible_bookings(request.user), pk=pk)
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        call(booking, note)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(safe_next(request, reverse("resources:booking_detail", args=[booking.pk])))


@login_required
@permission_required("booking.decide")
@require_POST
def approve(request, pk):
    return _act_on_booking(
        request,
        pk,
        lambda b, note: services.approve_booking(booking=b, by=request.user, note=note),
        _("预约已通过。"),
    )


@login_required
@permission_required("booking.decide")
@require_POST
def reject(request, pk):
    return _act_on_booking(
        request,
        pk,
        lambda b, note: services.reject_booking(booking=b, by=request.user, note=note),
        _("预约未通过，时段已释放。"),
    )


@login_required
@permission_required("booking.check_in")
@require_POST
def check_in(request, pk):
    return _act_on_booking(
        request,
        pk,
        lambda b, note: services.check_in_booking(booking=b, by=request.user),
        _("已签到。"),
    )
