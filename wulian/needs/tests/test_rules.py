"""The needs' object predicates (``rules.can_<verb>``), shared by services, buttons and API."""

import pytest
from django.core.exceptions import PermissionDenied

from wulian.needs import rules, services
from wulian.needs.models import CommunityRegistration


def test_a_member_ends_their_own_registration_nobody_elses(world):
    reg = CommunityRegistration.objects.get(person=world.people["wang_jianguo"], active=True)
    assert rules.can_end_registration(world.users["member_demo"], reg) is True
    assert rules.can_end_registration(world.users["resident_demo"], reg) is False
    assert rules.can_end_registration(world.users["xihuamen_admin"], reg) is False


def test_ending_someone_elses_registration_is_refused_and_changes_nothing(world):
    reg = CommunityRegistration.objects.get(person=world.people["wang_jianguo"], active=True)
    with pytest.raises(PermissionDenied):
        services.end_registration(registration=reg, by=world.users["resident_demo"])
    assert CommunityRegistration.objects.get(pk=reg.pk).active is True
