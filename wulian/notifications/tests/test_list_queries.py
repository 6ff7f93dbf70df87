"""The notification list makes as many queries for 3 notifications as for 1."""

from django.urls import reverse

from wulian.notifications.models import Notification
from wulian.web.testing import assert_flat_queries, links_to, query_guard


def _notify(user, n: int) -> None:
    for i in range(n):
        Notification.objects.create(user=user, kind="test", title=f"通知{i}", body="正文", url="/")


@query_guard("notifications:list")
def test_notification_list_makes_as_many_queries_for_3_notifications_as_for_1(world, login, client):
    user = login("xihuamen_admin")
    _notify(user, 1)
    assert_flat_queries(
        client,
        reverse("notifications:list"),
        lambda: _notify(user, 2),
        rows=links_to("notifications:open"),
    )
    assert Notification.objects.filter(user=user, kind="test").count() == 3
