"""三员分立 holds: no administrator sets the password of, disables or changes the roles of
another of the three, or of themselves, by page or API; a reset by anyone forces a new password
at the next login and ends the account's sessions and API tokens (issue 16, defect 1)."""

import pytest
from django.urls import reverse

from wulian.accounts.models import ApiToken, Role, RoleKind, User
from wulian.accounts.services import create_token
from wulian.audit.models import AuditEntry

NEW = "Neu-Passw0rt!"


def _state(username: str) -> tuple:
    user = User.objects.get(username=username)
    return (
        user.password,
        user.must_change_password,
        user.is_active,
        sorted(Role.objects.filter(user=user).values_list("kind", "org_id")),
        sorted(ApiToken.objects.filter(user=user).values_list("pk", "revoked")),
    )


@pytest.mark.parametrize(
    ("actor", "target"),
    [
        ("system_admin", "audit_admin"),
        ("system_admin", "security_admin"),
        ("system_admin", "system_admin"),
    ],
)
def test_no_administrator_resets_one_of_the_three_by_page(world, client, login, actor, target):
    create_token(user=world.users[target], by=None)
    before, entries = _state(target), AuditEntry.objects.count()
    login(actor)
    response = client.post(
        reverse("accounts:user_set_password", args=[world.users[target].pk]), {"password": NEW}
    )
    assert response.status_code == 403
    assert _state(target) == before
    assert AuditEntry.objects.count() == entries
    assert User.objects.get(username=target).check_password(NEW) is False


@pytest.mark.parametrize(
    ("actor", "target"),
    [
        ("security_admin", "audit_admin"),
        ("security_admin", "system_admin"),
        ("security_admin", "security_admin"),
    ],
)
def test_security_admin_cannot_revoke_the_role_of_one_of_the_three_or_its_own(
    world, client, login, actor, target
):
    before, entries = _state(target), AuditEntry.objects.count()
    login(actor)
    role = world.users[target].roles.get()
    response = client.post(reverse("accounts:role_revoke", args=[role.pk]))
    assert response.status_code == 403
    assert _state(target) == before
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize("target", ["audit_admin", "security_admin"])
def test_security_admin_cannot_grant_a_role_to_one_of_the_three_or_itself(
    world, client, login, target
):
    before, entries = _state(target), AuditEntry.objects.count()
    login("security_admin")
    response = client.post(
        reverse("accounts:role_grant", args=[world.users[target].pk]),
        {"kind": RoleKind.COMMUNITY_STAFF, "org": world.orgs["xihuamen"].pk},
    )
    assert response.status_code == 403
    assert _state(target) == before
    assert AuditEntry.objects.count() == entries


def test_one_of_the_three_roles_is_never_granted_by_page(world, client, login):
    newcomer = User.objects.create(username="newcomer")
    login("security_admin")
    response = client.post(
        reverse("accounts:role_grant", args=[newcomer.pk]), {"kind": RoleKind.AUDIT_ADMIN}
    )
    assert response.status_code == 400
    assert "三员角色不能在页面或接口中授予。" in response.content.decode()
    assert list(newcomer.roles.all()) == []


def test_the_account_page_of_one_of_the_three_offers_no_reset(world, client, login):
    login("system_admin")
    html = client.get(
        reverse("accounts:user_detail", args=[world.users["audit_admin"].pk])
    ).content.decode()
    assert reverse("accounts:user_set_password", args=[world.users["audit_admin"].pk]) not in html
    assert 'id="separated-note"' in html


def test_a_reset_forces_a_change_and_ends_sessions_and_tokens(world, client, login):
    from django.test import Client

    city = world.users["city_admin"]
    key = create_token(user=city, by=None)
    victim_browser = Client()
    victim_browser.force_login(city)
    assert victim_browser.get(reverse("web:home")).status_code == 200
    login("system_admin")
    response = client.post(reverse("accounts:user_set_password", args=[city.pk]), {"password": NEW})
    assert response.status_code == 302
    city.refresh_from_db()
    assert (city.check_password(NEW), city.must_change_password) == (True, True)
    assert list(ApiToken.objects.filter(user=city).values_list("revoked", "revoked_reason")) == [
        (True, "password_reset")
    ]
    assert client.get("/api/v1/areas/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    # The session that was open before the reset has ended.
    response = victim_browser.get(reverse("web:home"))
    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('accounts:login')}?next=/",
    )


def test_after_a_reset_every_page_asks_for_a_new_password_first(world, client):
    city = world.users["city_admin"]
    city.set_password(NEW)
    city.must_change_password = True
    city.save()
    client.force_login(city)
    response = client.get(reverse("web:home"))
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("accounts:password_change"),
    )
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": NEW,
            "new_password": "Anders-Passw0rt",
            "new_password2": "Anders-Passw0rt",
        },
    )
    assert response.status_code == 302
    city.refresh_from_db()
    assert (city.check_password("Anders-Passw0rt"), city.must_change_password) == (True, False)
    assert client.get(reverse("web:home")).status_code == 200  # still signed in


def test_system_admin_no_longer_manages_holidays(world, client, login):
    from wulian.accounts.rules import has_action
    from wulian.duties.models import Holiday

    assert has_action(world.users["system_admin"], "holiday.manage") is False
    assert has_action(world.users["city_admin"], "holiday.manage") is True
    before = Holiday.objects.count()
    login("system_admin")
    response = client.post(
        reverse("duties:holiday_create"), {"date": "2031-10-01", "name": "国庆节"}
    )
    assert response.status_code == 403
    assert Holiday.objects.count() == before


def test_the_grant_form_does_not_offer_the_three_roles(world, client, login):
    """They are only ever refused there (``grant_role``), so the select does not offer them."""
    newcomer = User.objects.create(username="newcomer2")
    login("security_admin")
    html = client.get(reverse("accounts:user_detail", args=[newcomer.pk])).content.decode()
    select = html[html.index('name="kind"') :]
    select = select[: select.index("</select>")]
    assert f'value="{RoleKind.COMMUNITY_STAFF}"' in select
    for kind in (RoleKind.SYSTEM_ADMIN, RoleKind.SECURITY_ADMIN, RoleKind.AUDIT_ADMIN):
        assert f'value="{kind}"' not in select
