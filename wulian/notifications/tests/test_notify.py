import pytest
from django.db import transaction

from wulian.notifications.models import Notification
from wulian.notifications.services import mark_read, notify


@pytest.mark.django_db(transaction=True)
def test_notification_is_written_only_when_the_change_commits(world):
    user = world.users["xihuamen_admin"]
    mine = Notification.objects.filter(user=user, kind="test")
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            notify(users=[user], kind="test", title="不会出现")
            raise RuntimeError
    assert mine.count() == 0
    with transaction.atomic():
        notify(users=[user, user.pk], kind="test", title="新的督办事项")
    assert list(mine.values_list("title", flat=True)) == ["新的督办事项"]


def test_bell_shows_unread_count_and_reading_clears_it(world, client, login):
    user = login("xihuamen_admin")
    before = Notification.objects.filter(user=user, read_at__isnull=True).count()
    Notification.objects.create(user=user, kind="test", title="会议邀请", url="/")
    assert f'id="bell-count">{before + 1}<' in client.get("/").content.decode()
    assert mark_read(user=user) == before + 1
    assert 'id="bell-count"' not in client.get("/").content.decode()
