"""Deliveries (履约记录) of an agreement's services: record, confirm, reject and list."""

from ninja.pagination import paginate
from ninja.responses import Status

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.agreements import services
from wulian.agreements.api import router
from wulian.agreements.api.schemas import DeliveryDecisionIn, DeliveryIn, DeliveryOut
from wulian.agreements.models import Delivery
from wulian.agreements.selectors import visible_agreements, visible_items
from wulian.core.bounds import Id, Pagination
from wulian.web.api_helpers import body_openapi, fetch, read_body, require


@router.post(
    "/items/{int:pk}/deliveries/",
    response={201: DeliveryOut},
    url_name="delivery_create",
    summary="记录服务",
    openapi_extra=body_openapi(DeliveryIn),
)
def delivery_create(request, pk: Id):
    item = fetch(request, "delivery.create", visible_items, pk)
    payload = read_body(request, DeliveryIn)
    return Status(201, services.record_delivery(item=item, by=request.user, **payload.model_dump()))


def _delivery(request, pk: Id) -> Delivery:
    require(request, "delivery.confirm")
    return get_in_scope_or_404(
        Delivery.objects.filter(item__in=visible_items(request.user)).select_related("item"), pk=pk
    )


@router.post(
    "/deliveries/{int:pk}/confirm/",
    response=DeliveryOut,
    url_name="delivery_confirm",
    summary="社区确认服务记录",
    openapi_extra=body_openapi(DeliveryDecisionIn),
)
def delivery_confirm(request, pk: Id):
    """The community (area roles over the agreement's area) confirms what the unit recorded."""
    delivery = _delivery(request, pk)
    payload = read_body(request, DeliveryDecisionIn)
    return services.confirm_delivery(delivery=delivery, by=request.user, note=payload.note)


@router.post(
    "/deliveries/{int:pk}/reject/",
    response=DeliveryOut,
    url_name="delivery_reject",
    summary="社区不予确认服务记录",
    openapi_extra=body_openapi(DeliveryDecisionIn),
)
def delivery_reject(request, pk: Id):
    delivery = _delivery(request, pk)
    payload = read_body(request, DeliveryDecisionIn)
    return services.reject_delivery(delivery=delivery, by=request.user, note=payload.note)


@router.get(
    "/{int:pk}/deliveries/",
    response=list[DeliveryOut],
    url_name="delivery_list",
    summary="服务记录",
)
@paginate(Pagination)
def delivery_list(request, pk: Id):
    agreement = fetch(request, "agreement.view", visible_agreements, pk)
    keys = list(agreement.items.values_list("line_key", flat=True))
    return Delivery.objects.filter(item__line_key__in=keys).order_by("-date", "-pk")
