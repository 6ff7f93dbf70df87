"""Who may end an API token is one predicate, ``rules.can_revoke_token``: the service refuses with
it and the account page offers the button by it. The owner may; the security administrator may
end another account's, except the other two administrators' (三员分立); nobody else may."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wulian.accounts.models import ApiToken, RoleKind
from wulian.accounts.rules import can_revoke_token
from wulian.accounts.services import create_token, revoke_token
from wulian.accounts.tests.factories import ResidentFactory, UserFactory


def _token(owner) -> ApiToken:
    create_token(user=owner, by=None)
    return ApiToken.objects.get(user=owner)


@pytest.fixture
def people(db):
    return {
        "resident": ResidentFactory(),
        "other": ResidentFactory(),
        "security": UserFactory(role=RoleKind.SECURITY_ADMIN),
        "system": UserFactory(role=RoleKind.SYSTEM_ADMIN),
    }


@pytest.mark.parametrize(
    ("actor", "owner", "allowed"),
    [
        ("resident", "resident", True),
        ("other", "resident", False),
        ("security", "resident", True),
        ("security", "system", False),
        ("system", "resident", False),
        (None, "resident", True),
    ],
)
def test_who_may_revoke_a_token(people, actor, owner, allowed):
    token = _token(people[owner])
    by = people[actor] if actor else None
    assert can_revoke_token(by, token) is allowed
    if allowed:
        revoke_token(token=token, by=by)
    else:
        with pytest.raises(PermissionDenied):
            revoke_token(token=token, by=by)
    token.refresh_from_db()
    assert token.revoked is allowed


def test_the_account_page_offers_the_button_by_the_rule(people, client):
    token = _token(people["resident"])
    client.force_login(people["security"])
    page = client.get(reverse("accounts:user_detail", args=[people["resident"].pk]))
    assert reverse("accounts:token_revoke", args=[token.pk]) in page.content.decode()
    system_token = _token(people["system"])
    page = client.get(reverse("accounts:user_detail", args=[people["system"].pk]))
    assert reverse("accounts:token_revoke", args=[system_token.pk]) not in page.content.decode()
