"""The permission matrix's rows for funds: pages and API.

Targets: the city's 2025 guarantee fund; its allocations to 西华门社区 and 清源社区 and a project
under each (in scope for 西华门's staff and the levels above it, out of scope for the rest)."""

from wulian.web.demo import CITY, XIHUAMEN
from wulian.web.testing import Target, UrlCase


def _fund(world):
    from wulian.funds.models import Fund

    return Fund.objects.get(year=2025, kind="guarantee", area__code=CITY)


def _funds(world) -> list[Target]:
    return [Target({"pk": _fund(world).pk}, area=world.areas[CITY])]


def _sources(world) -> list[Target]:
    return [Target({"pk": _fund(world).sources.first().pk}, area=world.areas[CITY])]


def _allocation_objs(world):
    fund = _fund(world)
    return [
        fund.allocations.select_related("community").get(community__code=code)
        for code in (XIHUAMEN, "510105013011")
    ]


def _allocations(world) -> list[Target]:
    return [Target({"pk": a.pk}, area=a.community) for a in _allocation_objs(world)]


def _allocations_by_holder(world) -> list[Target]:
    """Corrections belong to the fund's holder: the target sits where the fund is held."""
    return [Target({"pk": a.pk}, area=world.areas[CITY]) for a in _allocation_objs(world)]


def _projects(world) -> list[Target]:
    return [
        Target({"pk": a.projects.first().pk}, area=a.community) for a in _allocation_objs(world)
    ]


def _project_data(world) -> dict:
    return {
        "allocation": _allocation_objs(world)[0].pk,
        "name": "",
        "category": "other",
        "budget": "1",
    }


CASES = [
    UrlCase("funds:fund_list", action="fund.view", expect=200),
    UrlCase("funds:fund_create", action="fund.create", expect=200),
    UrlCase(
        "funds:fund_create",
        action="fund.create",
        method="post",
        data=lambda w: {"year": ""},
        expect=200,
    ),
    UrlCase("funds:fund_detail", action="fund.view", targets=_funds, expect=200),
    UrlCase("funds:source_create", action="fund.add_source", targets=_funds, expect=200),
    UrlCase("funds:allocation_create", action="fund.allocate", targets=_funds, expect=200),
    UrlCase(
        "funds:allocation_create",
        action="fund.allocate",
        method="post",
        targets=_funds,
        data=lambda w: {"community": XIHUAMEN, "amount": "-1", "allocated_on": "2025-05-01"},
        expect=200,
    ),
    UrlCase("funds:allocation_list", action="fund.view", expect=200),
    UrlCase("funds:allocation_export", action="fund.export", expect=200),
    UrlCase("funds:allocation_detail", action="fund.view", targets=_allocations, expect=200),
    UrlCase("funds:allocation_pdf", action="fund.view", targets=_allocations, expect=200),
    UrlCase(
        "funds:allocation_return",
        action="fund.correct",
        method="post",
        targets=_allocations_by_holder,
        data=lambda w: {"amount": "-1", "reason": "x"},
        expect=302,
    ),
    UrlCase("funds:project_create", action="project.create", targets=_allocations, expect=200),
    UrlCase("funds:project_list", action="project.view", expect=200),
    UrlCase("funds:project_export", action="fund.export", expect=200),
    UrlCase("funds:project_detail", action="project.view", targets=_projects, expect=200),
    UrlCase(
        "funds:project_advance",
        action="project.advance",
        method="post",
        targets=_projects,
        data=lambda w: {"to_status": "planned"},
        expect=302,
    ),
    UrlCase(
        "funds:project_spend",
        action="project.spend",
        method="post",
        targets=_projects,
        data=lambda w: {"amount": "-1", "reason": "x"},
        expect=302,
    ),
    UrlCase("funds:facility_create", action="facility.create", targets=_projects, expect=200),
    UrlCase("funds:facility_list", action="project.view", expect=200),
    UrlCase("funds:facility_export", action="fund.export", expect=200),
    UrlCase("funds:report", action="fund.view", expect=200),
    UrlCase("funds:report_export", action="fund.export", expect=200),
    # API
    UrlCase("api:funds_fund_list", action="fund.view", api=True, expect=200),
    UrlCase("api:funds_fund_detail", action="fund.view", api=True, targets=_funds, expect=200),
    UrlCase(
        "api:funds_fund_create",
        action="fund.create",
        api=True,
        method="post",
        data=lambda w: {"year": 2025, "kind": "guarantee", "area": CITY},
        expect=422,
    ),
    UrlCase(
        "api:funds_source_create",
        action="fund.add_source",
        api=True,
        method="post",
        targets=_funds,
        data=lambda w: {
            "department": w.orgs["dept_civil"].pk,
            "amount": "0",
            "received_on": "2025-01-01",
        },
        expect=422,
    ),
    UrlCase(
        "api:funds_allocation_create",
        action="fund.allocate",
        api=True,
        method="post",
        targets=_funds,
        data=lambda w: {"community": XIHUAMEN, "amount": "0", "allocated_on": "2025-05-01"},
        expect=422,
    ),
    UrlCase("api:funds_allocation_list", action="fund.view", api=True, expect=200),
    UrlCase(
        "api:funds_allocation_detail",
        action="fund.view",
        api=True,
        targets=_allocations,
        expect=200,
    ),
    UrlCase(
        "api:funds_allocation_return",
        action="fund.correct",
        api=True,
        method="post",
        targets=_allocations_by_holder,
        data=lambda w: {"amount": "0", "reason": "x"},
        expect=422,
    ),
    UrlCase("api:funds_project_list", action="project.view", api=True, expect=200),
    UrlCase(
        "api:funds_project_detail", action="project.view", api=True, targets=_projects, expect=200
    ),
    UrlCase(
        "api:funds_project_create",
        action="project.create",
        api=True,
        method="post",
        data=_project_data,
        expect=422,
    ),
    UrlCase(
        "api:funds_project_advance",
        action="project.advance",
        api=True,
        method="post",
        targets=_projects,
        data=lambda w: {"to_status": "planned"},
        expect=422,
    ),
    UrlCase(
        "api:funds_project_spend",
        action="project.spend",
        api=True,
        method="post",
        targets=_projects,
        data=lambda w: {"amount": "0", "reason": "x"},
        expect=422,
    ),
    UrlCase(
        "api:funds_facility_create",
        action="facility.create",
        api=True,
        method="post",
        targets=_projects,
        data=lambda w: {"kind": "other", "name": "", "place": ""},
        expect=422,
    ),
    UrlCase("api:funds_facility_list", action="project.view", api=True, expect=200),
    UrlCase(
        "api:funds_project_correct_spending",
        action="project.spend",
        api=True,
        method="post",
        targets=_projects,
        data=lambda w: {"amount": "0", "reason": "x"},
        expect=422,
    ),
    UrlCase(
        "api:funds_source_correct",
        action="fund.correct",
        api=True,
        method="post",
        targets=_sources,
        data=lambda w: {"amount": "0", "reason": "x"},
        expect=422,
    ),
    UrlCase("api:funds_report", action="fund.view", api=True, expect=200),
]
