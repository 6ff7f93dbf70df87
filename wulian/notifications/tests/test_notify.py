import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from wulian.notifications import recipients
from wulian.notifications.models import Notification
from wulian.notifications.services import mark_read, notify


def _notify_then_fail(**notification):
    """A change that notifies, then fails: its transaction rolls back."""
    with transaction.atomic():
        notify(**notification)
        raise RuntimeError


@pytest.mark.django_db(transaction=True)
def test_notification_is_written_only_when_the_change_commits(world):
    user = world.users["xihuamen_admin"]
    mine = Notification.objects.filter(
        user=user, kind="action_item.new", title__in=["不会出现", "新的督办事项"]
    )
    to = [recipients.officials_of(world.orgs["xihuamen"].pk)]
    with pytest.raises(RuntimeError):
        _notify_then_fail(kind="action_item.new", to=to, title="不会出现")
    assert mine.count() == 0
    with transaction.atomic():
        notify(kind="action_item.new", to=to + to, title="新的督办事项")
    assert list(mine.values_list("title", flat=True)) == ["新的督办事项"]


def test_a_kind_must_be_registered_and_reach_only_the_audiences_it_declares(world):
    with pytest.raises(KeyError, match="unknown notification kind 'nonsense'"):
        notify(kind="nonsense", to=[], title="x")
    with pytest.raises(
        ImproperlyConfigured, match="'case.new' declares \\['area_staff'\\], not 'officials'"
    ):
        notify(
            kind="case.new", to=[recipients.officials_of(world.orgs["hongmenjie"].pk)], title="x"
        )


def test_officials_of_an_org_are_never_its_residents_or_party_members(world):
    users = world.users
    hongmenjie = recipients.officials_of(world.orgs["hongmenjie"].pk).user_ids
    assert hongmenjie == {users["hongmenjie_admin"].pk}
    huaxi = recipients.officials_of(world.orgs["huaxi"].pk).user_ids
    assert huaxi == {users["huaxi_contact"].pk}


def test_bell_shows_unread_count_and_reading_clears_it(world, client, login):
    user = login("xihuamen_admin")
    before = Notification.objects.filter(user=user, read_at__isnull=True).count()
    Notification.objects.create(user=user, kind="test", title="会议邀请", url="/")
    assert f'id="bell-count">{before + 1}<' in client.get("/").content.decode()
    assert mark_read(user=user) == before + 1
    assert 'id="bell-count"' not in client.get("/").content.decode()
