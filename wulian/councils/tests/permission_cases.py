"""The permission matrix's rows for resident councils: pages and API.

Targets: 清源社区's council (a decided topic with its resolution) and 西华门社区's council (a topic
under deliberation). 黉门街社区's council is left out on purpose: the demo resident and party
member live there and sit on it, which the matrix's territorial notion of scope cannot express
(tests/test_pages.py covers it)."""

from wulian.web.demo import QINGYUAN, XIHUAMEN
from wulian.web.testing import Target, UrlCase


def _councils(world) -> list[Target]:
    from wulian.councils.models import Council

    return [
        Target({"pk": c.pk}, area=c.community)
        for c in Council.objects.filter(community__code__in=[QINGYUAN, XIHUAMEN]).select_related(
            "community"
        )
    ]


def _topics(world) -> list[Target]:
    from wulian.councils.models import Topic

    topics = Topic.objects.filter(council__community__code__in=[QINGYUAN, XIHUAMEN]).select_related(
        "council__community"
    )
    first = {}
    for t in topics.order_by("created_at"):
        first.setdefault(t.council.community.code, t)
    return [Target({"pk": t.pk}, area=t.council.community) for t in first.values()]


def _resolutions(world) -> list[Target]:
    from wulian.councils.models import Resolution

    return [
        Target({"pk": r.pk}, area=r.topic.council.community)
        for r in Resolution.objects.filter(topic__council__community__code=QINGYUAN).select_related(
            "topic__council__community"
        )
    ]


def _post(name, action, **kw):
    return UrlCase(
        name, action=action, method="post", targets=_topics, data=lambda w: {}, expect=302, **kw
    )


def _api_post(name, action, data):
    return UrlCase(
        name,
        action=action,
        api=True,
        method="post",
        targets=_topics,
        data=lambda w: data,
        expect=422,
    )


CASES = [
    UrlCase("councils:list", action="council.view", expect=200),
    UrlCase("councils:create", action="council.create", expect=200),
    UrlCase(
        "councils:create",
        action="council.create",
        method="post",
        data=lambda w: {"community": ""},
        expect=200,
    ),
    UrlCase("councils:export", action="council.export", expect=200),
    UrlCase("councils:my", action="council.view", expect=200),
    UrlCase("councils:detail", action="council.view", targets=_councils, expect=200),
    UrlCase("councils:member_add", action="council.manage", targets=_councils, expect=200),
    UrlCase("councils:session_create", action="council.manage", targets=_councils, expect=200),
    UrlCase("councils:topic_create", action="council.raise_topic", targets=_councils, expect=200),
    UrlCase("councils:topic_detail", action="council.view", targets=_topics, expect=200),
    _post("councils:topic_comment", "council.comment"),
    _post("councils:topic_open", "council.manage"),
    _post("councils:topic_vote", "council.vote"),
    _post("councils:topic_offline_vote", "council.record_vote"),
    _post("councils:topic_close", "council.manage"),
    _post("councils:topic_resolve", "council.manage"),
    UrlCase(
        "councils:resolution_project", action="council.manage", targets=_resolutions, expect=200
    ),
    UrlCase(
        "councils:resolution_action", action="council.manage", targets=_resolutions, expect=200
    ),
    # API
    UrlCase("api:councils_list", action="council.view", api=True, expect=200),
    UrlCase(
        "api:councils_create",
        action="council.create",
        api=True,
        method="post",
        data=lambda w: {"community": QINGYUAN},
        expect=422,
    ),
    UrlCase(
        "api:councils_member_add",
        action="council.manage",
        api=True,
        method="post",
        targets=_councils,
        data=lambda w: {"kind": "resident", "seat": 0},
        expect=422,
    ),
    UrlCase(
        "api:councils_session_create",
        action="council.manage",
        api=True,
        method="post",
        targets=_councils,
        data=lambda w: {"title": "", "held_at": "2025-09-01T19:00:00+08:00"},
        expect=422,
    ),
    _api_post(
        "api:councils_resolution_project",
        "council.manage",
        {"allocation": 999_999_999, "name": "", "category": "other", "budget": "1"},
    ),
    UrlCase("api:councils_detail", action="council.view", api=True, targets=_councils, expect=200),
    UrlCase(
        "api:councils_topic_list", action="council.view", api=True, targets=_councils, expect=200
    ),
    UrlCase(
        "api:councils_topic_create",
        action="council.raise_topic",
        api=True,
        method="post",
        targets=_councils,
        data=lambda w: {"title": ""},
        expect=422,
    ),
    UrlCase(
        "api:councils_topic_detail", action="council.view", api=True, targets=_topics, expect=200
    ),
    UrlCase("api:councils_my_seat", action="council.view", api=True, targets=_topics, expect=200),
    _api_post("api:councils_comment_create", "council.comment", {"body": ""}),
    _api_post("api:councils_topic_open", "council.manage", {"ballot": "open", "quorum": 999}),
    _api_post("api:councils_vote", "council.vote", {"choice": "yes"}),
    _api_post(
        "api:councils_offline_vote", "council.record_vote", {"member": 999_999_999, "choice": "yes"}
    ),
    _api_post("api:councils_topic_close", "council.manage", {}),
    _api_post("api:councils_topic_resolve", "council.manage", {"text": ""}),
]
