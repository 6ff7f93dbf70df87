"""`wulian accounts break-glass`: one of the three is reset only with two others of the three,
each typing their current credentials; every attempt is audited."""

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from wulian.accounts.management.commands import accounts as command
from wulian.accounts.mfa import next_usable_code
from wulian.accounts.models import ApiToken, User
from wulian.accounts.services import create_token
from wulian.audit.models import AuditEntry
from wulian.web.demo import DEMO_PASSWORD


@pytest.fixture
def answers(monkeypatch):
    """What each approver types: their password (``answers[name]`` overrides it) and the code
    their authenticator shows (``answers[name + " code"]`` overrides it)."""
    given: dict[str, str] = {}

    def ask(prompt: str) -> str:
        name = prompt.split(" ", 1)[0]
        if prompt.endswith("password: "):
            return given.get(name, DEMO_PASSWORD)
        device = TOTPDevice.objects.get(user__username=name, confirmed=True)
        return given.get(f"{name} code", next_usable_code(device))

    monkeypatch.setattr(command, "ask", ask)
    return given


def _run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("accounts", "break-glass", *args, stdout=out)
    return out.getvalue()


def test_two_of_the_three_reset_the_third(world, client, answers):
    """Each approver types their password and their TOTP code."""
    audit = world.users["audit_admin"]
    create_token(user=audit, by=None)
    out = _run("audit_admin", "--approver", "system_admin", "--approver", "security_admin")
    password = out.strip().rsplit(": ", 1)[1]
    audit.refresh_from_db()
    assert (audit.check_password(password), audit.must_change_password) == (True, True)
    assert list(ApiToken.objects.filter(user=audit).values_list("revoked", "revoked_reason")) == [
        (True, "break_glass")
    ]
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.channel, entry.object_id, entry.after) == (
        "user.break_glass",
        "command",
        str(audit.pk),
        {"approvers": ["security_admin", "system_admin"], "reset_mfa": False},
    )
    response = client.post("/accounts/login/", {"username": "audit_admin", "password": password})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("target", "approvers", "typed", "reason"),
    [
        ("audit_admin", ["system_admin"], {}, "two distinct approvers"),
        ("audit_admin", ["system_admin", "system_admin"], {}, "two distinct approvers"),
        (
            "audit_admin",
            ["system_admin", "security_admin"],
            {"security_admin": "wrong-Passw0rd"},
            "wrong credentials for approver security_admin",
        ),
        (
            "audit_admin",
            ["system_admin", "security_admin"],
            {"security_admin code": "000000x"},
            "wrong second factor for approver security_admin",
        ),
        ("audit_admin", ["system_admin", "audit_admin"], {}, "被重置的账号不能批准自己的重置。"),
        ("audit_admin", ["system_admin", "city_admin"], {}, "“city_admin”不是在用的三员账号。"),
        ("city_admin", ["system_admin", "security_admin"], {}, "紧急重置只用于三员账号"),
    ],
)
def test_a_refused_break_glass_changes_nothing_and_is_audited(
    world, answers, target, approvers, typed, reason
):
    answers.update(typed)
    before = User.objects.get(username=target).password
    args = [target]
    for name in approvers:
        args += ["--approver", name]
    with pytest.raises(CommandError, match="break-glass refused") as caught:
        _run(*args)
    assert reason in str(caught.value)
    assert User.objects.get(username=target).password == before
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.object_id) == (
        "user.break_glass_refused",
        str(world.users[target].pk),
    )


def test_reset_mfa_makes_the_target_enrol_again(world, answers):
    _run("audit_admin", "--approver", "system_admin", "--approver", "security_admin", "--reset-mfa")
    assert TOTPDevice.objects.filter(user=world.users["audit_admin"]).count() == 0
    assert TOTPDevice.objects.filter(user=world.users["system_admin"]).count() == 1
