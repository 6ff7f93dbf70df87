"""Creating an API token goes through the action table and the object predicate like every write:
one's own token only, with ``token.create``; the system (``by=None``: the token command, the
benchmarks) makes any user's (issue 15)."""

import pytest
from django.core.exceptions import PermissionDenied

from wulian.accounts import rules
from wulian.accounts.models import ApiToken
from wulian.accounts.services import create_token
from wulian.audit.models import AuditEntry


def test_a_user_may_create_their_own_token_not_someone_elses(world):
    me, other = world.users["xihuamen_admin"], world.users["resident_demo"]
    assert rules.can_create_token(me, me) is True
    assert rules.can_create_token(me, other) is False
    assert rules.can_create_token(None, other) is True


@pytest.mark.parametrize(
    ("by", "owner"), [("xihuamen_admin", "resident_demo"), ("security_admin", "security_admin")]
)
def test_a_token_for_someone_else_or_without_the_action_is_refused_and_nothing_is_written(
    world, by, owner
):
    before = (ApiToken.objects.count(), AuditEntry.objects.count())
    with pytest.raises(PermissionDenied):
        create_token(user=world.users[owner], by=world.users[by])
    assert (ApiToken.objects.count(), AuditEntry.objects.count()) == before


def test_the_system_and_the_owner_create_tokens(world):
    me = world.users["xihuamen_admin"]
    create_token(user=me, by=me, name="对接脚本")
    create_token(user=world.users["resident_demo"], by=None)
    assert ApiToken.objects.filter(user__in=[me, world.users["resident_demo"]]).count() == 2
