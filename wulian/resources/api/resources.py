"""The inventory of shared resources over the API: list, publish, change, open and close."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.accounts.selectors import get_in_scope_or_404, scope_for
from wulian.areas.models import Area
from wulian.areas.selectors import search_area
from wulian.core.bounds import Id, Pagination
from wulian.orgs.models import Org
from wulian.resources import services
from wulian.resources.api import router
from wulian.resources.api.schemas import ResourceIn, ResourceOut, ResourcePatch, ResourceReasonIn
from wulian.resources.models import Resource, ResourceKind, Terms
from wulian.resources.selectors import visible_resources, with_children
from wulian.web.api_helpers import body_openapi, fetch, read_body, require

MAX_LIMIT = 500
CHILDREN = ("hours", "blackouts", "eligible_areas", "eligible_orgs")  # set apart from the fields


def _fresh(resource: Resource) -> Resource:
    """The resource as the API answers it, read again after a change."""
    return with_children(Resource.objects.select_related("org", "area")).get(pk=resource.pk)


def _area(user, code: str) -> Area:
    code = (code or "").strip()
    area = Area.objects.filter(code=code).first()
    if area is None:
        raise ValidationError({"area": _("区划代码“%(c)s”不存在。") % {"c": code}})
    return area


def _areas(codes: list[str]) -> list[Area]:
    found = {a.code: a for a in Area.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationError({"eligible_areas": _("区划代码不存在：%(c)s。") % {"c": "、".join(missing)}})
    return [found[c] for c in codes]


def _orgs(ids: list[int]) -> list[Org]:
    found = {o.pk: o for o in Org.objects.filter(pk__in=ids)}
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise ValidationError({"eligible_orgs": _("组织不存在：%(c)s。") % {"c": "、".join(missing)}})
    return [found[i] for i in ids]


def _unit(user, pk: int) -> Org:
    unit = scope_for(user).filter(Org.objects.units(), area="area", org="pk").filter(pk=pk).first()
    if unit is None:
        raise ValidationError({"org": _("单位 %(id)s 不存在或不在您的范围内。") % {"id": pk}})
    return unit


def _children(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if data.get("hours") is not None:
        out["hours"] = [(h["weekday"], h["start"], h["end"]) for h in data["hours"]]
    if data.get("blackouts") is not None:
        out["blackouts"] = [(b["date"], b.get("reason", "")) for b in data["blackouts"]]
    if data.get("eligible_areas") is not None:
        out["eligible_areas"] = _areas(data["eligible_areas"])
    if data.get("eligible_orgs") is not None:
        out["eligible_orgs"] = _orgs(data["eligible_orgs"])
    return out


def _patched_fields(user, data: dict[str, Any]) -> dict[str, Any]:
    """The resource's own fields a PATCH sent: a text sent as null becomes empty, a limit or fee
    unit sent as null stays as it was."""
    fields = {k: v for k, v in data.items() if k not in CHILDREN}
    if "area" in fields:
        fields["area"] = _area(user, fields["area"] or "")
    for key in ("name", "location", "capacity_unit", "description", "terms_text"):
        if key in fields and fields[key] is None:
            fields[key] = ""
    for key in ("fee_unit", "per_person_day", "per_person_week", "per_household_day", "per_household_week"):
        if key in fields and fields[key] is None:
            del fields[key]
    return fields


# ------------------------------------------------------------------------------- resources


@router.get("/", response=list[ResourceOut], url_name="resource_list", summary="共享资源清单")
@paginate(Pagination)
def resource_list(request, q: str = "", kind: ResourceKind | None = None, terms: Terms | None = None,
                  area: str | None = None, is_open: bool | None = None, line: Id | None = None):
    """The inventory in the caller's subtrees, units and lines; `area` (a code) keeps that
    subtree, `line` (the id of a 条线部门) the resources of that line's units."""
    require(request, "resource.view")
    return with_children(visible_resources(request.user).search(q=q.strip(), kind=kind or "", terms=terms or "",
                                                        area=search_area(request.user, area), is_open=is_open,
                                                        line=line))


@router.get("/{int:pk}/", response=ResourceOut, url_name="resource_detail", summary="共享资源详情")
def resource_detail(request, pk: Id):
    require(request, "resource.view")
    return get_in_scope_or_404(with_children(visible_resources(request.user)), pk=pk)


@router.post("/", response={201: ResourceOut}, url_name="resource_create", summary="发布共享资源")
def resource_create(request, payload: ResourceIn):
    require(request, "resource.create")
    data = payload.model_dump()
    fields = {k: v for k, v in data.items() if k not in CHILDREN}
    fields["org"] = _unit(request.user, data["org"])
    fields["area"] = _area(request.user, data["area"])
    resource = services.create_resource(by=request.user, **fields, **_children(data))
    return Status(201, _fresh(resource))


@router.patch("/{int:pk}/", response=ResourceOut, url_name="resource_update", summary="修改共享资源",
              openapi_extra=body_openapi(ResourcePatch))
def resource_update(request, pk: Id):
    """Change the fields sent; the change becomes a new version in the resource's history."""
    resource = fetch(request, "resource.update", visible_resources, pk)
    payload = read_body(request, ResourcePatch)
    data = payload.model_dump(exclude_unset=True)
    services.update_resource(resource=resource, by=request.user, **_patched_fields(request.user, data),
                             **_children(data))
    return _fresh(resource)


@router.post("/{int:pk}/open/", response=ResourceOut, url_name="resource_open", summary="开放共享资源",
             openapi_extra=body_openapi(ResourceReasonIn))
def resource_open(request, pk: Id):
    resource = fetch(request, "resource.update", visible_resources, pk)
    payload = read_body(request, ResourceReasonIn)
    services.open_resource(resource=resource, by=request.user, reason=payload.reason)
    return _fresh(resource)


@router.post("/{int:pk}/close/", response=ResourceOut, url_name="resource_close", summary="关闭共享资源",
             openapi_extra=body_openapi(ResourceReasonIn))
def resource_close(request, pk: Id):
    resource = fetch(request, "resource.update", visible_resources, pk)
    payload = read_body(request, ResourceReasonIn)
    services.close_resource(resource=resource, by=request.user, reason=payload.reason)
    return _fresh(resource)
