"""Funds built through ``funds.services`` by the system: a city's guarantee fund for 2031 holding
100,000 yuan from one new department, an allocation of 50,000 to a new community of that city
(with the party organization leading it), and a planned livelihood project of 40,000 under it.

    fund = FundFactory()                                   # 100,000.00 yuan available
    allocation = AllocationFactory(fund=fund, amount="20000")
    project = ProjectFactory(allocation=allocation, status="approved")   # advanced step by step
"""

import datetime as dt
from decimal import Decimal

import factory

from wulian.areas.tests.factories import (
    CityFactory,
    CommunityFactory,
    DistrictFactory,
    StreetFactory,
)
from wulian.funds import services
from wulian.funds.models import Allocation, Fund, Project, ProjectStatus
from wulian.orgs.tests.factories import DepartmentFactory, PartyOrgFactory

_STEPS = [ProjectStatus.APPROVED, ProjectStatus.IN_PROGRESS, ProjectStatus.ACCEPTED]


class FundFactory(factory.Factory):
    class Meta:
        model = Fund

    area = factory.SubFactory(CityFactory)
    year = 2031
    kind = "guarantee"
    amount = Decimal("100000")  # received from ``department`` on 10 January of the year
    department = factory.LazyAttribute(lambda f: DepartmentFactory(area=f.area))

    @classmethod
    def _create(cls, model_class, *, amount, department, **kwargs) -> Fund:
        fund = services.create_fund(by=None, **kwargs)
        if amount:
            services.add_fund_source(
                by=None,
                fund=fund,
                department=department,
                amount=amount,
                received_on=dt.date(fund.year, 1, 10),
            )
        return fund

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("a fund is created by the service: use FundFactory() (create)")


def _community_in(area):
    """A new community under ``area`` (a city or a district), led by a new party organization."""
    district = area if area.level == "district" else DistrictFactory(parent=area)
    community = CommunityFactory(parent=StreetFactory(parent=district))
    PartyOrgFactory(leads=community)
    return community


class AllocationFactory(factory.Factory):
    class Meta:
        model = Allocation

    fund = factory.SubFactory(FundFactory)
    community = factory.LazyAttribute(lambda a: _community_in(a.fund.area))
    amount = Decimal("50000")
    allocated_on = dt.date(2031, 2, 1)
    purpose = ""

    @classmethod
    def _create(cls, model_class, **kwargs) -> Allocation:
        return services.allocate(by=None, **kwargs)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError(
            "an allocation is made by the service: use AllocationFactory() (create)"
        )


class ProjectFactory(factory.Factory):
    class Meta:
        model = Project

    allocation = factory.SubFactory(AllocationFactory)
    name = factory.Sequence(lambda n: f"测试项目{n}")
    category = "livelihood"
    budget = Decimal("40000")
    beneficiaries = 0
    status = ProjectStatus.PLANNED  # reached through advance_project, one step at a time

    @classmethod
    def _create(cls, model_class, *, status, **kwargs) -> Project:
        project = services.create_project(by=None, **kwargs)
        for step in _STEPS[: _STEPS.index(status) + 1] if status in _STEPS else []:
            project = services.advance_project(by=None, project=project, to_status=step)
        return project

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError(
            "a project is created by the service: use ProjectFactory() (create)"
        )
