"""The factories make a small world of their own, beside the demo and outside its Chengdu."""

import pytest

from wulian.accounts.models import RoleKind
from wulian.accounts.selectors import scope_for
from wulian.accounts.tests.factories import PartyMemberFactory, ResidentFactory, UserFactory
from wulian.areas.models import Level
from wulian.areas.tests.factories import CommunityFactory, GridFactory
from wulian.orgs.tests.factories import GovernanceCommitteeFactory, PartyOrgFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_a_grid_hangs_under_a_community_street_district_and_city_of_its_own():
    grid = GridFactory()
    community = grid.parent
    street = community.parent
    district = street.parent
    city = district.parent
    assert [a.level for a in (city, district, street, community, grid)] == [
        Level.CITY,
        Level.DISTRICT,
        Level.STREET,
        Level.COMMUNITY,
        Level.GRID,
    ]
    assert grid.path == f"{city.code}/{district.code}/{street.code}/{community.code}/{grid.code}/"
    assert [len(a.code) for a in (city, district, street, community, grid)] == [12, 12, 12, 12, 15]
    assert city.code.startswith("9")
    assert community.code.startswith(city.code[:4])
    assert grid.depth == 4


def test_street_staff_see_their_street_and_not_the_next_one():
    community = CommunityFactory()
    neighbour = CommunityFactory(parent__parent=community.parent.parent)
    staff = UserFactory(role=RoleKind.STREET_STAFF, org=PartyOrgFactory(leads=community.parent))
    scope = scope_for(staff)
    assert (scope.covers_path(community.path), scope.covers_path(neighbour.path)) == (True, False)


def test_district_staff_sit_at_the_districts_governance_committee():
    community = CommunityFactory()
    district = community.parent.parent
    staff = UserFactory(role=RoleKind.DISTRICT_STAFF, org=GovernanceCommitteeFactory(area=district))
    assert list(staff.roles.values_list("kind", flat=True)) == [RoleKind.DISTRICT_STAFF]
    assert scope_for(staff).covers_path(community.path) is True


def test_a_resident_is_linked_to_a_person_of_their_community_and_has_no_other_role():
    resident = ResidentFactory()
    role = resident.roles.get()
    assert (role.kind, role.org.leads) == (RoleKind.RESIDENT, resident.person.home_area)
    assert resident.person.is_party_member is False


def test_a_party_member_belongs_to_the_party_org_given():
    unit = UnitFactory()
    member = PartyMemberFactory(person__party_org=unit)
    assert (member.person.is_party_member, member.person.party_org) == (True, unit)
    assert list(member.roles.values_list("kind", flat=True)) == [RoleKind.PARTY_MEMBER]


def test_an_account_without_a_role_has_none():
    assert UserFactory().roles.count() == 0
