"""Lists answer in a flat number of queries; the API plans and signs in through the services."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from wulian.activities import services
from wulian.web.demo import HONGMENJIE
from wulian.web.testing import assert_flat_queries, bearer, query_guard

pytestmark = pytest.mark.django_db


def _add(world):
    start = timezone.now() - dt.timedelta(minutes=10)
    for i in range(3):
        a = services.create_activity(
            by=world.users["hongmenjie_admin"],
            kind="party_class",
            title=f"党课{i}",
            organiser=world.orgs["huaxi"],
            area=world.areas[HONGMENJIE],
            place="院坝",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
        )
        services.record_signin(by=world.users["hongmenjie_admin"], activity=a, name=f"居民{i}")


@query_guard("activities:list", "activities:export", "api:activity_list", "api:activity_signins")
def test_lists_are_flat(world, client, activity):
    client.force_login(world.users["hongmenjie_admin"])
    assert_flat_queries(client, reverse("activities:list"), lambda: _add(world), grows_by=3)
    assert_flat_queries(client, reverse("activities:export"), lambda: _add(world), grows_by=3)
    headers = bearer(world.users["hongmenjie_admin"])
    assert_flat_queries(
        client, reverse("api:activity_list"), lambda: _add(world), headers=headers, grows_by=3
    )
    assert_flat_queries(
        client,
        reverse("api:activity_signins", kwargs={"pk": activity.pk}),
        lambda: [
            services.record_signin(by=None, activity=activity, name=f"居民{i}") for i in range(3)
        ],
        headers=headers,
        grows_by=3,
    )


def test_the_api_plans_an_activity_and_signs_in(world, client):
    start = timezone.now() - dt.timedelta(minutes=5)
    body = {
        "kind": "red_lecture",
        "title": "流动红色讲堂",
        "organiser": world.orgs["huaxi"].pk,
        "area": HONGMENJIE,
        "place": "黉门街社区",
        "starts_at": start.isoformat(),
        "ends_at": (start + dt.timedelta(hours=1)).isoformat(),
    }
    made = client.post(
        reverse("api:activity_list"),
        body,
        content_type="application/json",
        **bearer(world.users["hongmenjie_admin"]),
    )
    assert made.status_code == 201
    data = made.json()
    assert (data["kind_display"], data["attendance"]) == ("流动红色讲堂", 0)
    from wulian.activities.models import Activity

    token = services.checkin_token(Activity.objects.get(pk=data["id"]))
    signed = client.post(
        reverse("api:activity_checkin"),
        {"token": token},
        content_type="application/json",
        **bearer(world.users["member_demo"]),
    )
    assert (signed.status_code, signed.json()["name"], signed.json()["created"]) == (
        200,
        "王建国",
        True,
    )
    again = client.post(
        reverse("api:activity_checkin"),
        {"token": token},
        content_type="application/json",
        **bearer(world.users["member_demo"]),
    )
    assert again.json()["created"] is False
    detail = client.get(
        reverse("api:activity_detail", kwargs={"pk": data["id"]}),
        **bearer(world.users["hongmenjie_admin"]),
    )
    assert detail.json()["attendance"] == 1
