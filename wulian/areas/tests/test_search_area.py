"""The area filter of every list: a visible code keeps its subtree, any other code keeps nothing."""

import pytest

from wulian.accounts.models import User
from wulian.areas.models import Area
from wulian.areas.selectors import search_area, visible_areas


@pytest.fixture
def staff(world):
    return User.objects.get(username="xihuamen_admin")


@pytest.mark.django_db
def test_search_area_without_a_code_filters_nothing(staff):
    assert search_area(staff, "") is None
    assert search_area(staff, None) is None


@pytest.mark.django_db
def test_search_area_finds_a_visible_area_by_its_code_with_spaces_around(staff):
    area = visible_areas(staff).order_by("code").last()

    assert search_area(staff, f" {area.code} ") == area


@pytest.mark.django_db
@pytest.mark.parametrize("outside", [True, False])
def test_search_area_for_an_unknown_or_out_of_scope_code_matches_no_subtree(staff, outside):
    code = (
        Area.objects.exclude(pk__in=visible_areas(staff).values("pk")).first().code
        if outside
        else "999999999999"
    )

    found = search_area(staff, code)

    assert (found.pk, found.path) == (None, "-none-")
    assert Area.objects.filter(path__startswith=found.path).count() == 0
