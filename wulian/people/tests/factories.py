"""A person registered through ``people.services.create_person`` (phone encrypted and indexed,
as the platform stores it): a resident of a new community, no ID number, not a party member.

    person = PersonFactory(home_area=community, is_party_member=True, party_org=unit)
"""

import factory

from wulian.areas.tests.factories import CommunityFactory
from wulian.people import services
from wulian.people.models import Person


class PersonFactory(factory.Factory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"测试居民{n}")
    phone = factory.Sequence(lambda n: f"1390{n % 10_000_000:07d}")
    home_area = factory.SubFactory(CommunityFactory)
    id_number = ""
    is_party_member = False
    party_org = None
    skills = ""
    address = ""

    @classmethod
    def _create(cls, model_class, **kwargs) -> Person:
        return services.create_person(by=None, **kwargs)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("a person is made by the service: use PersonFactory() (create)")
