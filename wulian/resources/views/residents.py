"""The phone-first pages where residents browse, book and see and cancel their bookings."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.core.ics import ics_response
from wulian.resources import services
from wulian.resources.calendar import CALLED_OFF, booking_ics
from wulian.resources.forms import (
    BookingForm,
    hours_display,
)
from wulian.resources.models import BookingStatus, ResourceKind
from wulian.resources.selectors import (
    bookable_resources,
    my_bookings,
    with_hours,
)
from wulian.web.views_helpers import (
    paginate,
    permission_required,
)


@login_required
@permission_required("resource.browse")
def browse(request):
    kind = request.GET.get("kind", "")
    qs = with_hours(bookable_resources(request.user))
    if kind:
        qs = qs.filter(kind=kind)
    page_obj = paginate(request, qs)
    for resource in page_obj:
        resource.hours_lines = hours_display(resource.hours_rows)
    return render(
        request,
        "resources/browse.html",
        {"page_obj": page_obj, "kinds": ResourceKind.choices, "kind": kind},
    )


_BOOKING_FIELD = {
    "start": "start_time",
    "end": "end_time",
    "quantity": "quantity",
    "note": "note",
    "plate": "plate",
}


@login_required
@permission_required("resource.book")
def book(request, pk):
    resource = get_in_scope_or_404(bookable_resources(request.user), pk=pk)
    today = timezone.localdate()
    form = BookingForm(
        request.POST or None,
        initial={"date": today + dt.timedelta(days=1), "quantity": 1},
        resource=resource,
    )
    if request.method == "POST" and form.is_valid():
        start, end = form.slot()
        try:
            booking = services.book_resource(
                resource=resource,
                by=request.user,
                start=start,
                end=end,
                quantity=form.cleaned_data["quantity"],
                note=form.cleaned_data["note"],
                plate=form.cleaned_data.get("plate", ""),
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(_BOOKING_FIELD.get(field), error)
        else:
            if booking.status == BookingStatus.PENDING:
                messages.success(request, _("预约已提交，等待单位审核。"))
            else:
                messages.success(request, _("预约成功。"))
            return redirect("resources:my_booking", pk=booking.pk)
    return render(
        request,
        "resources/book.html",
        {
            "resource": resource,
            "form": form,
            "hours_lines": hours_display(resource.hours_rows),
            "blackouts": resource.blackouts.filter(date__gte=today)[:10],
        },
    )


@login_required
@permission_required("resource.book")
def my_booking_list(request):
    qs = my_bookings(request.user)
    now = timezone.now()
    return render(
        request,
        "resources/my_bookings.html",
        {
            # Only the bookings still to come; the cancelled or refused ones apart, without a
            # calendar button.
            "upcoming": qs.filter(end__gte=now).exclude(status__in=CALLED_OFF).order_by("start"),
            "cancelled": qs.filter(end__gte=now, status__in=CALLED_OFF).order_by("start"),
            "past": qs.filter(end__lt=now).order_by("-start")[:20],
        },
    )


@login_required
@permission_required("resource.book")
def my_booking(request, pk):
    booking = get_in_scope_or_404(my_bookings(request.user), pk=pk)
    return render(
        request,
        "resources/my_booking.html",
        {
            "booking": booking,
            "called_off": booking.status in CALLED_OFF,
            "can_cancel": booking.status in (BookingStatus.PENDING, BookingStatus.APPROVED)
            and booking.start > timezone.now(),
        },
    )


@login_required
@permission_required("resource.book")
def my_booking_ics(request, pk):
    booking = get_in_scope_or_404(my_bookings(request.user), pk=pk)
    if not services.is_own_booking(booking, request.user):
        raise Http404
    ics = booking_ics(booking)
    return ics_response(ics, filename=f"booking-{booking.pk}.ics")


@login_required
@permission_required("resource.book")
@require_POST
def my_booking_cancel(request, pk):
    booking = get_in_scope_or_404(my_bookings(request.user), pk=pk)
    try:
        services.cancel_booking(
            booking=booking, by=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, _("预约已取消。"))
    return redirect("resources:my_bookings")
