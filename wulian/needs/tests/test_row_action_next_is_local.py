"""A need row action goes back to the posted ``next`` page only when it is a local path; a word,
a number or another site's address goes to the need's page, never to a 500 or off the site."""

import pytest
from django.urls import reverse

from wulian.needs.tests.helpers import huaxi, post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "next_url", ["abc", "42", "//evil.example/x", "https://evil.example/", "needs:menu"]
)
def test_a_hostile_next_goes_to_the_need_page(world, client, login, next_url):
    need = post(world, title="返回地址")
    login("huaxi_contact")
    response = client.post(
        reverse("needs:claim", kwargs={"pk": need.pk}), {"provider": huaxi(world), "next": next_url}
    )
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("needs:detail", kwargs={"pk": need.pk}),
    )


def test_a_local_next_is_followed(world, client, login):
    need = post(world, title="返回地址")
    login("huaxi_contact")
    response = client.post(
        reverse("needs:claim", kwargs={"pk": need.pk}),
        {"provider": huaxi(world), "next": "/needs/menu/"},
    )
    assert (response.status_code, response["Location"]) == (302, "/needs/menu/")
