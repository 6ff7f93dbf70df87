"""Organizations over the API: the same selectors and services as the pages."""

from typing import Any

from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.areas.selectors import search_area
from wulian.core.bounds import Id, Pagination
from wulian.orgs import services
from wulian.orgs.models import Kind, Org, PartyBody
from wulian.orgs.rules import can_see_contact_phone
from wulian.orgs.selectors import visible_orgs
from wulian.web.api_helpers import (
    body_openapi,
    fetch,
    read_body,
    require,
    resolve,
    resolve_area_code,
)

router = Router(tags=["orgs 组织"])

MAX_LIMIT = 500


class OrgOut(Schema):
    id: int
    name: str
    kind: Kind
    area: str
    area_name: str
    leads: str | None
    line: int | None
    party_body: PartyBody
    credit_code: str | None
    address: str
    contact_name: str
    contact_phone: str

    @staticmethod
    def resolve_area(obj: Org) -> str:
        return obj.area.code

    @staticmethod
    def resolve_area_name(obj: Org) -> str:
        return obj.area.name

    @staticmethod
    def resolve_leads(obj: Org) -> str | None:
        return obj.leads.code if obj.leads_id else None

    @staticmethod
    def resolve_line(obj: Org) -> int | None:
        return obj.line_id

    @staticmethod
    def resolve_contact_phone(obj: Org, context) -> str:
        """In clear for those who may set it, masked for everyone else."""
        if can_see_contact_phone(context["request"].user, obj):
            return obj.contact_phone
        return obj.contact_phone_masked


class OrgIn(Schema):
    name: str
    kind: Kind
    area: str  # 12-digit area code
    party_body: PartyBody = PartyBody.BRANCH
    credit_code: str | None = None
    line: Id | None = None  # id of a 条线部门
    address: str = ""
    contact_name: str = ""
    contact_phone: str = ""


class OrgPatch(Schema):
    name: str | None = None
    kind: Kind | None = None
    area: str | None = None
    party_body: PartyBody | None = None
    credit_code: str | None = None
    line: Id | None = None
    address: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None


def _departments(user):
    return visible_orgs(user).departments()


@router.get("/", response=list[OrgOut], url_name="org_list", summary="组织列表")
@paginate(Pagination)
def org_list(
    request,
    q: str = "",
    kind: Kind | None = None,
    area: str | None = None,
    party_body: PartyBody | None = None,
    line: Id | None = None,
):
    """Orgs in the caller's subtrees, units and lines; `area` (a code) keeps that subtree, `line`
    (the id of a 条线部门) the orgs of that line. A department's users see their line only."""
    require(request, "org.view")
    return visible_orgs(request.user).search(
        q=q.strip(),
        kind=kind or "",
        party_body=party_body or "",
        area=search_area(request.user, area),
        line=line,
    )


@router.get("/{int:pk}/", response=OrgOut, url_name="org_detail", summary="组织详情")
def org_detail(request, pk: Id):
    return fetch(request, "org.view", visible_orgs, pk)


@router.post("/", response={201: OrgOut}, url_name="org_create", summary="新增组织")
def org_create(request, payload: OrgIn):
    require(request, "org.create")
    data: dict[str, Any] = payload.model_dump()
    data["area"] = resolve_area_code(request, data["area"])
    data["line"] = resolve(request, _departments, data["line"], "line")
    return Status(201, services.create_org(by=request.user, **data))


@router.patch(
    "/{int:pk}/",
    response=OrgOut,
    url_name="org_update",
    summary="修改组织",
    openapi_extra=body_openapi(OrgPatch),
)
def org_update(request, pk: Id):
    """Change the fields sent; the party body changes only through its own recorded action."""
    org = fetch(request, "org.update", visible_orgs, pk)
    payload = read_body(request, OrgPatch)
    changes: dict[str, Any] = payload.model_dump(exclude_unset=True)
    if "area" in changes:
        if changes["area"] == org.area.code:
            changes["area"] = org.area
        else:
            changes["area"] = resolve_area_code(request, changes["area"])
    if "line" in changes:
        changes["line"] = resolve(request, _departments, changes["line"], "line")
    for field in ("name", "kind", "address", "contact_name", "contact_phone"):
        if field in changes and changes[field] is None:
            changes[field] = ""
    return services.update_org(org=org, by=request.user, **changes)
