"""党群服务中心 over the API: the same selectors and services as the pages."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.areas.selectors import search_area
from wulian.centres import selectors, services
from wulian.centres.models import Centre, CentreService
from wulian.core.bounds import Id, Int, Pagination
from wulian.web.api_helpers import body_openapi, fetch, read_body, require, resolve_area_code

router = Router(tags=["centres 党群服务中心"])


class HoursIn(Schema):
    weekday: Int  # 0 = 周一 … 6 = 周日
    start: dt.time
    end: dt.time


class CentreIn(Schema):
    name: str
    address: str
    phone: str = ""
    description: str = ""
    is_public: bool = True
    hours: list[HoursIn] = []


class CentreCreateIn(CentreIn):
    community: str  # the community's 12-digit code


class ServiceOut(Schema):
    id: int
    name: str
    description: str


class ResourceRef(Schema):
    id: Int
    name: str
    kind: str
    is_open: bool


class CentreOut(Schema):
    id: int
    community: str
    community_name: str
    org: int
    name: str
    address: str
    phone: str
    description: str
    is_public: bool
    hours: list[HoursIn]
    services: list[ServiceOut]
    resources: list[ResourceRef]

    @staticmethod
    def resolve_community(obj):
        return obj.community.code

    @staticmethod
    def resolve_community_name(obj):
        return obj.community.name

    @staticmethod
    def resolve_org(obj):
        return obj.org_id

    @staticmethod
    def resolve_hours(obj):
        return [{"weekday": h.weekday, "start": h.start, "end": h.end} for h in obj.hours.all()]

    @staticmethod
    def resolve_services(obj):
        return list(obj.services.all())

    @staticmethod
    def resolve_resources(obj):
        return list(obj.resources.all())


class PublicLine(Schema):
    days: str
    times: str


class PublicOut(Schema):
    """What the community's public page shows: no person's data."""

    name: str
    community: str
    community_code: str
    org: str
    address: str
    phone: str
    description: str
    hours: list[PublicLine]
    services: list[dict[str, str]]
    resources: list[dict[str, str]]


class ServiceIn(Schema):
    name: str
    description: str = ""


class LinkIn(Schema):
    resource: Id


def _listed(user):
    return selectors.visible_centres(user).prefetch_related("hours", "services", "resources")


def _hours(payload: CentreIn) -> list:
    return [(h.weekday, h.start, h.end) for h in payload.hours]


@router.get("/", response=list[CentreOut], url_name="centre_list", summary="党群服务中心列表")
@paginate(Pagination)
def centre_list(request, q: str = "", area: str | None = None):
    require(request, "centre.view")
    return _listed(request.user).search(q=q.strip(), area=search_area(request.user, area))


@router.post("/", response={201: CentreOut}, url_name="centre_create", summary="登记党群服务中心")
def centre_create(request, payload: CentreCreateIn):
    require(request, "centre.manage")
    community = resolve_area_code(request, payload.community, "community")
    data = payload.model_dump(exclude={"community", "hours"})
    return Status(
        201,
        services.create_centre(by=request.user, community=community, hours=_hours(payload), **data),
    )


@router.get("/{int:pk}/", response=CentreOut, url_name="centre_detail", summary="党群服务中心详情")
def centre_detail(request, pk: Id):
    return fetch(request, "centre.view", _listed, pk)


@router.put(
    "/{int:pk}/",
    response=CentreOut,
    url_name="centre_update",
    summary="修改党群服务中心（含开放时间）",
    openapi_extra=body_openapi(CentreIn),
)
def centre_update(request, pk: Id):
    centre = fetch(request, "centre.manage", selectors.visible_centres, pk)
    payload = read_body(request, CentreIn)
    services.update_centre(
        by=request.user,
        centre=centre,
        hours=_hours(payload),
        **payload.model_dump(exclude={"hours"}),
    )
    return _listed(request.user).get(pk=centre.pk)


@router.get(
    "/{int:pk}/public/", response=PublicOut, url_name="centre_public", summary="社区公开页所示内容"
)
def centre_public(request, pk: Id):
    centre: Centre = fetch(request, "centre.view", selectors.visible_centres, pk)
    shown = selectors.public_centre(centre.community)
    if shown is None:
        raise Http404
    return shown


@router.post(
    "/{int:pk}/services/",
    response={201: ServiceOut},
    url_name="centre_service_add",
    summary="添加服务项目",
    openapi_extra=body_openapi(ServiceIn),
)
def centre_service_add(request, pk: Id):
    centre = fetch(request, "centre.manage", selectors.visible_centres, pk)
    payload = read_body(request, ServiceIn)
    return Status(201, services.add_service(by=request.user, centre=centre, **payload.model_dump()))


@router.delete(
    "/{int:pk}/services/{int:service_pk}/",
    response={204: None},
    url_name="centre_service_delete",
    summary="删除服务项目",
)
def centre_service_delete(request, pk: Id, service_pk: Id):
    centre = fetch(request, "centre.manage", selectors.visible_centres, pk)
    service = (
        CentreService.objects.select_related("centre__community")
        .filter(centre=centre, pk=service_pk)
        .first()
    )
    if service is None:
        raise Http404
    services.remove_service(by=request.user, centre_service=service)
    return Status(204, None)


@router.post(
    "/{int:pk}/resources/",
    response=CentreOut,
    url_name="centre_resource_link",
    summary="关联共享资源",
    openapi_extra=body_openapi(LinkIn),
)
def centre_resource_link(request, pk: Id):
    centre = fetch(request, "centre.manage", selectors.visible_centres, pk)
    payload = read_body(request, LinkIn)
    resource = selectors.linkable_resources(centre).filter(pk=payload.resource).first()
    if resource is None:
        raise ValidationError(
            {"resource": _("共享资源 %(id)s 不在本社区，或已关联。") % {"id": payload.resource}}
        )
    services.link_resource(by=request.user, centre=centre, resource=resource)
    return _listed(request.user).get(pk=centre.pk)


@router.delete(
    "/{int:pk}/resources/{int:resource_pk}/",
    response={204: None},
    url_name="centre_resource_unlink",
    summary="取消关联共享资源",
)
def centre_resource_unlink(request, pk: Id, resource_pk: Id):
    centre = fetch(request, "centre.manage", selectors.visible_centres, pk)
    resource = centre.resources.filter(pk=resource_pk).first()
    if resource is None:
        raise Http404
    services.unlink_resource(by=request.user, centre=centre, resource=resource)
    return Status(204, None)
