"""Notification settings are one's own: ``rules.can_set_preferences``, refused with 403 (issue 15)."""

import pytest
from django.core.exceptions import PermissionDenied

from wulian.notifications import rules
from wulian.notifications.models import DeliverySettings, Preference
from wulian.notifications.services import set_delivery_settings, set_preferences


def test_a_user_sets_their_own_notification_settings_nobody_elses(world):
    me, other = world.users["resident_demo"], world.users["xihuamen_admin"]
    assert rules.can_set_preferences(me, me) is True
    assert rules.can_set_preferences(other, me) is False
    assert rules.can_set_preferences(None, me) is True


def test_setting_someone_elses_notifications_is_refused_as_a_matter_of_rights(world):
    me, other = world.users["resident_demo"], world.users["xihuamen_admin"]
    before = (Preference.objects.count(), DeliverySettings.objects.count())
    with pytest.raises(PermissionDenied):
        set_preferences(user=me, by=other, choices={})
    with pytest.raises(PermissionDenied):
        set_delivery_settings(user=me, by=other, quiet_enabled=False)
    assert (Preference.objects.count(), DeliverySettings.objects.count()) == before
