"""The holiday table is business data (issue 16, defect 9): city staff and admins keep it, the
system administrator does not."""

from wulian.accounts.models import Role, RoleKind, User
from wulian.accounts.rules import has_action


def test_city_staff_manage_holidays_and_the_system_admin_does_not(world):
    staff = User.objects.create_user(username="city_staff_holidays", password="x")
    Role.objects.create(user=staff, kind=RoleKind.CITY_STAFF, org=world.orgs["city_gc"])
    assert has_action(staff, "holiday.manage") is True
    assert has_action(world.users["city_admin"], "holiday.manage") is True
    assert has_action(world.users["system_admin"], "holiday.manage") is False


def test_none_of_the_three_administrators_sees_the_holiday_table(world, client, login):
    """None of the 三员 has a business action (docs/permissions.md): not even reading the table."""
    from django.urls import reverse

    for name in ("system_admin", "security_admin", "audit_admin"):
        assert has_action(world.users[name], "holiday.view") is False
        login(name)
        assert client.get(reverse("duties:holidays")).status_code == 403
