"""The permission matrix's rows for cases: pages and API. Targets (demo): an open case in 清源社区
(苏坡街道) and a resolved one in 西华门社区 (西御河街道)."""

from wulian.cases.models import Case
from wulian.web.demo import XIHUAMEN
from wulian.web.testing import Target, UrlCase


def _cases(world) -> list[Target]:
    return [
        Target({"pk": c.pk}, area=c.area)
        for c in Case.objects.select_related("area").filter(
            title__in=["清源小区电梯维修资金使用争议", "西华门街老旧院落物业撤场后无人管理"]
        )
    ]


def _reported(world) -> list[Target]:
    """李秀英's own report (resident_demo) and 孙华's (no login): each is in its reporter's scope only."""
    return [
        Target({"pk": c.pk}, person=c.reporter)
        for c in Case.objects.select_related("reporter").filter(
            title__in=["黉门街小区楼下垃圾桶满溢", "清源小区消防通道被占用"]
        )
    ]


BAD_CASE = {"area": XIHUAMEN, "category": "other", "title": "", "description": ""}

CASES = [
    UrlCase("cases:list", action="case.view", expect=200),
    UrlCase("cases:create", action="case.create", expect=200),
    UrlCase(
        "cases:create",
        action="case.create",
        method="post",
        data=lambda w: {"title": ""},
        expect=200,
    ),
    UrlCase("cases:export", action="case.export", expect=200),
    UrlCase("cases:import", action="case.import", expect=200),
    UrlCase("cases:import", action="case.import", method="post", data=lambda w: {}, expect=200),
    UrlCase("cases:import_template", action="case.import", expect=200),
    UrlCase("cases:report", action="case.report", expect=200),
    UrlCase(
        "cases:report",
        action="case.report",
        method="post",
        data=lambda w: {"title": ""},
        expect=200,
    ),
    UrlCase("cases:stats", action="case.view", expect=200),
    UrlCase("cases:mine_list", action="case.follow", expect=200),
    UrlCase("cases:mine_detail", action="case.follow", targets=_reported, expect=200),
    UrlCase("cases:detail", action="case.view", targets=_cases, expect=200),
    UrlCase("cases:resolve", action="case.resolve", targets=_cases, expect=200),
    UrlCase(
        "cases:resolve",
        action="case.resolve",
        method="post",
        targets=_cases,
        data=lambda w: {},
        expect=200,
    ),
    UrlCase("api:case_list", action="case.view", api=True, expect=200),
    UrlCase(
        "api:case_create",
        action="case.create",
        api=True,
        method="post",
        data=lambda w: BAD_CASE,
        expect=422,
    ),
    UrlCase(
        "api:case_report",
        action="case.report",
        api=True,
        method="post",
        data=lambda w: {"category": "other", "title": "", "description": ""},
        expect=422,
    ),
    UrlCase("api:case_stats", action="case.view", api=True, expect=200),
    UrlCase("api:case_mine_list", action="case.follow", api=True, expect=200),
    UrlCase("api:case_mine_detail", action="case.follow", api=True, targets=_reported, expect=200),
    UrlCase("api:case_detail", action="case.view", api=True, targets=_cases, expect=200),
    UrlCase(
        "api:case_resolve",
        action="case.resolve",
        api=True,
        method="post",
        targets=_cases,
        data=lambda w: {"resolution": "", "method": "other"},
        expect=422,
    ),
]
