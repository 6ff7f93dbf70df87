"""`wulian token USERNAME` prints a bearer token that authenticates on the API."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from wulian.accounts.models import ApiToken
from wulian.audit.models import AuditEntry


def test_token_command_prints_a_working_token(world, client):
    out = StringIO()
    call_command("token", "city_admin", stdout=out)
    key = out.getvalue().strip()
    assert key.startswith("wl_")
    token = ApiToken.objects.get(prefix=key[:8])
    assert token.user == world.users["city_admin"]
    assert key not in token.key_hash  # only the hash is kept
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.channel, entry.object_id) == (
        "token.create",
        "command",
        str(token.pk),
    )
    response = client.get("/api/v1/areas/?level=district", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert response.json()["count"] == 20


def test_wrong_token_is_refused(world, client):
    response = client.get("/api/v1/areas/", HTTP_AUTHORIZATION="Bearer wl_not-a-token")
    assert response.status_code == 401


def test_token_command_for_unknown_user_fails(world):
    before = ApiToken.objects.count()
    with pytest.raises(CommandError, match="no such user: nobody"):
        call_command("token", "nobody", stdout=StringIO())
    assert ApiToken.objects.count() == before


def test_token_command_takes_a_name_and_an_expiry(world):
    out = StringIO()
    call_command("token", "city_admin", "--name", "大屏对接", "--days", "7", stdout=out)
    token = ApiToken.objects.get(prefix=out.getvalue().strip()[:8])
    assert (token.name, round((token.expires_at - token.created_at).total_seconds() / 86400)) == (
        "大屏对接",
        7,
    )


def test_token_command_refuses_an_expiry_out_of_range(world):
    before = ApiToken.objects.count()
    with pytest.raises(CommandError, match="有效期应为1至365天。"):
        call_command("token", "city_admin", "--days", "0", stdout=StringIO())
    assert ApiToken.objects.count() == before
