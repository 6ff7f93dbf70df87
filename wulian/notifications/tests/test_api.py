"""My notifications over the API: a paginated list of my own, marking one (never another's: 404)
and all read, my channels per kind; and the same number of queries for 3 notifications as for 1."""

from django.urls import reverse

from wulian.notifications.models import Delivery, Notification, Preference
from wulian.web.testing import assert_flat_queries, bearer, query_guard


def _notify(user, n: int, title: str = "通知") -> list[Notification]:
    notes = [
        Notification.objects.create(user=user, kind="case.new", title=f"{title}{i}", url="/")
        for i in range(n)
    ]
    for note in notes:
        Delivery.objects.create(
            user=user,
            notification=note,
            channel="email",
            status="failed",
            attempts=1,
            reason="smtp_550: no such user",
        )
    return notes


@query_guard("api:notification_list")
def test_the_list_makes_as_many_queries_for_3_notifications_as_for_1(world, client):
    user = world.users["xihuamen_admin"]
    _notify(user, 1)
    headers = bearer(user)
    assert_flat_queries(
        client, reverse("api:notification_list"), lambda: _notify(user, 2), headers=headers
    )


def test_the_list_holds_only_my_notifications_newest_first_and_pages(world, client):
    me, other = world.users["xihuamen_admin"], world.users["hongmenjie_admin"]
    Notification.objects.filter(user__in=[me, other]).delete()
    mine = _notify(me, 3, "我的")
    _notify(other, 2, "别人的")
    headers = bearer(me)
    answer = client.get(reverse("api:notification_list") + "?limit=2", **headers).json()
    assert answer["count"] == 3
    assert [n["title"] for n in answer["items"]] == ["我的2", "我的1"]
    assert answer["items"][0]["deliveries"] == [
        {
            "channel": "email",
            "status": "failed",
            "attempts": 1,
            "reason": "smtp_550: no such user",
            "sent_at": None,
        }
    ]
    Notification.objects.filter(pk=mine[2].pk).update(read_at=mine[2].created_at)
    unread = client.get(reverse("api:notification_list") + "?unread=true", **headers).json()
    assert [n["title"] for n in unread["items"]] == ["我的1", "我的0"]


def test_marking_read_touches_only_my_own(world, client):
    me, other = world.users["xihuamen_admin"], world.users["hongmenjie_admin"]
    Notification.objects.filter(user=me).delete()
    [mine] = _notify(me, 1)
    [theirs] = _notify(other, 1)
    headers = bearer(me)
    assert (
        client.post(reverse("api:notification_read", args=[theirs.pk]), **headers).status_code
        == 404
    )
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert client.post(reverse("api:notification_read", args=[mine.pk]), **headers).json() == {
        "marked": 1
    }
    assert client.post(reverse("api:notification_read", args=[mine.pk]), **headers).json() == {
        "marked": 0
    }
    _notify(me, 2)
    assert client.post(reverse("api:notification_read_all"), **headers).json() == {"marked": 2}
    assert Notification.objects.filter(user=me, read_at__isnull=True).count() == 0
    assert Notification.objects.filter(user=other, read_at__isnull=True).count() >= 1


def test_preferences_are_read_and_set_and_an_unreachable_channel_is_refused(world, client):
    me = world.users["xihuamen_admin"]
    me.email = ""
    me.save(update_fields=["email"])
    headers = bearer(me)
    url = reverse("api:notification_preferences")
    got = client.get(url, **headers).json()
    row = next(r for r in got["kinds"] if r["kind"] == "action_item.escalated")
    assert (row["urgent"], row["channels"]) == (
        True,
        {"sms": True, "email": False, "wechat": False, "digest": False},
    )
    assert got["reachable"]["email"] is False

    refused = client.put(
        reverse("api:notification_preferences_update"),
        {
            "choices": [
                {"kind": "case.new", "channel": "digest", "enabled": False},
                {"kind": "case.new", "channel": "email", "enabled": True},
            ]
        },
        content_type="application/json",
        **headers,
    )
    assert refused.status_code == 422
    assert refused.json()["errors"] == {
        "case.new.email": ["您的账号没有电子邮箱地址，不能选择电子邮件。"]
    }
    assert Preference.objects.filter(user=me).count() == 0  # nothing half-written

    done = client.put(
        reverse("api:notification_preferences_update"),
        {
            "choices": [{"kind": "case.new", "channel": "digest", "enabled": False}],
            "quiet_enabled": True,
            "quiet_from": "23:00",
            "quiet_until": "06:30",
        },
        content_type="application/json",
        **headers,
    )
    assert done.status_code == 200
    body = done.json()
    assert next(r for r in body["kinds"] if r["kind"] == "case.new")["channels"]["digest"] is False
    assert (body["quiet_from"], body["quiet_until"]) == ("23:00", "06:30")
    assert list(Preference.objects.filter(user=me).values_list("kind", "channel", "enabled")) == [
        ("case.new", "digest", False)
    ]
