"""Accounts with one role, granted through ``accounts.services.grant_role`` (so a role sits only
where the platform allows it).

    staff = UserFactory(role=RoleKind.STREET_STAFF, org=PartyOrgFactory(leads=street))
    resident = ResidentFactory(person__home_area=community)   # person + resident role there
    unit_contact = UserFactory(role=RoleKind.UNIT_CONTACT, org=UnitFactory())

Without ``role`` an account has no role at all. The password is ``PASSWORD``.
"""

import factory

from wulian.accounts.models import RoleKind, User
from wulian.accounts.services import grant_role
from wulian.orgs.tests.factories import PartyOrgFactory
from wulian.people.tests.factories import PersonFactory

PASSWORD = "测试口令-Factory-1"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    role = None  # a RoleKind, granted at ``org`` (no org for the 三员); not a field of User
    org = None
    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.LazyAttribute(lambda u: u.username)
    person = None
    password = factory.django.Password(PASSWORD)

    @classmethod
    def _create(cls, model_class, *args, role=None, org=None, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        if role is not None:
            grant_role(user=user, kind=role, org=org, by=None)
        return user


def _home_leader(user) -> object:
    """The party organization leading the person's home community (made if it has none)."""
    from wulian.orgs.models import Org

    community = user.person.home_area
    return Org.objects.filter(leads=community).first() or PartyOrgFactory(leads=community)


class ResidentFactory(UserFactory):
    """A resident (居民) linked to a person, with the role at their home community's party org."""

    person = factory.SubFactory(PersonFactory)
    role = RoleKind.RESIDENT
    org = factory.LazyAttribute(_home_leader)


class PartyMemberFactory(ResidentFactory):
    """A party member (党员) whose party organization is ``person.party_org``."""

    person = factory.SubFactory(PersonFactory, is_party_member=True)
    role = RoleKind.PARTY_MEMBER
