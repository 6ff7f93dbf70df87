"""The system admin disables an account (within 三员分立): its sessions and tokens end at once."""

import pytest
from django.test import Client
from django.urls import reverse

from wulian.accounts.models import ApiToken, User
from wulian.accounts.services import create_token
from wulian.audit.models import AuditEntry


def test_disabling_ends_sessions_and_tokens(world, client, login):
    staff = world.users["xihuamen_staff"]
    key = create_token(user=staff, by=None)
    browser = Client()
    browser.force_login(staff)
    login("system_admin")
    response = client.post(reverse("accounts:user_set_active", args=[staff.pk]), {"active": "0"})
    assert response.status_code == 302
    assert User.objects.get(pk=staff.pk).is_active is False
    assert browser.get(reverse("web:home")).status_code == 302
    assert client.get("/api/v1/areas/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    assert ApiToken.objects.get(user=staff).revoked_reason == "disabled"
    assert AuditEntry.objects.order_by("-id").first().action == "user.disable"
    response = client.post(reverse("accounts:user_set_active", args=[staff.pk]), {"active": "1"})
    assert User.objects.get(pk=staff.pk).is_active is True


@pytest.mark.parametrize("target", ["audit_admin", "security_admin", "system_admin"])
def test_no_administrator_disables_one_of_the_three(world, client, login, target):
    entries = AuditEntry.objects.count()
    login("system_admin")
    response = client.post(
        reverse("accounts:user_set_active", args=[world.users[target].pk]), {"active": "0"}
    )
    assert response.status_code == 403
    assert User.objects.get(username=target).is_active is True
    assert AuditEntry.objects.count() == entries
