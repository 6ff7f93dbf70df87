"""Alliances and part-time members built through ``alliances.services`` by the system.

An alliance is led by the party organization leading a new community (made with it), founded
on 1 January 2031, with no member orgs. A part-time member is a new person from a new unit of
that community serving on its committee as 兼职委员 from 2030 to 2032.

    alliance = AllianceFactory(members=[UnitFactory(area=community)])
    member = PartTimeMemberFactory(committee=leader)      # ``leader`` leads a street or community
"""

import datetime as dt

import factory

from wulian.alliances import services
from wulian.alliances.models import Alliance, PartTimeMember
from wulian.orgs.tests.factories import PartyOrgFactory, UnitFactory
from wulian.people.tests.factories import PersonFactory


class AllianceFactory(factory.Factory):
    class Meta:
        model = Alliance

    name = factory.Sequence(lambda n: f"测试联盟{n}")
    lead_org = factory.SubFactory(PartyOrgFactory)
    founded_on = dt.date(2031, 1, 1)
    members = ()

    @classmethod
    def _create(cls, model_class, **kwargs) -> Alliance:
        return services.create_alliance(by=None, **kwargs)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError(
            "an alliance is created by the service: use AllianceFactory() (create)"
        )


class PartTimeMemberFactory(factory.Factory):
    class Meta:
        model = PartTimeMember

    committee = factory.SubFactory(PartyOrgFactory)
    unit = factory.LazyAttribute(lambda m: UnitFactory(area=m.committee.leads))
    person = factory.LazyAttribute(lambda m: PersonFactory(home_area=m.committee.leads))
    post = "兼职委员"
    duties = ""
    term_start = dt.date(2030, 1, 1)
    term_end = dt.date(2032, 12, 31)

    @classmethod
    def _create(cls, model_class, **kwargs) -> PartTimeMember:
        return services.appoint_part_time_member(by=None, **kwargs)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError(
            "a part-time member is appointed by the service: use PartTimeMemberFactory()"
        )
