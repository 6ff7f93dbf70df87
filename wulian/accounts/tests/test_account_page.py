"""Every signed-in user has an account page listing their sessions and API tokens, each of which
they can end; another account's sessions and tokens are not found."""

from django.test import Client
from django.urls import reverse

from wulian.accounts.models import ApiToken, LoginSession
from wulian.accounts.services import create_token
from wulian.audit.models import AuditEntry


def test_the_page_lists_own_sessions_and_tokens_only(world, client):
    me, other = world.users["xihuamen_staff"], world.users["qingyuan_admin"]
    create_token(user=me, by=None, name="对接脚本")
    create_token(user=other, by=None, name="别人的令牌")
    phone = Client()
    phone.force_login(me)
    client.force_login(me)
    html = client.get(reverse("accounts:account")).content.decode()
    assert "对接脚本" in html
    assert "别人的令牌" not in html
    assert LoginSession.objects.filter(user=me).count() == 2
    assert html.count('action="/accounts/me/sessions/') == 2


def test_ending_another_session_logs_that_browser_out(world, client):
    me = world.users["xihuamen_staff"]
    phone = Client()
    phone.force_login(me)
    client.force_login(me)
    other = LoginSession.objects.get(user=me, session_key=phone.session.session_key)
    response = client.post(reverse("accounts:account_session_end", args=[other.pk]))
    assert response.status_code == 302
    assert phone.get(reverse("web:home")).status_code == 302  # sent to the login page
    assert client.get(reverse("web:home")).status_code == 200  # this one goes on
    assert list(LoginSession.objects.filter(user=me).values_list("session_key", flat=True)) == [
        client.session.session_key
    ]


def test_another_accounts_session_is_not_found_and_goes_on(world, client, login):
    victim = Client()
    victim.force_login(world.users["qingyuan_admin"])
    theirs = LoginSession.objects.get(user=world.users["qingyuan_admin"])
    login("xihuamen_staff")
    assert client.post(reverse("accounts:account_session_end", args=[theirs.pk])).status_code == 404
    assert victim.get(reverse("web:home")).status_code == 200


def test_a_token_is_made_with_a_name_and_expiry_and_shown_once(world, client, login):
    me = login("xihuamen_staff")
    response = client.post(
        reverse("accounts:account_token_create"), {"name": "报表脚本", "days": "30"}
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(user=me)
    key = response.context["new_key"]
    assert (
        token.name,
        token.prefix,
        round((token.expires_at - token.created_at).total_seconds() / 86400),
    ) == ("报表脚本", key[:8], 30)
    assert client.get(reverse("accounts:account")).content.decode().count(key) == 0
    assert client.get("/api/v1/areas/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


def test_a_token_expiry_out_of_range_is_refused(world, client, login):
    me = login("xihuamen_staff")
    response = client.post(reverse("accounts:account_token_create"), {"name": "x", "days": "400"})
    assert response.status_code == 400
    assert "有效期应为1至365天。" in response.content.decode()
    assert ApiToken.objects.filter(user=me).count() == 0


def test_the_owner_revokes_a_token_and_another_account_cannot(world, client, login):
    key = create_token(user=world.users["xihuamen_staff"], by=None)
    token = ApiToken.objects.get(user=world.users["xihuamen_staff"])
    login("qingyuan_admin")
    entries = AuditEntry.objects.count()
    assert client.post(reverse("accounts:account_token_revoke", args=[token.pk])).status_code == 404
    assert AuditEntry.objects.count() == entries
    login("xihuamen_staff")
    assert client.post(reverse("accounts:account_token_revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert (token.revoked, token.revoked_reason) == (True, "revoked")
    assert client.get("/api/v1/areas/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
