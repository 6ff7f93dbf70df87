"""Agreements and their items: list, detail, fulfilment, create, edit, submit, confirm, revise and
end."""

from typing import Any

from django.db.models import Prefetch
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.agreements import services
from wulian.agreements.api import router
from wulian.agreements.api.schemas import (
    AgreementIn,
    AgreementOut,
    EndIn,
    FulfilmentOut,
    ItemIn,
    ItemOut,
    ItemPatch,
)
from wulian.agreements.models import Agreement, AgreementStatus, ServiceItem
from wulian.agreements.selectors import (
    agreement_months,
    fulfilment,
    item_resources_for,
    party_orgs_for,
    responsible_orgs_for,
    units_for,
    visible_agreements,
    visible_items,
)
from wulian.areas.selectors import search_area
from wulian.core.bounds import Id, Int, Pagination
from wulian.web.api_helpers import body_openapi, fetch, read_body, require, resolve


def _full(qs):
    return qs.prefetch_related(
        Prefetch("items", queryset=ServiceItem.objects.select_related("responsible_org"))
    )


def _reload(pk: int) -> Agreement:
    return _full(Agreement.objects.select_related("area", "party_org", "unit")).get(pk=pk)


@router.get("/", response=list[AgreementOut], url_name="agreement_list", summary="共建协议列表")
@paginate(Pagination)
def agreement_list(
    request, q: str = "", status: AgreementStatus | None = None, area: str | None = None
):
    require(request, "agreement.view")
    return _full(
        visible_agreements(request.user).search(
            q=q.strip(), status=status or "", area=search_area(request.user, area)
        )
    )


@router.get(
    "/{int:pk}/", response=AgreementOut, url_name="agreement_detail", summary="共建协议详情"
)
def agreement_detail(request, pk: Id):
    require(request, "agreement.view")
    return get_in_scope_or_404(_full(visible_agreements(request.user)), pk=pk)


@router.get(
    "/{int:pk}/fulfilment/",
    response=list[FulfilmentOut],
    url_name="agreement_fulfilment",
    summary="履约情况（每项每月：完成/目标，红<60%≤黄<100%≤绿）",
)
def agreement_fulfilment(request, pk: Id, months: Int = 6):
    agreement = fetch(request, "agreement.view", visible_agreements, pk)
    rows = fulfilment(agreement, agreement_months(agreement, limit=max(1, min(months, 36))))
    return [
        {
            "item": item.pk,
            "content": item.content,
            "cells": [
                {
                    "month": f"{c.month:%Y-%m}",
                    "delivered": c.delivered,
                    "target": c.target,
                    "percent": c.percent,
                    "surplus": c.surplus,
                    "pending": c.pending,
                    "status": c.status,
                }
                for c in cells
            ],
        }
        for item, cells in rows
    ]


@router.post(
    "/", response={201: AgreementOut}, url_name="agreement_create", summary="新增共建协议（草稿）"
)
def agreement_create(request, payload: AgreementIn):
    require(request, "agreement.create")
    data: dict[str, Any] = payload.model_dump()
    data["party_org"] = resolve(request, party_orgs_for, data["party_org"], "party_org")
    data["unit"] = resolve(request, units_for, data["unit"], "unit")
    agreement = services.create_agreement(by=request.user, **data)
    return Status(201, _reload(agreement.pk))


@router.post(
    "/{int:pk}/items/",
    response={201: ItemOut},
    url_name="agreement_item_add",
    summary="添加服务项目",
    openapi_extra=body_openapi(ItemIn),
)
def agreement_item_add(request, pk: Id):
    agreement = fetch(request, "agreement.update", visible_agreements, pk)
    payload = read_body(request, ItemIn)
    data: dict[str, Any] = payload.model_dump()
    data["responsible_org"] = resolve(
        request,
        responsible_orgs_for(request.user, agreement),
        data["responsible_org"],
        "responsible_org",
    )
    data["resource"] = resolve(
        request, item_resources_for(request.user, agreement), data["resource"], "resource"
    )
    return Status(201, services.add_item(agreement=agreement, by=request.user, **data))


@router.patch(
    "/items/{int:pk}/",
    response=ItemOut,
    url_name="agreement_item_update",
    summary="修改服务项目（草稿）",
    openapi_extra=body_openapi(ItemPatch),
)
def agreement_item_update(request, pk: Id):
    item = fetch(request, "agreement.update", visible_items, pk)
    payload = read_body(request, ItemPatch)
    data: dict[str, Any] = payload.model_dump(exclude_unset=True)
    if "responsible_org" in data:
        data["responsible_org"] = resolve(
            request,
            responsible_orgs_for(request.user, item.agreement),
            data["responsible_org"],
            "responsible_org",
        )
    if "resource" in data:
        data["resource"] = resolve(
            request, item_resources_for(request.user, item.agreement), data["resource"], "resource"
        )
    for key in ("content", "standard", "target_unit", "responsible_person"):
        if key in data and data[key] is None:
            data[key] = ""
    return services.update_item(item=item, by=request.user, **data)


@router.post(
    "/{int:pk}/submit/", response=AgreementOut, url_name="agreement_submit", summary="提交双方确认"
)
def agreement_submit(request, pk: Id):
    agreement = fetch(request, "agreement.update", visible_agreements, pk)
    services.submit_agreement(agreement=agreement, by=request.user)
    return _reload(pk)


@router.post(
    "/{int:pk}/confirm/",
    response=AgreementOut,
    url_name="agreement_confirm",
    summary="确认协议（本方）",
)
def agreement_confirm(request, pk: Id):
    agreement = fetch(request, "agreement.confirm", visible_agreements, pk)
    services.confirm_agreement(agreement=agreement, by=request.user)
    return _reload(pk)


@router.post(
    "/{int:pk}/revise/",
    response={201: AgreementOut},
    url_name="agreement_revise",
    summary="生成新版本",
)
def agreement_revise(request, pk: Id):
    agreement = fetch(request, "agreement.update", visible_agreements, pk)
    return Status(201, _reload(services.revise_agreement(agreement=agreement, by=request.user).pk))


@router.post(
    "/{int:pk}/end/",
    response=AgreementOut,
    url_name="agreement_end",
    summary="终止协议",
    openapi_extra=body_openapi(EndIn),
)
def agreement_end(request, pk: Id):
    agreement = fetch(request, "agreement.update", visible_agreements, pk)
    payload = read_body(request, EndIn)
    services.end_agreement(agreement=agreement, by=request.user, reason=payload.reason)
    return _reload(pk)
