"""The menu lights up the page's own item only, and the resident's tiles open resident pages."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def active_links(html: str) -> list[str]:
    return re.findall(r'<a class="nav-link active" href="([^"]+)"', html)


def test_action_items_page_lights_up_only_its_own_item(client, login, world):
    login("city_admin")
    html = client.get(reverse("meetings:action_list")).content.decode()
    assert active_links(html) == [reverse("meetings:action_list")]


def test_meeting_list_lights_up_only_the_meetings_item(client, login, world):
    login("city_admin")
    html = client.get(reverse("meetings:list")).content.decode()
    assert active_links(html) == [reverse("meetings:list")]


def test_home_lights_up_only_the_workbench(client, login, world):
    login("city_admin")
    html = client.get(reverse("web:home")).content.decode()
    assert active_links(html) == [reverse("web:home")]


def test_resident_council_tile_opens_the_residents_council_view(client, login, world):
    login("resident_demo")
    html = client.get(reverse("web:home")).content.decode()
    assert f'href="{reverse("councils:my")}"' in html
    assert f'href="{reverse("councils:list")}"' not in html
    response = client.get(reverse("councils:my"))
    assert response.status_code == 200
    assert [t.name for t in response.templates][:2] == ["councils/my.html", "base_mobile.html"]


def test_every_resident_tile_opens_a_phone_page(client, login, world):
    login("resident_demo")
    html = client.get(reverse("web:home")).content.decode()
    tiles = re.findall(
        r'<a class="list-group-item list-group-item-action py-3" href="([^"]+)"', html
    )
    assert len(tiles) >= 5
    for url in tiles:
        response = client.get(url)
        assert response.status_code == 200, url
        # A resident page, or the public pages (phone-first, their own layout without a session).
        names = [t.name for t in response.templates]
        assert "base_mobile.html" in names or "public/base_public.html" in names, url
