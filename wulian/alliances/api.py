"""Alliances and part-time committee members over the API: the same selectors and services."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.accounts.selectors import get_in_scope_or_404, scope_for
from wulian.alliances import services
from wulian.alliances.models import ActivityKind
from wulian.alliances.selectors import (
    visible_alliances,
    visible_part_time_members,
    with_alliance_figures,
    with_led_figures,
)
from wulian.core.bounds import Date, Id, Int, Pagination
from wulian.orgs.selectors import visible_orgs
from wulian.people.selectors import visible_people
from wulian.web.api_helpers import body_openapi, read_body, require, resolve, resolve_all

router = Router(tags=["alliances 组织联建"])


class AllianceOut(Schema):
    id: int
    name: str
    lead_org: int
    area: str
    description: str
    founded_on: dt.date | None
    member_count: int = 0
    activity_count: int = 0
    members: list[int]

    @staticmethod
    def resolve_lead_org(obj) -> int:
        return obj.lead_org_id

    @staticmethod
    def resolve_area(obj) -> str:
        return obj.area.code

    @staticmethod
    def resolve_members(obj) -> list[int]:
        return [m.org_id for m in obj.memberships.all()]


class AllianceIn(Schema):
    name: str
    lead_org: Id
    members: list[Id] = []
    description: str = ""
    founded_on: Date | None = None


class ActivityIn(Schema):
    kind: ActivityKind
    title: str
    held_on: Date
    place: str = ""
    attendance: Int | None = None
    attendees: list[Id] = []
    orgs: list[Id] = []
    description: str = ""


class ActivityOut(Schema):
    id: int
    kind: ActivityKind
    title: str
    held_on: dt.date
    place: str
    attendance: int


class LedActivityOut(Schema):
    id: int
    title: str
    held_on: dt.date
    place: str
    attendance: int


class PartTimeOut(Schema):
    id: int
    person: int
    person_name: str
    unit: int
    unit_name: str
    committee: int
    committee_name: str
    area: str
    post: str
    duties: str
    term_start: dt.date
    term_end: dt.date
    activity_count: int = 0
    attendance_total: int = 0

    @staticmethod
    def resolve_person(obj) -> int:
        return obj.person_id

    @staticmethod
    def resolve_person_name(obj) -> str:
        return obj.person.name

    @staticmethod
    def resolve_unit(obj) -> int:
        return obj.unit_id

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_committee(obj) -> int:
        return obj.committee_id

    @staticmethod
    def resolve_committee_name(obj) -> str:
        return obj.committee.name

    @staticmethod
    def resolve_area(obj) -> str:
        return obj.area.code


class PartTimeIn(Schema):
    person: Id
    unit: Id
    committee: Id
    post: str
    duties: str = ""
    term_start: Date
    term_end: Date


class LedActivityIn(Schema):
    title: str
    held_on: Date
    place: str = ""
    attendance: Int = 0


@router.get("/", response=list[AllianceOut], url_name="alliances_list", summary="联盟列表")
@paginate(Pagination)
def alliance_list(request):
    require(request, "alliance.view")
    return (
        with_alliance_figures(visible_alliances(request.user))
        .prefetch_related("memberships")
        .order_by("area__path", "name")
    )


@router.get("/{int:pk}/", response=AllianceOut, url_name="alliances_detail", summary="联盟详情")
def alliance_detail(request, pk: Id):
    require(request, "alliance.view")
    return get_in_scope_or_404(with_alliance_figures(visible_alliances(request.user)), pk=pk)


@router.post("/", response={201: AllianceOut}, url_name="alliances_create", summary="新建联盟")
def alliance_create(request, payload: AllianceIn):
    require(request, "alliance.create")
    lead = resolve(request, visible_orgs, payload.lead_org, "lead_org")
    members = resolve_all(request, visible_orgs, payload.members, "members")
    alliance = services.create_alliance(
        by=request.user,
        name=payload.name,
        lead_org=lead,
        members=members,
        description=payload.description,
        founded_on=payload.founded_on,
    )
    return Status(201, with_alliance_figures(visible_alliances(request.user)).get(pk=alliance.pk))


@router.post(
    "/{int:pk}/activities/",
    response={201: ActivityOut},
    url_name="alliances_activity_create",
    summary="登记联盟活动",
    openapi_extra=body_openapi(ActivityIn),
)
def activity_create(request, pk: Id):
    require(request, "alliance.manage")
    alliance = get_in_scope_or_404(
        visible_alliances(request.user).filter(scope_for(request.user).paths_q("area")), pk=pk
    )
    payload = read_body(request, ActivityIn)
    people = list(visible_people(request.user).filter(pk__in=payload.attendees))
    if len(people) != len(set(payload.attendees)):
        raise ValidationError({"attendees": _("参加人员中有不存在或不在您管辖范围内的人员。")})
    orgs = resolve_all(request, visible_orgs, payload.orgs, "orgs")
    data = payload.model_dump(exclude={"attendees", "orgs"})
    return Status(
        201,
        services.record_alliance_activity(
            by=request.user, alliance=alliance, attendees=people, orgs=orgs, **data
        ),
    )


@router.get(
    "/part-time/",
    response=list[PartTimeOut],
    url_name="alliances_part_time_list",
    summary="兼职委员列表",
)
@paginate(Pagination)
def part_time_list(request, committee: Id | None = None, unit: Id | None = None):
    """Per committee (`committee` = the party org's id) or per unit (`unit`)."""
    require(request, "part_time.view")
    qs = with_led_figures(visible_part_time_members(request.user))
    if committee:
        qs = qs.filter(committee_id=committee)
    if unit:
        qs = qs.filter(unit_id=unit)
    return qs


@router.get(
    "/part-time/{int:pk}/",
    response=PartTimeOut,
    url_name="alliances_part_time_detail",
    summary="兼职委员详情",
)
def part_time_detail(request, pk: Id):
    require(request, "part_time.view")
    return get_in_scope_or_404(with_led_figures(visible_part_time_members(request.user)), pk=pk)


@router.post(
    "/part-time/",
    response={201: PartTimeOut},
    url_name="alliances_part_time_create",
    summary="登记兼职委员",
)
def part_time_create(request, payload: PartTimeIn):
    require(request, "part_time.create")
    person = resolve(request, visible_people, payload.person, "person")
    member = services.appoint_part_time_member(
        by=request.user,
        person=person,
        unit=resolve(request, visible_orgs, payload.unit, "unit"),
        committee=resolve(request, visible_orgs, payload.committee, "committee"),
        post=payload.post,
        duties=payload.duties,
        term_start=payload.term_start,
        term_end=payload.term_end,
    )
    return Status(201, with_led_figures(visible_part_time_members(request.user)).get(pk=member.pk))


@router.post(
    "/part-time/{int:pk}/activities/",
    response={201: LedActivityOut},
    url_name="alliances_led_activity_create",
    summary="登记兼职委员牵头的活动",
    openapi_extra=body_openapi(LedActivityIn),
)
def led_activity_create(request, pk: Id):
    require(request, "part_time.record_activity")
    member = get_in_scope_or_404(
        visible_part_time_members(request.user).filter(scope_for(request.user).paths_q("area")),
        pk=pk,
    )
    payload = read_body(request, LedActivityIn)
    return Status(
        201, services.record_led_activity(by=request.user, member=member, **payload.model_dump())
    )


class AllianceMemberIn(Schema):
    org: Id
    joined_on: Date | None = None


class TermIn(Schema):
    term_start: Date
    term_end: Date


@router.post(
    "/{int:pk}/members/",
    response={201: dict},
    url_name="alliances_member_add",
    summary="加入联盟成员单位",
    openapi_extra=body_openapi(AllianceMemberIn),
)
def alliance_member_add(request, pk: Id):
    require(request, "alliance.manage")
    alliance = get_in_scope_or_404(
        visible_alliances(request.user).filter(scope_for(request.user).paths_q("area")), pk=pk
    )
    payload = read_body(request, AllianceMemberIn)
    member = services.add_alliance_member(
        by=request.user,
        alliance=alliance,
        org=resolve(request, visible_orgs, payload.org, "org"),
        joined_on=payload.joined_on,
    )
    return Status(
        201, {"alliance": alliance.pk, "org": member.org_id, "joined_on": member.joined_on}
    )


@router.post(
    "/part-time/{int:pk}/renew/",
    response=PartTimeOut,
    url_name="alliances_part_time_renew",
    summary="续任/更新任期",
    openapi_extra=body_openapi(TermIn),
)
def part_time_renew(request, pk: Id):
    require(request, "part_time.update")
    qs = with_led_figures(
        visible_part_time_members(request.user).filter(scope_for(request.user).paths_q("area"))
    )
    member = get_in_scope_or_404(qs, pk=pk)
    payload = read_body(request, TermIn)
    services.renew_term(
        by=request.user, member=member, term_start=payload.term_start, term_end=payload.term_end
    )
    return qs.get(pk=pk)
