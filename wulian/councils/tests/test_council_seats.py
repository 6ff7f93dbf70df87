"""Who may sit on a council, and where: built on factories (no demo world)."""

import pytest
from django.core.exceptions import ValidationError

from wulian.areas.tests.factories import CityFactory, CommunityFactory
from wulian.councils import services
from wulian.councils.models import Council, CouncilMember
from wulian.councils.tests.factories import CouncilFactory, ResidentMemberFactory
from wulian.orgs.tests.factories import UnitFactory
from wulian.people.tests.factories import PersonFactory


@pytest.fixture
def council(db):
    council = CouncilFactory()
    ResidentMemberFactory.create_batch(2, council=council)
    return council


def test_a_resident_from_another_community_cannot_take_a_resident_seat(council):
    elsewhere = PersonFactory(name="陈丽", home_area=CommunityFactory())
    with pytest.raises(ValidationError) as exc:
        services.add_member(by=None, council=council, kind="resident", seat=9, person=elsewhere)
    assert exc.value.message_dict == {
        "person": [f"陈丽不住在{council.community.name}，不能担任居民代表。"]
    }
    assert council.members.count() == 2


def test_a_seat_holds_one_member(council):
    with pytest.raises(ValidationError) as exc:
        services.add_member(
            by=None, council=council, kind="unit", seat=1, org=UnitFactory(area=council.community)
        )
    assert exc.value.message_dict == {"seat": ["1号席位已有成员。"]}
    assert list(
        CouncilMember.objects.filter(council=council)
        .values_list("seat", flat=True)
        .order_by("seat")
    ) == [1, 2]


def test_one_council_per_community(council):
    with pytest.raises(ValidationError):
        services.create_council(by=None, community=council.community)
    with pytest.raises(ValidationError):
        services.create_council(by=None, community=CityFactory())
    assert Council.objects.filter(community=council.community).count() == 1
