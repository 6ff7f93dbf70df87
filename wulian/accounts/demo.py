"""Demo accounts that need a second factor get the published demo TOTP secret, so that
`make run` can say how to log in (`wulian otp USERNAME` prints the current code)."""

from wulian.accounts.mfa import set_demo_device
from wulian.accounts.rules import requires_mfa


def load(world) -> None:
    for user in world.users.values():
        user.__dict__.pop("_wulian_scope", None)
        user.__dict__.pop("_wulian_role_kinds", None)
        if requires_mfa(user):
            set_demo_device(user)
