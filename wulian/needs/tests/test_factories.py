"""NeedFactory posts through the service: the need sits in its poster's community."""

import pytest

from wulian.needs.models import State
from wulian.needs.tests.factories import NeedFactory

pytestmark = pytest.mark.django_db


def test_a_need_is_posted_in_the_posters_community_with_its_street_and_district():
    need = NeedFactory()
    community = need.poster.person.home_area
    assert (need.state, need.posted_by, need.area, need.community) == (
        State.POSTED,
        need.poster.person,
        community,
        community,
    )
    assert (need.street, need.district) == (community.parent, community.parent.parent)
