"""Factories for organizations: a unit located in a community, the party organization that
leads an area, a governance committee and a department (条线).

    unit = UnitFactory()                            # 事业单位 in a new community
    leader = PartyOrgFactory(leads=community)       # 社区党委 of that community

Created through ``orgs.services.create_org`` by the system, so the counters count them.
"""

import factory

from wulian.areas.tests.factories import CityFactory, CommunityFactory
from wulian.orgs.models import Kind, Org, PartyBody


class UnitFactory(factory.django.DjangoModelFactory):
    """A resident unit (驻区单位): a public institution with a party branch, no line, no code."""

    class Meta:
        model = Org

    @classmethod
    def _create(cls, model_class, **kwargs) -> Org:
        from wulian.orgs.services import create_org

        return create_org(by=None, **kwargs)

    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = Kind.PUBLIC_INSTITUTION
    area = factory.SubFactory(CommunityFactory)
    party_body = PartyBody.BRANCH


class PartyOrgFactory(UnitFactory):
    """The party organization that leads ``leads`` (by default a new community), located there."""

    name = factory.LazyAttribute(lambda o: f"{o.leads.name}党组织")
    kind = Kind.PARTY_ORG
    leads = factory.SubFactory(CommunityFactory)
    area = factory.SelfAttribute("leads")
    party_body = PartyBody.COMMITTEE


class GovernanceCommitteeFactory(UnitFactory):
    """城乡社区发展治理委员会 of a city or district (``area``); area roles of that level sit here."""

    name = factory.LazyAttribute(lambda o: f"{o.area.name}城乡社区发展治理委员会")
    kind = Kind.GOVERNANCE_COMMITTEE
    area = factory.SubFactory(CityFactory)
    party_body = PartyBody.COMMITTEE


class DepartmentFactory(UnitFactory):
    name = factory.Sequence(lambda n: f"测试局{n}")
    kind = Kind.DEPARTMENT
    area = factory.SubFactory(CityFactory)
    party_body = PartyBody.COMMITTEE
