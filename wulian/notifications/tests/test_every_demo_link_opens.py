"""Every link of every user's notifications in the demo opens (200) for that user: a notification
never leads its recipient to an error page for an object the recipient may see."""

import pytest

from wulian.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_every_notification_link_of_every_user_answers_200(client, world):
    notes = list(
        Notification.objects.exclude(url="").select_related("user").order_by("user_id", "pk")
    )
    assert len(notes) > 20  # the demo tells its users things
    failures = []
    for user_id in sorted({n.user_id for n in notes}):
        mine = [n for n in notes if n.user_id == user_id]
        client.force_login(mine[0].user)
        for url in sorted({n.url for n in mine}):
            response = client.get(url, follow=True)
            if response.status_code != 200:
                failures.append((mine[0].user.username, url, response.status_code))
        client.logout()
    assert failures == []
