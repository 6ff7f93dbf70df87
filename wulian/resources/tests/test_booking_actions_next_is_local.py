"""A booking row action goes back to the posted ``next`` page only when it is a local path; a
hostile or malformed value (a word, a number, another site) goes to the booking's page, never to
a 500 and never off the site."""

import pytest
from django.urls import reverse

from wulian.resources import services
from wulian.resources.tests.conftest import at

HOSTILE = [
    "abc",
    "42",
    "//evil.example/x",
    "https://evil.example/",
    "/\\evil.example/",
    "resources:list",
]


@pytest.fixture
def booking(world, make_resource, clock):
    hall = make_resource(name="多功能厅", kind="venue", capacity=1, requires_approval=True)
    return services.book_resource(
        resource=hall, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )


@pytest.mark.parametrize("action", ["resources:check_in", "resources:reject"])
@pytest.mark.parametrize("next_url", HOSTILE)
def test_a_hostile_next_goes_to_the_booking_page(client, login, booking, action, next_url):
    login("huaxi_contact")
    response = client.post(reverse(action, args=[booking.pk]), {"next": next_url, "note": "x"})
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("resources:booking_detail", args=[booking.pk]),
    )


def test_a_local_next_is_followed(client, login, booking):
    login("huaxi_contact")
    response = client.post(
        reverse("resources:reject", args=[booking.pk]), {"next": "/resources/bookings/?page=2"}
    )
    assert (response.status_code, response["Location"]) == (302, "/resources/bookings/?page=2")
