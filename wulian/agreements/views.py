"""Pages: agreements with their items, fulfilment, versions and deliveries; the printable PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.agreements import rules, services
from wulian.agreements.exporters import export_fulfilment
from wulian.agreements.forms import AgreementForm, AgreementSearchForm, DeliveryForm, ItemForm
from wulian.agreements.models import AgreementStatus, Delivery
from wulian.agreements.selectors import (
    agreement_months,
    fulfilment,
    party_orgs_for,
    units_for,
    versions,
    visible_agreements,
    visible_items,
)
from wulian.areas.selectors import search_area
from wulian.core.pdf import pdf_response
from wulian.orgs.models import Org
from wulian.web.spreadsheet_views import export_response
from wulian.web.views_helpers import act, list_page, permission_required
from wulian.web.views_helpers import submit as submit_form  # this module has a `submit` view


def _message_errors(request, exc: ValidationError) -> None:
    messages.error(request, "；".join(exc.messages))


def search_agreements(request):
    form = AgreementSearchForm(request.GET or None)
    qs = visible_agreements(request.user)
    if form.is_valid():
        data = form.cleaned_data
        qs = qs.search(
            q=data["q"].strip(), status=data["status"], area=search_area(request.user, data["area"])
        )
    return form, qs


@login_required
@permission_required("agreement.view")
def agreement_list(request):
    form, qs = search_agreements(request)
    return list_page(request, "agreements/list.html", form, qs, can={"create": "agreement.create"})


@login_required
@permission_required("agreement.create")
def agreement_create(request):
    form = AgreementForm(
        request.POST or None, party_orgs=party_orgs_for(request.user), units=units_for(request.user)
    )
    response = submit_form(
        request,
        form,
        services.create_agreement,
        success=_("协议草稿已创建，请添加服务项目。"),
        redirect_to=lambda agreement: reverse("agreements:detail", args=[agreement.pk]),
    )
    return response or render(request, "agreements/form.html", {"form": form})


@login_required
@permission_required("agreement.view")
def agreement_detail(request, pk):
    agreement = get_in_scope_or_404(visible_agreements(request.user), pk=pk)
    months = agreement_months(agreement, limit=6)
    rows = fulfilment(agreement, months)
    user = request.user
    return render(
        request,
        "agreements/detail.html",
        {
            "agreement": agreement,
            "months": months,
            "rows": rows,
            "versions": versions(agreement),
            "deliveries": Delivery.objects.filter(item__line_key__in=[i.line_key for i, _c in rows])
            .select_related("item", "recorded_by")
            .order_by("-date", "-pk")[:30],
            "can_update": rules.can_update(user, agreement),
            "can_confirm": agreement.status == AgreementStatus.AWAITING
            and rules.can_confirm(user, agreement),
            "can_deliver": has_action(user, "delivery.create")
            and agreement.status == AgreementStatus.IN_FORCE,
            "can_confirm_deliveries": rules.can_confirm_deliveries(user, agreement),
        },
    )


@login_required
@permission_required("agreement.update")
def agreement_edit(request, pk):
    agreement = get_in_scope_or_404(visible_agreements(request.user), pk=pk)
    if not agreement.is_editable:
        messages.error(request, _("只有草稿可以修改；生效后的变更请生成新版本。"))
        return redirect("agreements:detail", pk=agreement.pk)
    initial = {
        "unit": agreement.unit_id,
        "title": agreement.title,
        "start": agreement.start,
        "end": agreement.end,
        "note": agreement.note,
    }
    form = AgreementForm(
        request.POST or None,
        initial=initial,
        units=units_for(request.user) | Org.objects.filter(pk=agreement.unit_id),
        editing=True,
    )
    response = submit_form(
        request,
        form,
        services.update_agreement,
        agreement=agreement,
        success=_("协议已保存。"),
        redirect_to=reverse("agreements:detail", args=[agreement.pk]),
    )
    return response or render(
        request, "agreements/form.html", {"form": form, "agreement": agreement}
    )


@login_required
@permission_required("agreement.update")
def item_add(request, pk):
    agreement = get_in_scope_or_404(visible_agreements(request.user), pk=pk)
    if not agreement.is_editable:
        messages.error(request, _("只有草稿可以添加服务项目；生效后的变更请生成新版本。"))
        return redirect("agreements:detail", pk=agreement.pk)
    form = ItemForm(
        request.POST or None,
        agreement=agreement,
        initial={"responsible_org": agreement.unit_id, "target_unit": _("次/月")},
    )
    response = submit_form(
        request,
        form,
        services.add_item,
        agreement=agreement,
        success=_("服务项目已添加。"),
        redirect_to=reverse("agreements:detail", args=[agreement.pk]),
        denied=_("您不是该协议属地党组织一方，不能修改。"),
    )
    return response or render(
        request, "agreements/item_form.html", {"form": form, "agreement": agreement}
    )


@login_required
@permission_required("agreement.update")
def item_edit(request, pk):
    item = get_in_scope_or_404(visible_items(request.user), pk=pk)
    agreement = item.agreement
    if not agreement.is_editable:
        messages.error(request, _("只有草稿可以修改服务项目；生效后的变更请生成新版本。"))
        return redirect("agreements:detail", pk=agreement.pk)
    initial = {
        f: getattr(item, f)
        for f in (
            "content",
            "standard",
            "kind",
            "target_count",
            "target_unit",
            "target_period",
            "responsible_person",
        )
    }
    initial.update(responsible_org=item.responsible_org_id, resource=item.resource_id)
    form = ItemForm(request.POST or None, agreement=agreement, initial=initial)
    response = submit_form(
        request,
        form,
        services.update_item,
        item=item,
        success=_("服务项目已保存。"),
        redirect_to=reverse("agreements:detail", args=[agreement.pk]),
    )
    return response or render(
        request, "agreements/item_form.html", {"form": form, "agreement": agreement, "item": item}
    )


def _act(request, pk, call, done: str):
    agreement = get_in_scope_or_404(visible_agreements(request.user), pk=pk)
    try:
        result = call(agreement)
    except ValidationError as exc:
        _message_errors(request, exc)
        return redirect("agreements:detail", pk=agreement.pk)
    except PermissionDenied:
        messages.error(request, _("您不是该协议属地党组织一方，不能进行此操作。"))
        return redirect("agreements:detail", pk=agreement.pk)
    messages.success(request, done)
    return redirect("agreements:detail", pk=getattr(result, "pk", agreement.pk))


@login_required
@permission_required("agreement.update")
@require_POST
def item_delete(request, pk):
    item = get_in_scope_or_404(visible_items(request.user), pk=pk)
    return _act(
        request,
        item.agreement_id,
        lambda a: services.remove_item(item=item, by=request.user),
        _("服务项目已删除。"),
    )


@login_required
@permission_required("agreement.update")
@require_POST
def submit(request, pk):
    return _act(
        request,
        pk,
        lambda a: services.submit_agreement(agreement=a, by=request.user),
        _("已提交，等待双方确认。"),
    )


@login_required
@permission_required("agreement.confirm")
@require_POST
def confirm(request, pk):
    return _act(
        request,
        pk,
        lambda a: services.confirm_agreement(agreement=a, by=request.user),
        _("已确认。"),
    )


@login_required
@permission_required("agreement.update")
@require_POST
def revise(request, pk):
    return _act(
        request,
        pk,
        lambda a: services.revise_agreement(agreement=a, by=request.user),
        _("已生成新版本草稿；双方确认后替代当前版本。"),
    )


@login_required
@permission_required("agreement.update")
@require_POST
def end(request, pk):
    return _act(
        request,
        pk,
        lambda a: services.end_agreement(
            agreement=a, by=request.user, reason=request.POST.get("reason", "")
        ),
        _("协议已终止。"),
    )


@login_required
@permission_required("delivery.create")
def delivery_add(request, pk):
    item = get_in_scope_or_404(visible_items(request.user), pk=pk)
    form = DeliveryForm(
        request.POST or None, request.FILES or None, initial={"date": timezone.localdate()}
    )
    response = submit_form(
        request,
        form,
        services.record_delivery,
        item=item,
        success=_("服务记录已保存。"),
        redirect_to=reverse("agreements:detail", args=[item.agreement_id]),
        denied=_("您不是该协议的一方，不能记录服务。"),
    )
    return response or render(
        request,
        "agreements/delivery_form.html",
        {"form": form, "item": item, "agreement": item.agreement},
    )


def _delivery(request, pk):
    return get_in_scope_or_404(
        Delivery.objects.filter(item__in=visible_items(request.user)).select_related("item"), pk=pk
    )


@login_required
@permission_required("delivery.confirm")
@require_POST
def delivery_confirm(request, pk):
    """The community confirms a delivery the unit recorded: from now on it counts."""
    delivery = _delivery(request, pk)
    return act(
        request,
        services.confirm_delivery,
        delivery=delivery,
        note=request.POST.get("note", ""),
        success=_("服务记录已确认，计入履约。"),
        redirect_to=reverse("agreements:detail", args=[delivery.item.agreement_id]),
    )


@login_required
@permission_required("delivery.confirm")
@require_POST
def delivery_reject(request, pk):
    delivery = _delivery(request, pk)
    return act(
        request,
        services.reject_delivery,
        delivery=delivery,
        note=request.POST.get("note", ""),
        success=_("已不予确认该服务记录。"),
        redirect_to=reverse("agreements:detail", args=[delivery.item.agreement_id]),
    )


@login_required
@permission_required("agreement.view")
def delivery_evidence(request, pk):
    delivery = get_in_scope_or_404(
        Delivery.objects.filter(item__in=visible_items(request.user)), pk=pk
    )
    if not delivery.evidence:
        raise Http404
    return FileResponse(
        delivery.evidence.open("rb"),
        as_attachment=True,
        filename=delivery.evidence.name.rsplit("/", 1)[-1],
    )


@login_required
@permission_required("agreement.view")
def agreement_pdf(request, pk):
    agreement = get_in_scope_or_404(visible_agreements(request.user), pk=pk)
    items = agreement.items.select_related("responsible_org", "resource")
    return pdf_response(
        "agreements/pdf.html",
        {"agreement": agreement, "items": items, "title": _("服务项目责任书")},
        filename=f"服务项目责任书-{agreement.pk}-v{agreement.version}.pdf",
        request=request,
    )


@login_required
@permission_required("agreement.view")
def fulfilment_export(request, pk):
    agreement = get_in_scope_or_404(visible_agreements(request.user), pk=pk)
    months = agreement_months(agreement)
    rows = fulfilment(agreement, months)
    return export_response(
        request,
        action="agreement.export",
        object_type="agreements.agreement",
        title=_("协议履约情况"),
        data=export_fulfilment(agreement, rows),
        count=len(rows),
        filters={"agreement": agreement.pk},
    )
