"""Councils (居民议事会) built through ``councils.services`` by the system: a new community's
council, and a resident member living there in the next free seat.

    council = CouncilFactory()
    member = ResidentMemberFactory(council=council)              # seat 1, a new resident
    member = ResidentMemberFactory(council=council, seat=3, person=person)
"""

import factory

from wulian.areas.tests.factories import CommunityFactory
from wulian.councils import services
from wulian.councils.models import Council, CouncilMember, MemberKind
from wulian.people.tests.factories import PersonFactory


class CouncilFactory(factory.Factory):
    class Meta:
        model = Council

    community = factory.SubFactory(CommunityFactory)
    name = ""  # the service names it after its community

    @classmethod
    def _create(cls, model_class, **kwargs) -> Council:
        return services.create_council(by=None, **kwargs)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError(
            "a council is created by the service: use CouncilFactory() (create)"
        )


class ResidentMemberFactory(factory.Factory):
    class Meta:
        model = CouncilMember

    council = factory.SubFactory(CouncilFactory)
    kind = MemberKind.RESIDENT
    seat = factory.LazyAttribute(lambda m: m.council.members.count() + 1)
    person = factory.LazyAttribute(lambda m: PersonFactory(home_area=m.council.community))

    @classmethod
    def _create(cls, model_class, **kwargs) -> CouncilMember:
        return services.add_member(by=None, **kwargs)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError(
            "a member is added by the service: use ResidentMemberFactory() (create)"
        )
