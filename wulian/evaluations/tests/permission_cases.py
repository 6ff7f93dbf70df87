"""The permission matrix's rows for two-way evaluation: pages and API.

Targets: a draft round over 西华门社区 (with a pending appeal; area staff above it cover it), the
open 2026 round over 黉门街社区 (华西医院 is a unit inside it), and the finished 2025 city round's
breakdowns. Survey and verification pages are also open to residents *living in* a round's scope;
the matrix cannot express "lives in", so those cases use the 西华门 round only (the demo
resident and party member live in 黉门街), and residents' access is tested in test_pages.py.
"""

from wulian.web.demo import CITY, HONGMENJIE, XIHUAMEN
from wulian.web.testing import Target, UrlCase


def xihuamen_round(world):
    from wulian.evaluations.models import Appeal, EvaluationRound

    rnd, _ = EvaluationRound.objects.get_or_create(
        scope=world.areas[XIHUAMEN],
        year=2029,
        defaults={"title": "西华门社区2029年度双向评议（测试）"},
    )
    Appeal.objects.get_or_create(
        round=rnd, org=world.orgs["library"], defaults={"reason": "测试申诉"}
    )
    return rnd


def _live(world):
    from wulian.evaluations.models import EvaluationRound

    return EvaluationRound.objects.get(scope=world.areas[HONGMENJIE], year=2026)


def _city(world):
    from wulian.evaluations.models import EvaluationRound

    return EvaluationRound.objects.get(scope=world.areas[CITY], year=2025)


def _rounds(world):
    return [
        Target({"pk": xihuamen_round(world).pk}, area=world.areas[XIHUAMEN]),
        Target({"pk": _live(world).pk}, area=world.areas[HONGMENJIE], org=world.orgs["huaxi"]),
    ]


def _by_area(world):
    return [
        Target({"pk": xihuamen_round(world).pk}, area=world.areas[XIHUAMEN]),
        Target({"pk": _live(world).pk}, area=world.areas[HONGMENJIE]),
    ]


def _xihuamen_only(world):
    return [Target({"pk": xihuamen_round(world).pk}, area=world.areas[XIHUAMEN])]


def _breakdowns(world):
    rnd = _city(world)
    return [
        Target(
            {"pk": rnd.pk, "org_pk": world.orgs["housing_dept_prov"].pk}, area=world.areas[CITY]
        ),
        Target(
            {"pk": rnd.pk, "org_pk": world.orgs["huaxi"].pk},
            area=world.areas[CITY],
            org=world.orgs["huaxi"],
        ),
    ]


def _appeal(world):
    rnd = xihuamen_round(world)
    return [Target({"pk": rnd.pk, "appeal_pk": rnd.appeals.get().pk}, area=world.areas[XIHUAMEN])]


CASES = [
    UrlCase("evaluations:list", action="evaluation.view", expect=200),
    UrlCase("evaluations:create", action="evaluation.manage", expect=200),
    UrlCase(
        "evaluations:create",
        action="evaluation.manage",
        method="post",
        data=lambda w: {},
        expect=200,
    ),
    UrlCase("evaluations:detail", action="evaluation.view", targets=_rounds, expect=200),
    UrlCase(
        "evaluations:weights",
        action="evaluation.manage",
        method="post",
        targets=_by_area,
        expect=302,
    ),
    UrlCase(
        "evaluations:criteria",
        action="evaluation.manage",
        method="post",
        targets=_by_area,
        expect=302,
    ),
    UrlCase(
        "evaluations:open", action="evaluation.manage", method="post", targets=_by_area, expect=302
    ),
    UrlCase(
        "evaluations:publish",
        action="evaluation.manage",
        method="post",
        targets=_xihuamen_only,
        expect=302,
    ),
    UrlCase("evaluations:score", action="evaluation.score", targets=_rounds, expect=200),
    UrlCase("evaluations:survey", action="evaluation.survey", targets=_xihuamen_only, expect=200),
    UrlCase("evaluations:verify", action="evaluation.verify", targets=_xihuamen_only, expect=200),
    UrlCase("evaluations:export", action="evaluation.export", targets=_by_area, expect=200),
    UrlCase("evaluations:breakdown", action="evaluation.view", targets=_breakdowns, expect=200),
    UrlCase(
        "evaluations:appeal", action="evaluation.appeal", method="post", targets=_rounds, expect=302
    ),
    UrlCase(
        "evaluations:appeal_decide",
        action="evaluation.manage",
        method="post",
        targets=_appeal,
        expect=302,
    ),
    UrlCase("api:evaluation_round_list", action="evaluation.view", api=True, expect=200),
    UrlCase(
        "api:evaluation_round_detail",
        action="evaluation.view",
        api=True,
        targets=_rounds,
        expect=200,
    ),
    UrlCase(
        "api:evaluation_survey",
        action="evaluation.survey",
        api=True,
        method="post",
        targets=_xihuamen_only,
        data=lambda w: {"satisfaction": 9},
        expect=422,
    ),
    UrlCase(
        "api:evaluation_verify",
        action="evaluation.verify",
        api=True,
        targets=_xihuamen_only,
        expect=200,
    ),
]
