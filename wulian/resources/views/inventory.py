"""The inventory and resource management (units, staff): search, export, a resource's page,
creating, editing, opening and closing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.selectors import search_area
from wulian.orgs.models import Org
from wulian.orgs.selectors import visible_orgs
from wulian.resources import rules, services
from wulian.resources.exporters import export_resources
from wulian.resources.forms import (
    CloseForm,
    ReasonForm,
    ResourceForm,
    ResourceSearchForm,
    format_hours,
    hours_display,
)
from wulian.resources.selectors import (
    publishing_units,
    visible_resources,
    with_hours,
)
from wulian.web.spreadsheet_views import export_response
from wulian.web.views_helpers import (
    paginate,
    permission_required,
    search_filters,
    submit,
)


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


def _detail_page(request, resource, *, close_form=None, status=200):
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
            "close_form": close_form or CloseForm(),
        },
        status=status,
    )


@login_required
@permission_required("resource.view")
def detail(request, pk):
    return _detail_page(request, get_in_scope_or_404(visible_resources(request.user), pk=pk))


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
        messages.error(request, "；".join(exc.messages))
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
    resource = get_in_scope_or_404(visible_resources(request.user), pk=pk)
    form = CloseForm(request.POST)
    response = submit(
        request,
        form,
        services.close_resource,
        resource=resource,
        success=lambda closing: (
            _("已关闭，%(n)d个未开始的预约已取消并通知预约人。") % {"n": len(closing.cancelled)}
        ),
        redirect_to=reverse("resources:detail", args=[resource.pk]),
    )
    # Refused (no reason): the resource's page again, the error under the reason box.
    return response or _detail_page(request, resource, close_form=form, status=400)
