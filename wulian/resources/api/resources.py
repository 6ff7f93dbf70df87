"""The inventory of shared resources over the API: list, publish, change, open and close."""

from typing import Any

from ninja.pagination import paginate
from ninja.responses import Status

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.models import Area
from wulian.areas.selectors import search_area
from wulian.core.bounds import Id, Pagination
from wulian.orgs.models import Org
from wulian.resources import rules, services
from wulian.resources.api import router
from wulian.resources.api.schemas import ResourceIn, ResourceOut, ResourcePatch, ResourceReasonIn
from wulian.resources.models import Resource, ResourceKind, Terms
from wulian.resources.selectors import publishing_units, visible_resources, with_children
from wulian.web.api_helpers import body_openapi, fetch, read_body, require, resolve, resolve_all

MAX_LIMIT = 500
CHILDREN = ("hours", "blackouts", "eligible_areas", "eligible_orgs")  # set apart from the fields


def _fresh(resource: Resource) -> Resource:
    """The resource as the API answers it, read again after a change."""
    return with_children(Resource.objects.select_related("org", "area")).get(pk=resource.pk)


# A resource is placed where its unit has it, and offered to residents of any areas and members of
# any orgs (as on the page): these codes and ids are looked up among all, not within the caller's
# scope; whether the caller may manage a resource placed there is the service's check.
ALL_AREAS = Area.objects.all()
ALL_ORGS = Org.objects.all()


def _children(request, data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if data.get("hours") is not None:
        out["hours"] = [(h["weekday"], h["start"], h["end"]) for h in data["hours"]]
    if data.get("blackouts") is not None:
        out["blackouts"] = [(b["date"], b.get("reason", "")) for b in data["blackouts"]]
    if data.get("eligible_areas") is not None:
        out["eligible_areas"] = resolve_all(
            request, ALL_AREAS, data["eligible_areas"], "eligible_areas", by="code"
        )
    if data.get("eligible_orgs") is not None:
        out["eligible_orgs"] = resolve_all(
            request, ALL_ORGS, data["eligible_orgs"], "eligible_orgs"
        )
    return out


def _patched_fields(request, data: dict[str, Any]) -> dict[str, Any]:
    """The resource's own fields a PATCH sent: a text sent as null becomes empty, a limit or fee
    unit sent as null stays as it was."""
    fields = {k: v for k, v in data.items() if k not in CHILDREN}
    if "area" in fields:
        fields["area"] = resolve(request, ALL_AREAS, fields["area"] or "", "area", by="code")
    for key in ("name", "location", "capacity_unit", "description", "terms_text"):
        if key in fields and fields[key] is None:
            fields[key] = ""
    for key in (
        "fee_unit",
        "per_person_day",
        "per_person_week",
        "per_household_day",
        "per_household_week",
    ):
        if key in fields and fields[key] is None:
            del fields[key]
    return fields


# ------------------------------------------------------------------------------- resources


@router.get("/", response=list[ResourceOut], url_name="resource_list", summary="共享资源清单")
@paginate(Pagination)
def resource_list(
    request,
    q: str = "",
    kind: ResourceKind | None = None,
    terms: Terms | None = None,
    area: str | None = None,
    is_open: bool | None = None,
    line: Id | None = None,
):
    """The inventory in the caller's subtrees, units and lines; `area` (a code) keeps that
    subtree, `line` (the id of a 条线部门) the resources of that line's units."""
    require(request, "resource.view")
    return with_children(
        visible_resources(request.user).search(
            q=q.strip(),
            kind=kind or "",
            terms=terms or "",
            area=search_area(request.user, area),
            is_open=is_open,
            line=line,
        )
    )


@router.get("/{int:pk}/", response=ResourceOut, url_name="resource_detail", summary="共享资源详情")
def resource_detail(request, pk: Id):
    require(request, "resource.view")
    return get_in_scope_or_404(with_children(visible_resources(request.user)), pk=pk)


@router.post("/", response={201: ResourceOut}, url_name="resource_create", summary="发布共享资源")
def resource_create(request, payload: ResourceIn):
    require(request, "resource.create")
    data = payload.model_dump()
    fields = {k: v for k, v in data.items() if k not in CHILDREN}
    fields["org"] = resolve(request, publishing_units, data["org"], "org")
    fields["area"] = resolve(request, ALL_AREAS, data["area"], "area", by="code")
    resource = services.create_resource(by=request.user, **fields, **_children(request, data))
    return Status(201, _fresh(resource))


@router.patch(
    "/{int:pk}/",
    response=ResourceOut,
    url_name="resource_update",
    summary="修改共享资源",
    openapi_extra=body_openapi(ResourcePatch),
)
def resource_update(request, pk: Id):
    """Change the fields sent; the change becomes a new version in the resource's history."""
    resource = fetch(request, "resource.update", visible_resources, pk)
    payload = read_body(request, ResourcePatch)
    data = payload.model_dump(exclude_unset=True)
    services.update_resource(
        resource=resource,
        by=request.user,
        **_patched_fields(request, data),
        **_children(request, data),
    )
    return _fresh(resource)


@router.post(
    "/{int:pk}/open/",
    response=ResourceOut,
    url_name="resource_open",
    summary="开放共享资源",
    openapi_extra=body_openapi(ResourceReasonIn),
)
def resource_open(request, pk: Id):
    resource = fetch(request, "resource.update", visible_resources, pk)
    payload = read_body(request, ResourceReasonIn)
    services.open_resource(resource=resource, by=request.user, reason=payload.reason)
    return _fresh(resource)


@router.post(
    "/{int:pk}/close/",
    response=ResourceOut,
    url_name="resource_close",
    summary="关闭共享资源",
    openapi_extra=body_openapi(ResourceReasonIn),
)
def resource_close(request, pk: Id):
    resource = fetch(request, "resource.update", visible_resources, pk)
    rules.require_can(
        rules.can_update(request.user, resource), "resource.update"
    )  # before the body
    payload = read_body(request, ResourceReasonIn)
    services.close_resource(resource=resource, by=request.user, reason=payload.reason)
    return _fresh(resource)
