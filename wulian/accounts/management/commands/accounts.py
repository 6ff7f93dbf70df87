"""`wulian accounts break-glass USERNAME --approver A --approver B`: reset one of the three
administrators (系统 / 安全 / 审计管理员), approved by two others of the three.

Each approver types their current password and, when they have enrolled one, a TOTP code (or a
recovery code); nothing is taken from the command line, so nothing lands in the shell history.
The target gets a random password, printed once, that must be changed at the next login; every
session and API token of the target ends; ``--reset-mfa`` also removes the target's second
factors so that it enrols again. Every attempt is audited, refused ones too.
"""

import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from wulian.accounts.models import User
from wulian.accounts.services import break_glass_reset, check_second_factor
from wulian.audit.services import record
from wulian.core import channels


def ask(prompt: str) -> str:
    """Read a secret from the terminal (tests replace this)."""
    return getpass.getpass(prompt)


class Command(BaseCommand):
    help = "三员 break-glass: `wulian accounts break-glass USERNAME --approver A --approver B [--reset-mfa]`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        glass = sub.add_parser(
            "break-glass", help="reset one of the three administrators, approved by two others"
        )
        glass.add_argument("username", help="the administrator to reset")
        glass.add_argument(
            "--approver",
            action="append",
            default=[],
            required=True,
            help="one of the three administrators approving (give it twice)",
        )
        glass.add_argument(
            "--reset-mfa",
            action="store_true",
            help="also remove the target's TOTP and recovery codes",
        )

    def handle(self, *args, **options):
        with channels.using(channels.COMMAND):
            self._break_glass(options["username"], options["approver"], options["reset_mfa"])

    def _break_glass(self, username: str, approver_names: list[str], reset_mfa: bool) -> None:
        target = User.objects.filter(username=username).first()
        if target is None:
            raise CommandError(f"no such user: {username}")
        try:
            if len(approver_names) != 2 or len(set(approver_names)) != 2:
                raise ValidationError(
                    {"approver": "two distinct approvers are required (--approver A --approver B)"}
                )
            approvers = [self._checked_approver(name) for name in approver_names]
            password = break_glass_reset(target=target, approvers=approvers, reset_mfa=reset_mfa)
        except ValidationError as exc:
            reason = "; ".join(exc.messages)
            record(
                actor=None,
                action="user.break_glass_refused",
                obj=target,
                after={"approvers": approver_names, "reason": reason},
            )
            raise CommandError(f"break-glass refused: {reason}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{username} reset with the approval of {', '.join(approver_names)}; all sessions and tokens ended."
            )
        )
        self.stdout.write(f"one-time password (must be changed at the next login): {password}")

    def _checked_approver(self, name: str) -> User:
        approver = User.objects.filter(username=name, is_active=True).first()
        password = ask(f"{name} password: ")
        if approver is None or not approver.check_password(password):
            raise ValidationError({"approver": f"wrong credentials for approver {name}"})
        if not check_second_factor(approver, lambda: ask(f"{name} TOTP or recovery code: ")):
            raise ValidationError({"approver": f"wrong second factor for approver {name}"})
        return approver
