"""Councils, their members and sessions: list, detail, create, add a member, hold a session."""

from ninja.pagination import paginate
from ninja.responses import Status

from wulian.accounts.selectors import get_in_scope_or_404, scope_for
from wulian.core.bounds import Id, Pagination
from wulian.councils import services
from wulian.councils.api import router
from wulian.councils.api.schemas import (
    CouncilDetailOut,
    CouncilIn,
    CouncilOut,
    MemberIn,
    MemberOut,
    SessionIn,
    SessionOut,
)
from wulian.councils.selectors import visible_councils
from wulian.web.api_helpers import (
    body_openapi,
    fetch,
    read_body,
    require,
    resolve,
    resolve_area_code,
)


@router.get("/", response=list[CouncilOut], url_name="councils_list", summary="居民议事会列表")
@paginate(Pagination)
def council_list(request):
    require(request, "council.view")
    return visible_councils(request.user)


@router.get(
    "/{int:pk}/", response=CouncilDetailOut, url_name="councils_detail", summary="居民议事会详情"
)
def council_detail(request, pk: Id):
    return fetch(request, "council.view", visible_councils, pk)


def _managed_council(request, pk: Id):
    return get_in_scope_or_404(
        visible_councils(request.user).filter(scope_for(request.user).paths_q("community")), pk=pk
    )


@router.post("/", response={201: CouncilOut}, url_name="councils_create", summary="设立居民议事会")
def council_create(request, payload: CouncilIn):
    require(request, "council.create")

    community = resolve_area_code(request, payload.community, "community")
    return Status(
        201, services.create_council(by=request.user, community=community, name=payload.name)
    )


@router.post(
    "/{int:pk}/members/",
    response={201: MemberOut},
    url_name="councils_member_add",
    summary="添加议事会成员",
    openapi_extra=body_openapi(MemberIn),
)
def member_add(request, pk: Id):
    require(request, "council.manage")
    from wulian.orgs.selectors import visible_orgs
    from wulian.people.selectors import visible_people

    council = _managed_council(request, pk)
    payload = read_body(request, MemberIn)
    person = resolve(request, visible_people, payload.person, "person")
    org = resolve(request, visible_orgs, payload.org, "org")
    return Status(
        201,
        services.add_member(
            by=request.user,
            council=council,
            kind=payload.kind,
            seat=payload.seat,
            person=person,
            org=org,
            title=payload.title,
        ),
    )


@router.post(
    "/{int:pk}/sessions/",
    response={201: SessionOut},
    url_name="councils_session_create",
    summary="登记议事会会议",
    openapi_extra=body_openapi(SessionIn),
)
def session_create(request, pk: Id):
    require(request, "council.manage")
    council = _managed_council(request, pk)
    payload = read_body(request, SessionIn)
    return Status(
        201,
        services.create_session(
            by=request.user,
            council=council,
            title=payload.title,
            held_at=payload.held_at,
            place=payload.place,
        ),
    )
