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


def district_tree():
    """A district's governance committee (``qingyang_gc``) over two streets' party organizations
    (``xiyuhe`` with a community, ``xihuamen``, and a unit there, ``library``; ``supo``), a street
    of another district (``yulin``), and the admins of the district, the first street and the
    community (``qingyang_admin``, ``xiyuhe_admin``, ``xihuamen_admin``) and the unit's contact
    (``library_contact``): the shape of the
    demo's 青羊区 for service tests that assign or supervise down the levels.

    ``tree.orgs["xiyuhe"]``, ``tree.users["qingyang_admin"]``."""
    from types import SimpleNamespace

    from wulian.areas.tests.factories import CommunityFactory, DistrictFactory, StreetFactory
    from wulian.orgs.tests.factories import GovernanceCommitteeFactory, UnitFactory

    district = DistrictFactory()
    gc = GovernanceCommitteeFactory(area=district)
    xiyuhe, supo = (PartyOrgFactory(leads=StreetFactory(parent=district)) for _ in range(2))
    xihuamen = PartyOrgFactory(leads=CommunityFactory(parent=xiyuhe.leads))
    orgs = {
        "qingyang_gc": gc,
        "xiyuhe": xiyuhe,
        "supo": supo,
        "xihuamen": xihuamen,
        "yulin": PartyOrgFactory(leads=StreetFactory()),
        "library": UnitFactory(area=xihuamen.leads),
    }
    users = {
        "qingyang_admin": UserFactory(role=RoleKind.DISTRICT_ADMIN, org=gc),
        "xiyuhe_admin": UserFactory(role=RoleKind.STREET_ADMIN, org=xiyuhe),
        "xihuamen_admin": UserFactory(role=RoleKind.COMMUNITY_ADMIN, org=xihuamen),
        "library_contact": UserFactory(role=RoleKind.UNIT_CONTACT, org=orgs["library"]),
    }
    return SimpleNamespace(district=district, orgs=orgs, users=users)
