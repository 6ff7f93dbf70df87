"""Demo: 西华门社区's 党建文博联盟 with its activities, and part-time committee members from
resident units with the activities they led."""

import datetime as dt

from wulian.alliances import services
from wulian.web.demo import World


def load(world: World) -> None:
    o = world.orgs
    alliance = services.create_alliance(
        by=None,
        name="党建文博联盟",
        lead_org=o["xihuamen"],
        founded_on=dt.date(2017, 6, 1),
        description="西华门社区党委牵头，四川省图书馆、成都博物馆、四川省收藏家协会共建，推动文博资源进社区。",
        members=[o["library"], o["museum"], o["collectors"]],
    )
    for kind, title, day, place, count, people, orgs in [
        (
            "co_building",
            "联盟成员单位支部共建签约",
            dt.date(2025, 3, 12),
            "西华门社区党群服务中心",
            36,
            [],
            ["library", "museum", "collectors"],
        ),
        (
            "co_hosting",
            "“文博讲堂”进社区：蜀锦里的成都",
            dt.date(2025, 5, 18),
            "成都博物馆学术报告厅",
            0,
            ["zhang_min", "chen_li", "zhao_qiang"],
            ["museum"],
        ),
        (
            "co_hosting",
            "全民阅读月·亲子共读",
            dt.date(2025, 4, 23),
            "四川省图书馆少儿馆",
            86,
            ["zhang_min"],
            ["library"],
        ),
        (
            "sharing",
            "收藏家协会藏品社区巡展",
            dt.date(2025, 9, 6),
            "西华门社区文化活动室",
            240,
            [],
            ["collectors"],
        ),
    ]:
        services.record_alliance_activity(
            by=None,
            alliance=alliance,
            kind=kind,
            title=title,
            held_on=day,
            place=place,
            attendance=count or None,
            attendees=[world.people[p] for p in people],
            orgs=[o[k] for k in orgs],
        )

    services.create_alliance(
        by=None,
        name="清源法律服务联盟",
        lead_org=o["qingyuan"],
        founded_on=dt.date(2021, 3, 1),
        description="清源社区党委牵头，四川西部发展研究院、物业服务企业共建，开展法律咨询和物业矛盾调解。",
        members=[o["west_institute"], o["qingyuan_pm"]],
    )

    # Leaders of resident units among the demo's people (the foundation's people tests count them,
    # so no new Person rows here).
    today = world.today
    he, tang, luo = world.people["zhang_min"], world.people["chen_li"], world.people["wang_jianguo"]
    posts = [
        (
            he,
            "library",
            "xihuamen",
            "兼职副书记",
            "统筹文博资源进社区，牵头联盟共建活动",
            dt.date(2023, 1, 1),
            today + dt.timedelta(days=20),
        ),  # ends soon: the nightly job reminds
        (
            tang,
            "museum",
            "xiyuhe",
            "兼职委员",
            "街道文化阵地建设、讲解志愿服务",
            dt.date(2024, 1, 1),
            dt.date(2026, 12, 31),
        ),
        (
            luo,
            "huaxi",
            "hongmenjie",
            "兼职委员",
            "社区健康服务、义诊和健康讲座",
            dt.date(2024, 7, 1),
            dt.date(2027, 6, 30),
        ),
    ]
    members = []
    for who, unit, committee, post, duties, start, end in posts:
        members.append(
            services.appoint_part_time_member(
                by=None,
                person=who,
                unit=o[unit],
                committee=o[committee],
                post=post,
                duties=duties,
                term_start=start,
                term_end=max(end, start),
            )
        )
    for member, title, day, place, count in [
        (members[0], "坝坝党课：红色文献里的初心", dt.date(2025, 6, 28), "西华门社区院坝", 65),
        (members[0], "流动红色讲堂进院落", dt.date(2025, 7, 15), "西华门街8号院", 42),
        (members[1], "流动红色讲堂：博物馆里的党史", dt.date(2025, 6, 30), "成都博物馆", 120),
        (members[2], "坝坝党课：健康中国与基层党建", dt.date(2025, 8, 9), "黉门街社区广场", 80),
    ]:
        services.record_led_activity(
            by=None, member=member, title=title, held_on=day, place=place, attendance=count
        )
