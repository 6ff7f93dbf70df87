"""Topics of a council: raise, comment, vote (online or recorded offline), close, resolve, and a
resolution turned into a fund project; a member's own seat on a topic."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.accounts.selectors import get_in_scope_or_404, scope_for
from wulian.core.bounds import Id, Pagination
from wulian.councils import services
from wulian.councils.api import router
from wulian.councils.api.schemas import (
    CastOut,
    CommentIn,
    CommentOut,
    OfflineVoteIn,
    OpenIn,
    ResolutionProjectIn,
    TopicIn,
    TopicOut,
    TopicResolveIn,
    VoteIn,
)
from wulian.councils.selectors import member_for, visible_councils, visible_topics
from wulian.web.api_helpers import body_openapi, fetch, read_body, require


def _managed_topic(request, pk: Id):
    return get_in_scope_or_404(
        visible_topics(request.user).filter(scope_for(request.user).paths_q("council__community")),
        pk=pk,
    )


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
