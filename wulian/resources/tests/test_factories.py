"""ResourceFactory publishes through the service: an open venue of a unit, in the unit's area."""

import pytest

from wulian.resources.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_a_resource_is_an_open_venue_of_its_unit_in_the_units_area():
    resource = ResourceFactory()
    assert (resource.kind, resource.capacity, resource.is_open, resource.requires_approval) == (
        "venue",
        1,
        True,
        False,
    )
    assert resource.area == resource.org.area
