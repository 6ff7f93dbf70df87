"""Councils over the API: the same selectors and services as the pages. Results of a vote are
returned only once it is closed; a secret ballot never returns who chose what."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.accounts.selectors import get_in_scope_or_404, scope_for
from wulian.core.bounds import Date, DateTime, Id, Int, Pagination
from wulian.councils import services
from wulian.councils.models import Ballot, Choice, MemberKind, TopicStatus
from wulian.councils.selectors import member_for, results, visible_councils, visible_topics
from wulian.web.api_helpers import (
    body_openapi,
    fetch,
    read_body,
    require,
    resolve,
    resolve_area_code,
)

router = Router(tags=["councils 居民议事会"])


class MemberOut(Schema):
    id: int
    seat: int
    kind: MemberKind
    name: str
    title: str
    active: bool

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj.person or obj.org)


class CouncilOut(Schema):
    id: int
    name: str
    community: str
    community_name: str

    @staticmethod
    def resolve_community(obj) -> str:
        return obj.community.code

    @staticmethod
    def resolve_community_name(obj) -> str:
        return obj.community.name


class CouncilDetailOut(CouncilOut):
    members: list[MemberOut]

    @staticmethod
    def resolve_members(obj) -> list:
        return list(obj.members.select_related("person", "org"))


class VoteResultOut(Schema):
    outcome: str
    yes: int
    no: int
    abstain: int
    cast: int


class TopicOut(Schema):
    id: int
    council: int
    title: str
    description: str
    status: TopicStatus
    ballot: Ballot
    quorum: int
    outcome: str
    result: VoteResultOut | None = None
    resolution: str | None = None

    @staticmethod
    def resolve_council(obj) -> int:
        return obj.council_id

    @staticmethod
    def resolve_result(obj) -> dict | None:
        data = results(obj)
        if data is None:
            return None
        counts = {code: n for code, _label, n in data["rows"]}
        return {"outcome": data["outcome_code"], "cast": data["cast"], **counts}

    @staticmethod
    def resolve_resolution(obj) -> str | None:
        resolution = getattr(
            obj, "resolution", None
        )  # the reverse one-to-one raises AttributeError
        return resolution.text if resolution else None


class TopicIn(Schema):
    title: str
    description: str = ""


class CommentIn(Schema):
    body: str


class CommentOut(Schema):
    id: int
    body: str
    created_at: dt.datetime


class OpenIn(Schema):
    ballot: Ballot = Ballot.OPEN
    quorum: Int | None = None


class VoteIn(Schema):
    choice: Choice


class OfflineVoteIn(Schema):
    member: Id
    choice: Choice


class CastOut(Schema):
    id: int
    topic: int
    member: int
    offline: bool

    @staticmethod
    def resolve_topic(obj) -> int:
        return obj.topic_id

    @staticmethod
    def resolve_member(obj) -> int:
        return obj.member_id


class TopicResolveIn(Schema):
    text: str
    decided_on: Date | None = None


def _managed_topic(request, pk: Id):
    return get_in_scope_or_404(
        visible_topics(request.user).filter(scope_for(request.user).paths_q("council__community")),
        pk=pk,
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


@router.get(
    "/{int:pk}/topics/", response=list[TopicOut], url_name="councils_topic_list", summary="议题列表"
)
@paginate(Pagination)
def topic_list(request, pk: Id):
    council = fetch(request, "council.view", visible_councils, pk)
    return visible_topics(request.user).filter(council=council).select_related("resolution")


@router.post(
    "/{int:pk}/topics/",
    response={201: TopicOut},
    url_name="councils_topic_create",
    summary="提出议题",
    openapi_extra=body_openapi(TopicIn),
)
def topic_create(request, pk: Id):
    council = fetch(request, "council.raise_topic", visible_councils, pk)
    payload = read_body(request, TopicIn)
    return Status(
        201,
        services.raise_topic(
            by=request.user, council=council, title=payload.title, description=payload.description
        ),
    )


@router.get(
    "/topics/{int:pk}/", response=TopicOut, url_name="councils_topic_detail", summary="议题详情"
)
def topic_detail(request, pk: Id):
    require(request, "council.view")
    return get_in_scope_or_404(visible_topics(request.user).select_related("resolution"), pk=pk)


@router.post(
    "/topics/{int:pk}/comments/",
    response={201: CommentOut},
    url_name="councils_comment_create",
    summary="发表议事意见",
    openapi_extra=body_openapi(CommentIn),
)
def comment_create(request, pk: Id):
    topic = fetch(request, "council.comment", visible_topics, pk)
    payload = read_body(request, CommentIn)
    return Status(201, services.add_comment(by=request.user, topic=topic, body=payload.body))


@router.post(
    "/topics/{int:pk}/open/",
    response=TopicOut,
    url_name="councils_topic_open",
    summary="开始表决",
    openapi_extra=body_openapi(OpenIn),
)
def topic_open(request, pk: Id):
    require(request, "council.manage")
    topic = _managed_topic(request, pk)
    payload = read_body(request, OpenIn)
    return services.open_voting(
        by=request.user, topic=topic, ballot=payload.ballot, quorum=payload.quorum
    )


@router.post(
    "/topics/{int:pk}/votes/",
    response={201: CastOut},
    url_name="councils_vote",
    summary="投票",
    openapi_extra=body_openapi(VoteIn),
)
def vote(request, pk: Id):
    topic = fetch(request, "council.vote", visible_topics, pk)
    payload = read_body(request, VoteIn)
    return Status(201, services.cast_vote(by=request.user, topic=topic, choice=payload.choice))


@router.post(
    "/topics/{int:pk}/offline-votes/",
    response={201: CastOut},
    url_name="councils_offline_vote",
    summary="代录线下表决",
    openapi_extra=body_openapi(OfflineVoteIn),
)
def offline_vote(request, pk: Id):
    require(request, "council.record_vote")
    topic = _managed_topic(request, pk)
    payload = read_body(request, OfflineVoteIn)
    member = topic.council.members.filter(pk=payload.member).first()
    if member is None:
        raise ValidationError({"member": _("该成员不是本议事会的在任成员。")})
    return Status(
        201,
        services.record_offline_vote(
            by=request.user, topic=topic, member=member, choice=payload.choice
        ),
    )


@router.post(
    "/topics/{int:pk}/close/",
    response=TopicOut,
    url_name="councils_topic_close",
    summary="结束表决并公布结果",
)
def topic_close(request, pk: Id):
    require(request, "council.manage")
    return services.close_voting(by=request.user, topic=_managed_topic(request, pk))


@router.post(
    "/topics/{int:pk}/resolution/",
    response={201: TopicOut},
    url_name="councils_topic_resolve",
    summary="形成决议",
    openapi_extra=body_openapi(TopicResolveIn),
)
def topic_resolve(request, pk: Id):
    require(request, "council.manage")
    topic = _managed_topic(request, pk)
    payload = read_body(request, TopicResolveIn)
    services.resolve_topic(
        by=request.user, topic=topic, text=payload.text, decided_on=payload.decided_on
    )
    return Status(201, visible_topics(request.user).select_related("resolution").get(pk=pk))


@router.get(
    "/topics/{int:pk}/me/",
    response=dict,
    url_name="councils_my_seat",
    summary="我在该议题的表决资格",
)
def my_seat(request, pk: Id):
    topic = fetch(request, "council.view", visible_topics, pk)
    member = member_for(topic.council, request.user)
    return {
        "member": member.pk if member else None,
        "seat": member.seat if member else None,
        "voted": bool(member and topic.casts.filter(member=member).exists()),
    }


class CouncilIn(Schema):
    community: str
    name: str = ""


class MemberIn(Schema):
    kind: MemberKind
    seat: Int
    person: Id | None = None
    org: Id | None = None
    title: str = ""


class SessionIn(Schema):
    title: str
    held_at: DateTime
    place: str = ""


class SessionOut(Schema):
    id: int
    title: str
    held_at: dt.datetime
    place: str


class ResolutionProjectIn(Schema):
    allocation: Id
    name: str
    category: str
    budget: str
    beneficiaries: Int = 0


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


@router.post(
    "/topics/{int:pk}/resolution/project/",
    response={201: dict},
    url_name="councils_resolution_project",
    summary="决议转为惠民项目",
    openapi_extra=body_openapi(ResolutionProjectIn),
)
def resolution_project(request, pk: Id):
    require(request, "council.manage")
    from wulian.councils.models import Resolution
    from wulian.funds.selectors import visible_allocations

    topic = _managed_topic(request, pk)
    resolution = Resolution.objects.filter(topic=topic).first()
    if resolution is None:
        raise ValidationError({"topic": _("该议题尚未形成决议。")})
    payload = read_body(request, ResolutionProjectIn)
    allocation = visible_allocations(request.user).filter(pk=payload.allocation).first()
    resolution = services.resolution_to_project(
        by=request.user,
        resolution=resolution,
        allocation=allocation,
        name=payload.name,
        category=payload.category,
        budget=payload.budget,
        beneficiaries=payload.beneficiaries,
    )
    return Status(201, {"resolution": resolution.pk, "project": resolution.project_id})
