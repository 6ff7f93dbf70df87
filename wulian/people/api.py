"""People over the API: masked phone and ID number only; the same selectors and services as
the pages. The full values are revealed only by the audited reveal action of the pages."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.areas.selectors import search_area
from wulian.core.bounds import Id, Pagination
from wulian.orgs.selectors import visible_orgs
from wulian.people import services
from wulian.people.models import Person, is_personal_number
from wulian.people.selectors import visible_people
from wulian.web.api_helpers import (
    body_openapi,
    fetch,
    read_body,
    require,
    resolve,
    resolve_area_code,
)

router = Router(tags=["people 人员"])


class PersonOut(Schema):
    id: int
    name: str
    phone: str  # masked: 138****1001
    id_number: str  # masked: 510105********1134
    is_party_member: bool
    party_org: int | None
    party_org_name: str
    skills: str
    home_area: str
    home_area_name: str
    address: str  # masked: 黉门街12号****

    @staticmethod
    def resolve_address(obj: Person) -> str:
        return obj.address_masked

    @staticmethod
    def resolve_phone(obj: Person) -> str:
        return obj.phone_masked

    @staticmethod
    def resolve_id_number(obj: Person) -> str:
        return obj.id_number_masked

    @staticmethod
    def resolve_party_org(obj: Person) -> int | None:
        return obj.party_org_id

    @staticmethod
    def resolve_party_org_name(obj: Person) -> str:
        return obj.party_org.name if obj.party_org_id else ""

    @staticmethod
    def resolve_home_area(obj: Person) -> str:
        return obj.home_area.code

    @staticmethod
    def resolve_home_area_name(obj: Person) -> str:
        return obj.home_area.name


class PersonIn(Schema):
    name: str
    phone: str
    home_area: str  # 12-digit area code
    id_number: str = ""
    is_party_member: bool = False
    party_org: Id | None = None
    skills: str = ""
    address: str = ""  # 门牌 inside the home area; same area + address = one household


class PersonPatch(Schema):
    name: str | None = None
    phone: str | None = None
    home_area: str | None = None
    id_number: str | None = None
    is_party_member: bool | None = None
    party_org: Id | None = None
    skills: str | None = None
    address: str | None = None


@router.get("/", response=list[PersonOut], url_name="person_list", summary="人员列表")
@paginate(Pagination)
def person_list(request, q: str = "", area: str | None = None, is_party_member: bool | None = None):
    """People in the caller's scope; `q` matches name or skills. A full phone or ID number goes
    in the body of `POST /people/search/`, never in a URL: here it is a 422."""
    require(request, "person.view")
    if is_personal_number(q):
        raise ValidationError(
            {"q": _("完整手机号或身份证号请用 POST /api/v1/people/search/ 查询，不要放在网址中。")}
        )
    return visible_people(request.user).search(
        q=q.strip(), area=search_area(request.user, area), is_party_member=is_party_member
    )


class PersonSearchIn(Schema):
    q: str = ""
    area: str | None = None
    is_party_member: bool | None = None


@router.post(
    "/search/",
    response=list[PersonOut],
    url_name="person_search",
    summary="按完整手机号/身份证号查找人员",
)
@paginate(Pagination)
def person_search(request, payload: PersonSearchIn):
    """Like the list, with the query in the body: the way to search by a full phone or ID number,
    which must not travel in a URL (access logs keep URLs)."""
    require(request, "person.view")
    return visible_people(request.user).search(
        q=payload.q.strip(),
        area=search_area(request.user, payload.area),
        is_party_member=payload.is_party_member,
    )


@router.get("/{int:pk}/", response=PersonOut, url_name="person_detail", summary="人员详情")
def person_detail(request, pk: Id):
    return fetch(request, "person.view", visible_people, pk)


@router.post("/", response={201: PersonOut}, url_name="person_create", summary="登记人员")
def person_create(request, payload: PersonIn):
    require(request, "person.create")
    data: dict[str, Any] = payload.model_dump()
    data["home_area"] = resolve_area_code(request, data["home_area"], "home_area")
    data["party_org"] = resolve(request, visible_orgs, data["party_org"], "party_org")
    return Status(201, services.create_person(by=request.user, **data))


@router.patch(
    "/{int:pk}/",
    response=PersonOut,
    url_name="person_update",
    summary="修改人员",
    openapi_extra=body_openapi(PersonPatch),
)
def person_update(request, pk: Id):
    person = fetch(request, "person.update", visible_people, pk)
    payload = read_body(request, PersonPatch)
    changes: dict[str, Any] = payload.model_dump(exclude_unset=True)
    if "home_area" in changes:
        if changes["home_area"] == person.home_area.code:
            changes["home_area"] = person.home_area
        else:
            changes["home_area"] = resolve_area_code(request, changes["home_area"], "home_area")
    if "party_org" in changes:
        changes["party_org"] = resolve(request, visible_orgs, changes["party_org"], "party_org")
    if changes.get("is_party_member") is None:
        changes.pop("is_party_member", None)
    return services.update_person(person=person, by=request.user, **changes)
