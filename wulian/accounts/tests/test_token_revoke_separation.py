"""三员分立: the security admin ends other accounts' API tokens, but not the audit admin's or the
system admin's (that takes break-glass); the page offers no such button."""

from django.urls import reverse

from wulian.accounts.models import ApiToken
from wulian.accounts.services import create_token


def test_the_security_admin_cannot_revoke_the_other_administrators_tokens(world, client, login):
    tokens = {}
    for name in ("audit_admin", "system_admin"):
        create_token(user=world.users[name], by=None)
        tokens[name] = ApiToken.objects.get(user=world.users[name])
    login("security_admin")
    for name, token in tokens.items():
        page = client.get(
            reverse("accounts:user_detail", args=[world.users[name].pk])
        ).content.decode()
        assert reverse("accounts:token_revoke", args=[token.pk]) not in page
        assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 403
        token.refresh_from_db()
        assert (token.revoked, token.revoked_reason) == (False, "")


def test_the_security_admin_still_revokes_their_own_token(world, client, login):
    create_token(user=world.users["security_admin"], by=None)
    token = ApiToken.objects.get(user=world.users["security_admin"])
    login("security_admin")
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked is True
