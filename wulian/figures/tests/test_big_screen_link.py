import time

import pytest
from django.urls import reverse

from wulian.figures.screen import make_token, read_token
from wulian.web.demo import XIHUAMEN


@pytest.mark.django_db
def test_a_valid_signed_link_shows_the_screen_without_login(world, client):
    token = make_token(area_code=XIHUAMEN, days=1)
    page = client.get(reverse("figures:screen", args=[token]))
    assert page.status_code == 200
    assert "西华门社区" in page.content.decode()
    data = client.get(reverse("figures:screen_data", args=[token])).json()
    assert data["area"] == "西华门社区"
    assert set(data["charts"]) == {"children", "trend", "kinds"}


@pytest.mark.django_db
def test_a_tampered_link_is_404(world, client):
    token = make_token(area_code=XIHUAMEN, days=1)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(reverse("figures:screen", args=[forged])).status_code == 404
    assert client.get(reverse("figures:screen_data", args=[forged])).status_code == 404


@pytest.mark.django_db
def test_an_expired_link_is_404(world, client):
    token = make_token(area_code=XIHUAMEN, days=1, now=time.time() - 2 * 86400)
    assert read_token(token) is None
    assert client.get(reverse("figures:screen", args=[token])).status_code == 404


@pytest.mark.django_db
def test_the_screen_carries_no_personal_data(world, client):
    token = make_token(area_code=XIHUAMEN, days=1)
    body = client.get(reverse("figures:screen_data", args=[token])).content.decode()
    for person in world.people.values():
        assert person.name not in body
        assert person.phone_masked not in body
