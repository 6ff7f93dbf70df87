"""三员分立: the system, security and audit admins hold no other role."""

import pytest
from django.core.exceptions import ValidationError

from wulian.accounts.models import Role, RoleKind
from wulian.accounts.services import grant_role
from wulian.audit.models import AuditEntry


def _roles() -> list[tuple]:
    return list(Role.objects.order_by("id").values_list("user_id", "kind", "org_id"))


def test_audit_admin_cannot_get_a_second_role(world):
    """Even the system (a command, by=None), which is not bound by the page rules, cannot."""
    before, entries = _roles(), AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        grant_role(
            user=world.users["audit_admin"],
            kind=RoleKind.COMMUNITY_STAFF,
            org=world.orgs["xihuamen"],
            by=None,
        )
    assert exc.value.message_dict == {"kind": ["该账号已是三员之一，不能再授予其他角色。"]}
    with pytest.raises(ValidationError) as exc:
        grant_role(user=world.users["audit_admin"], kind=RoleKind.SECURITY_ADMIN, by=None)
    assert exc.value.message_dict == {
        "kind": ["系统管理员、安全管理员、审计管理员不能兼任其他角色。"]
    }
    assert _roles() == before
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize(
    "kind", [RoleKind.SYSTEM_ADMIN, RoleKind.SECURITY_ADMIN, RoleKind.AUDIT_ADMIN]
)
def test_user_with_a_role_cannot_become_one_of_the_three(world, kind):
    before, entries = _roles(), AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        grant_role(user=world.users["xihuamen_admin"], kind=kind, by=None)
    assert exc.value.message_dict == {
        "kind": ["系统管理员、安全管理员、审计管理员不能兼任其他角色。"]
    }
    assert _roles() == before
    assert AuditEntry.objects.count() == entries


def test_only_the_security_admin_grants_roles(world):
    from django.core.exceptions import PermissionDenied

    before = _roles()
    with pytest.raises(PermissionDenied):
        grant_role(
            user=world.users["xihuamen_staff"],
            kind=RoleKind.COMMUNITY_ADMIN,
            org=world.orgs["xihuamen"],
            by=world.users["system_admin"],
        )
    assert _roles() == before
