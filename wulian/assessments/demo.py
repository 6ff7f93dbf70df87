"""Demo: 青羊区's 政绩考核 of its streets for this year — four indicators read from the platform's
figures and one scored by the district — with 西御河街道's secretary's 述职 report, evaluated 好."""

from django.utils import timezone

from wulian.assessments import services
from wulian.assessments.models import IndicatorSystem
from wulian.web.demo import QINGYANG

INDICATORS = [
    {"name": "服务群众需求", "weight": 20, "source": "needs_served"},
    {"name": "共建协议履约", "weight": 20, "source": "agreements_fulfilled"},
    {"name": "限期整改按期完成", "weight": 15, "source": "rectifications_on_time"},
    {"name": "群众满意度", "weight": 30, "source": "satisfaction"},
    {"name": "党建引领基层治理实绩", "weight": 15, "source": "manual"},
]


def load(world) -> None:
    if IndicatorSystem.objects.exists():
        return
    o, u = world.orgs, world.users
    year = timezone.localdate().year
    system = services.create_system(by=u["qingyang_admin"], area=world.areas[QINGYANG], year=year)
    indicators = services.set_indicators(
        by=u["qingyang_admin"], system=system, indicators=INDICATORS
    )
    services.score_manual(
        by=u["qingyang_admin"],
        indicator=indicators[-1],
        scores={o["xiyuhe"].pk: "92", o["supo"].pk: "88.5"},
    )
    report = services.submit_report(
        by=u["xiyuhe_admin"],
        org=o["xiyuhe"],
        year=year,
        secretary="王建华",
        text=(
            "一年来，街道党工委坚持党建引领城乡社区发展治理，推动驻区单位与社区组织联建、条块联管、利益联结、"
            "责任联动：召开党建联席会议，化解物业矛盾纠纷；与四川省图书馆、成都博物馆组建党建文博联盟，"
            "开展坝坝党课和流动红色讲堂；落实一月一现场会制度。存在的不足：部分驻区单位履约不够均衡。"
        ),
    )
    services.evaluate_report(
        by=u["qingyang_admin"],
        report=report,
        grade="excellent",
        score="95",
        comment="联建共建成效明显，群众满意度高。",
    )
