"""Demo: 清源社区's council with a decided topic (vote closed, resolution), 西华门社区's council,
and 黉门街社区's council with a vote open to the demo resident and party member."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from wulian.core import counters
from wulian.councils import services
from wulian.councils.models import Council, Resolution
from wulian.funds.models import Allocation, FundKind
from wulian.web.demo import HONGMENJIE, QINGYUAN, XIHUAMEN, World


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _at_session(topics, held_at: dt.datetime) -> None:
    from wulian.councils.models import Topic, VoteCast

    Topic.objects.filter(pk__in=[t.pk for t in topics]).update(
        created_at=held_at - dt.timedelta(days=7),
        voting_opened_at=held_at + dt.timedelta(minutes=30),
        voting_closed_at=held_at + dt.timedelta(minutes=90),
    )
    VoteCast.objects.filter(topic__in=topics).update(cast_at=held_at + dt.timedelta(minutes=60))


def load(world: World) -> None:
    o, a, p = world.orgs, world.areas, world.people
    qingyuan = services.create_council(by=None, community=a[QINGYUAN])
    for seat, kind, who, title in [
        (1, "resident", p["sun_hua"], "议事长"),
        (2, "resident", p["zhou_jie"], ""),
        (3, "resident", p["liu_yang"], ""),
        (4, "unit", o["qingyuan_pm"], ""),
        (5, "social_org", o["west_institute"], ""),
        (6, "unit", o["qingyuan_oc"], ""),
    ]:
        services.add_member(
            by=None,
            council=qingyuan,
            kind=kind,
            seat=seat,
            title=title,
            person=who if kind == "resident" else None,
            org=None if kind == "resident" else who,
            joined_on=dt.date(2024, 1, 1),
        )
    session = services.create_session(
        by=None,
        council=qingyuan,
        title="2025年第三次居民议事会",
        held_at=_at(dt.date(2025, 9, 20), 19),
        place="清源社区党群服务中心",
    )
    topic = services.raise_topic(
        by=None,
        council=qingyuan,
        session=session,
        title="小区夜间停车位规划",
        description="清源小区夜间车辆乱停，占用消防通道，提议划定夜间停车位并由物业错时开放地面车位。",
    )
    members = list(qingyuan.members.order_by("seat"))
    services.open_voting(by=None, topic=topic, ballot="open", quorum=4)
    for member, choice in zip(members, ["yes", "yes", "yes", "yes", "abstain", "no"], strict=True):
        services.record_offline_vote(by=None, topic=topic, member=member, choice=choice)
    services.close_voting(by=None, topic=topic)
    topic.refresh_from_db()
    services.resolve_topic(
        by=None,
        topic=topic,
        decided_on=dt.date(2025, 9, 20),
        text="划定夜间停车位42个，物业错时开放地面车位，业委会监督执行；申请社区保障资金实施。",
    )
    secret = services.raise_topic(
        by=None,
        council=qingyuan,
        session=session,
        title="选定社区长寿食坊运营方",
        description="三家候选运营方，无记名表决。",
    )
    services.open_voting(by=None, topic=secret, ballot="secret", quorum=4)
    for member, choice in zip(members, ["yes", "yes", "no", "yes", "yes"], strict=False):
        services.record_offline_vote(by=None, topic=secret, member=member, choice=choice)
    services.close_voting(by=None, topic=secret)
    # Both topics were raised, voted on and closed at the session (the services stamp the time
    # they run; the demo dates them to the evening of 2025-09-20, before the resolution).
    _at_session([topic, secret], session.held_at)
    # The council was set up when its members joined (2024-01-01).
    counters.update(Council.objects.filter(pk=qingyuan.pk), created_at=_at(dt.date(2024, 1, 1), 9))

    xihuamen = services.create_council(by=None, community=a[XIHUAMEN])
    for seat, kind, who in [
        (1, "resident", p["zhao_qiang"]),
        (2, "resident", p["zhang_min"]),
        (3, "unit", o["library"]),
        (4, "unit", o["museum"]),
        (5, "social_org", o["collectors"]),
    ]:
        services.add_member(
            by=None,
            council=xihuamen,
            kind=kind,
            seat=seat,
            person=who if kind == "resident" else None,
            org=None if kind == "resident" else who,
        )
    services.raise_topic(
        by=None,
        council=xihuamen,
        title="院落文化墙设计方案",
        description="邀请成都博物馆参与设计西华门街院落文化墙。",
    )

    hongmenjie = services.create_council(by=None, community=a[HONGMENJIE])
    for seat, kind, who in [
        (1, "resident", p["li_xiuying"]),
        (2, "resident", p["wang_jianguo"]),
        (3, "resident", p["zheng_wei"]),
        (4, "unit", o["huaxi"]),
    ]:
        services.add_member(
            by=None,
            council=hongmenjie,
            kind=kind,
            seat=seat,
            person=who if kind == "resident" else None,
            org=None if kind == "resident" else who,
        )
    breakfast = services.raise_topic(
        by=None,
        council=hongmenjie,
        title="社区食堂增设早餐",
        description="老年居民希望社区食堂增设早餐，价格不高于8元。",
    )
    services.open_voting(by=None, topic=breakfast, ballot="open", quorum=3)


def late(world: World) -> None:
    """Once the funds are loaded: 清源社区's parking resolution becomes a project of its
    guarantee-fund allocation."""
    community = world.areas[QINGYUAN]
    allocation = (
        Allocation.objects.filter(community=community, fund__kind=FundKind.GUARANTEE)
        .order_by("pk")
        .first()
    )
    resolution = Resolution.objects.filter(
        topic__council__community=community, project__isnull=True
    ).first()
    if allocation is not None and resolution is not None:
        services.resolution_to_project(
            by=None,
            resolution=resolution,
            allocation=allocation,
            name="清源小区夜间停车位规划",
            category="safety",
            budget=Decimal("45000"),
            beneficiaries=1200,
        )
