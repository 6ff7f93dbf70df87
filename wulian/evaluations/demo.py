"""Demo: a finished 2025 round over Chengdu (四川省住建厅 and 四川省疾控中心 named 先进单位),
and an open 2026 round for 黉门街社区 where the demo resident can answer the survey."""

import datetime as dt

from django.utils import timezone

from wulian.evaluations import services
from wulian.evaluations.models import Criterion, EvaluationRound, Score, Side
from wulian.evaluations.selectors import affiliations
from wulian.web.demo import CITY, HONGMENJIE

UNIT_CRITERIA = [
    ("共驻共建参与度", 30),
    ("资源开放共享", 25),
    ("服务群众实效", 30),
    ("党建联建活动", 15),
]
COMMUNITY_CRITERIA = [("服务驻区单位", 40), ("组织协调能力", 30), ("工作作风", 30)]
# The units' criteria scores (by their community and street), by demo org key.
UNIT_SCORES = {
    "housing_dept_prov": 97,
    "cdc": 96,
    "huaxi": 90,
    "library": 89,
    "museum": 88,
    "collectors": 82,
    "west_institute": 84,
    "qingyuan_pm": 78,
    "qingyuan_oc": 75,
    "zhiqiang_firm": 80,
}
STARS = {"housing_dept_prov": 5, "cdc": 5}  # others get 4


def _criteria():
    return [(Side.UNIT, n, w) for n, w in UNIT_CRITERIA] + [
        (Side.COMMUNITY, n, w) for n, w in COMMUNITY_CRITERIA
    ]


def load(world) -> None:
    o = world.orgs
    rnd = services.create_round(
        by=None,
        scope=world.areas[CITY],
        year=2025,
        weight_satisfaction=50,
        weight_criteria=30,
        weight_service=20,
        exemplary_share=20,
        exemplary_min=85,
        appeal_days=10,
    )
    services.set_criteria(round=rnd, by=None, criteria=_criteria())
    services.open_round(round=rnd, by=None)
    criteria = {c.side: [] for c in rnd.criteria.all()}
    for c in Criterion.objects.filter(round=rnd):
        criteria[c.side].append(c)
    raters = [
        "xihuamen",
        "qingyuan",
        "hongmenjie",
        "zhiqiang",
        "xiyuhe",
        "supo",
        "yulin",
        "qinglong",
    ]
    for key, base in UNIT_SCORES.items():
        unit = o[key]
        for rk in raters:
            rater = o[rk]
            if services.may_rate(rater, unit) != Side.UNIT:
                continue
            values = {c.pk: min(100, base + (i % 2)) for i, c in enumerate(criteria[Side.UNIT])}
            services.submit_scores(round=rnd, by=None, rater=rater, ratee=unit, values=values)
        for rk in raters:
            community = o[rk]
            if services.may_rate(unit, community) == Side.COMMUNITY:
                values = {c.pk: 88 + (i % 3) for i, c in enumerate(criteria[Side.COMMUNITY])}
                services.submit_scores(
                    round=rnd, by=None, rater=unit, ratee=community, values=values
                )
    by_area: dict[int, list] = {}
    for key in UNIT_SCORES:
        by_area.setdefault(o[key].area_id, []).append(key)
    for person in world.people.values():
        # Members of a unit's party organization (王建国 of 华西医院, 郑伟 of 疾控中心, 张敏 of the
        # library, 陈丽 of the museum …) answer for their community but do not rate their own unit.
        own = affiliations(person, [o[k].pk for k in by_area.get(person.home_area_id, [])])
        units = [k for k in by_area.get(person.home_area_id, []) if o[k].pk not in own]
        services.answer_survey(
            round=rnd,
            by=None,
            person=person,
            satisfaction=5 if person.pk % 2 else 4,
            unit_ratings={o[k].pk: STARS.get(k, 4) for k in units},
            today=dt.date(2025, 12, 10),
        )
    # Created and opened in November 2025, scored before the answers of 10 December, published in
    # January 2026 (the services stamp the time they run).
    tz = timezone.get_current_timezone()
    EvaluationRound.objects.filter(pk=rnd.pk).update(
        created_at=dt.datetime(2025, 11, 20, 10, tzinfo=tz),
        opened_at=dt.datetime(2025, 12, 1, 9, tzinfo=tz),
    )
    Score.objects.filter(round=rnd).update(updated_at=dt.datetime(2025, 12, 5, 16, tzinfo=tz))
    services.publish_round(round=rnd, by=None, now=dt.datetime(2026, 1, 15, 10, 0, tzinfo=tz))

    live = services.create_round(
        by=None,
        scope=world.areas[HONGMENJIE],
        year=2026,
        weight_satisfaction=60,
        weight_criteria=25,
        weight_service=15,
        appeal_days=7,
    )
    services.set_criteria(round=live, by=None, criteria=_criteria())
    services.open_round(round=live, by=None)
