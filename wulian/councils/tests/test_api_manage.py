from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.councils.models import Council


def test_a_council_is_set_up_with_members_and_a_session_through_the_api(world, client):
    headers = {
        "HTTP_AUTHORIZATION": f"Bearer {create_token(user=world.users['city_admin'], by=None)}"
    }
    response = client.post(
        reverse("api:councils_create"),
        {"community": "510108015017"},
        content_type="application/json",
        **headers,
    )
    assert (response.status_code, response.json()["name"]) == (201, "致强社区居民议事会")
    council = Council.objects.get(pk=response.json()["id"])
    member = client.post(
        reverse("api:councils_member_add", args=[council.pk]),
        {"kind": "resident", "seat": 1, "person": world.people["wu_fang"].pk},
        content_type="application/json",
        **headers,
    )
    assert (member.status_code, member.json()["name"]) == (201, "吴芳")
    outsider = client.post(
        reverse("api:councils_member_add", args=[council.pk]),
        {"kind": "resident", "seat": 2, "person": world.people["sun_hua"].pk},
        content_type="application/json",
        **headers,
    )
    assert outsider.json()["errors"] == {"person": ["孙华不住在致强社区，不能担任居民代表。"]}
    session = client.post(
        reverse("api:councils_session_create", args=[council.pk]),
        {"title": "第一次议事会", "held_at": "2025-10-01T19:00:00+08:00"},
        content_type="application/json",
        **headers,
    )
    assert session.status_code == 201
    assert council.members.count() == 1
