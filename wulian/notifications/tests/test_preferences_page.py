"""The preferences page: every kind with its channels, the unreachable ones disabled with the
reason; saving keeps what is ticked; a bad quiet-hours time is refused naming it, nothing saved."""

from django.urls import reverse

from wulian.core.crypto import encrypt_field
from wulian.notifications.models import DeliverySettings, Preference


def test_the_page_shows_defaults_and_saves_choices_and_quiet_hours(world, client, login):
    user = login("xihuamen_admin")
    user.email, user.phone_encrypted = "admin@xihuamen.example", encrypt_field("13900004444")
    user.save(update_fields=["email", "phone_encrypted"])
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert 'name="action_item.escalated.sms"' in page
    assert "您的账号尚未绑定微信，不能选择微信。" in page

    response = client.post(
        reverse("notifications:preferences"),
        {
            "action_item.new.email": "on",
            "action_item.escalated.sms": "on",
            "quiet_enabled": "on",
            "quiet_from": "21:30",
            "quiet_until": "06:45",
        },
    )
    assert response.status_code == 302
    mine = dict(
        ((k, c), e)
        for k, c, e in Preference.objects.filter(user=user).values_list(
            "kind", "channel", "enabled"
        )
    )
    assert mine[("action_item.new", "email")] is True
    assert mine[("action_item.new", "digest")] is False  # unticked: the default (on) is turned off
    assert ("action_item.escalated", "sms") not in mine  # ticked as by default: no row
    assert ("action_item.new", "wechat") not in mine  # not bound: nothing to choose
    own = DeliverySettings.objects.get(user=user)
    assert (own.quiet_enabled, own.quiet_from.isoformat(), own.quiet_until.isoformat()) == (
        True,
        "21:30:00",
        "06:45:00",
    )


def test_a_bad_time_is_refused_and_nothing_is_saved(world, client, login):
    user = login("xihuamen_admin")
    response = client.post(
        reverse("notifications:preferences"),
        {"quiet_enabled": "on", "quiet_from": "25:00", "quiet_until": "07:00"},
    )
    assert response.status_code == 400
    assert "时间“25:00”格式不对，应为 HH:MM，如 22:00。" in response.content.decode()
    assert Preference.objects.filter(user=user).count() == 0
    assert DeliverySettings.objects.filter(user=user).count() == 0
