"""Pages: the inventory and resource management (units, staff), bookings to approve and check in,
and the phone-first pages where residents browse, book and see their bookings."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.selectors import search_area
from wulian.core.ics import ics_response, make_ics
from wulian.orgs.models import Org
from wulian.orgs.selectors import visible_orgs
from wulian.resources import rules, services
from wulian.resources.exporters import export_resources
from wulian.resources.forms import (
    BookingForm,
    BookingSearchForm,
    DecisionForm,
    ReasonForm,
    ResourceForm,
    ResourceSearchForm,
    format_hours,
    hours_display,
)
from wulian.resources.models import BookingStatus, ResourceKind
from wulian.resources.selectors import (
    bookable_resources,
    my_bookings,
    publishing_units,
    visible_bookings,
    visible_resources,
    with_hours,
)
from wulian.web.spreadsheet_views import export_response
from wulian.web.views_helpers import (
    list_page,
    paginate,
    permission_required,
    safe_next,
    search_filters,
    submit,
)


def _error_text(exc: ValidationError) -> str:
    return "；".join(exc.messages)


# ------------------------------------------------------------------------------- inventory


def search_resources(request):
    form = ResourceSearchForm(
        request.GET or None, departments=visible_orgs(request.user).departments()
    )
    qs = with_hours(visible_resources(request.user))
    if form.is_valid():
        data = form.cleaned_data
        qs = qs.search(
            q=data["q"].strip(),
            kind=data["kind"],
            terms=data["terms"],
            area=search_area(request.user, data["area"]),
            is_open={"1": True, "0": False}.get(data["is_open"]),
            line=data["line"].pk if data["line"] else None,
        )
    return form, qs


@login_required
@permission_required("resource.view")
def inventory(request):
    form, qs = search_resources(request)
    page_obj = paginate(request, qs)
    for resource in page_obj:
        resource.hours_lines = hours_display(resource.hours_rows)
    return render(
        request,
        "resources/inventory.html",
        {
            "form": form,
            "page_obj": page_obj,
            "can_create": has_action(request.user, "resource.create"),
            "can_export": has_action(request.user, "resource.export"),
        },
    )


@login_required
@permission_required("resource.export")
def export(request):
    form, qs = search_resources(request)
    resources = list(qs)
    return export_response(
        request,
        action="resource.export",
        object_type="resources.resource",
        title=_("共享资源清单"),
        data=export_resources(resources),
        count=len(resources),
        filters=search_filters(form),
    )


@login_required
@permission_required("resource.view")
def detail(request, pk):
    resource = get_in_scope_or_404(visible_resources(request.user), pk=pk)
    return render(
        request,
        "resources/detail.html",
        {
            "resource": resource,
            "hours_lines": hours_display(resource.hours_rows),
            "blackouts": resource.blackouts.all(),
            "eligible_areas": resource.eligible_areas.all(),
            "eligible_orgs": resource.eligible_orgs.all(),
            "changes": resource.changes.select_related("by")[:50],
            "bookings": resource.bookings.select_related("person")
            .filter(end__gte=timezone.now())
            .order_by("start")[:20],
            "can_update": rules.can_update(request.user, resource),
            "reason_form": ReasonForm(),
        },
    )


@login_required
@permission_required("resource.create")
def create(request):
    units = publishing_units(request.user)
    initial = {"hours": "1-7 08:00-20:00", "capacity": 1}
    if units.count() == 1:
        unit = units.first()
        initial.update(org=unit.pk, area=unit.area.code)
    form = ResourceForm(request.POST or None, units=units, initial=initial)
    response = submit(
        request,
        form,
        services.create_resource,
        success=_("资源已发布。"),
        redirect_to=lambda resource: reverse("resources:detail", args=[resource.pk]),
    )
    return response or render(request, "resources/form.html", {"form": form})


@login_required
@permission_required("resource.update")
def edit(request, pk):
    resource = get_in_scope_or_404(visible_resources(request.user), pk=pk)
    initial = {
        "org": resource.org_id,
        "name": resource.name,
        "kind": resource.kind,
        "area": resource.area.code,
        "location": resource.location,
        "capacity": resource.capacity,
        "capacity_unit": resource.capacity_unit,
        "terms": resource.terms,
        "terms_text": resource.terms_text,
        "requires_approval": resource.requires_approval,
        "fee_amount": resource.fee_amount,
        "fee_unit": resource.fee_unit,
        "per_person_day": resource.per_person_day,
        "per_person_week": resource.per_person_week,
        "per_household_day": resource.per_household_day,
        "per_household_week": resource.per_household_week,
        "hours": format_hours(resource.hours_rows),
        "blackouts": "\n".join(
            f"{b.date:%Y-%m-%d} {b.reason}".strip() for b in resource.blackouts.all()
        ),
        "eligible_areas": ",".join(a.code for a in resource.eligible_areas.all()),
        "eligible_orgs": [o.pk for o in resource.eligible_orgs.all()],
        "description": resource.description,
    }
    units = publishing_units(request.user) | Org.objects.filter(pk=resource.org_id)
    form = ResourceForm(request.POST or None, units=units.distinct(), initial=initial)
    response = submit(
        request,
        form,
        services.update_resource,
        resource=resource,
        success=_("资源已保存，变更已记入历史。"),
        redirect_to=reverse("resources:detail", args=[resource.pk]),
    )
    return response or render(request, "resources/form.html", {"form": form, "resource": resource})


def _toggle(request, pk, service, done: str):
    resource = get_in_scope_or_404(visible_resources(request.user), pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        service(resource=resource, by=request.user, reason=reason)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, done)
    return redirect("resources:detail", pk=resource.pk)


@login_required
@permission_required("resource.update")
@require_POST
def open_view(request, pk):
    return _toggle(request, pk, services.open_resource, _("资源已开放。"))


@login_required
@permission_required("resource.update")
@require_POST
def close_view(request, pk):
    return _toggle(request, pk, services.close_resource, _("资源已关闭，暂停新的预约。"))


# ------------------------------------------------------------------------------- bookings (unit / staff)


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
    return list_page(
        request,
        "resources/booking_list.html",
        form,
        qs,
        can={"decide": "booking.decide", "check_in": "booking.check_in"},
    )


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
        messages.error(request, _error_text(exc))
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


# ------------------------------------------------------------------------------- residents (phone)


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
            "upcoming": qs.filter(end__gte=now).order_by("start"),
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
    resource = booking.resource
    ics = make_ics(
        uid=f"booking-{booking.pk}@wulian",
        start=booking.start,
        end=booking.end,
        summary=_("预约：%(r)s（%(q)d%(u)s）")
        % {"r": resource.name, "q": booking.quantity, "u": resource.capacity_unit},
        location=f"{resource.org.name} {resource.location}".strip(),
        description=_("状态：%(s)s") % {"s": booking.get_status_display()},
    )
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
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("预约已取消。"))
    return redirect("resources:my_bookings")
