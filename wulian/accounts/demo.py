"""Demo accounts that need a second factor get the published demo TOTP secret, so that
`make run` can say how to log in (`wulian otp USERNAME` prints the current code); residents
and members get their registered mobile number for SMS login."""

from wulian.accounts.mfa import set_demo_device
from wulian.accounts.rules import requires_mfa


def load(world) -> None:
    for user in world.users.values():
        user.__dict__.pop("_wulian_scope", None)
        user.__dict__.pop("_wulian_role_kinds", None)
        if requires_mfa(user):
            set_demo_device(user)
        elif user.person_id:  # residents and members log in by SMS with their registered number
            person = user.person
            user.phone_encrypted, user.phone_index, user.phone_masked = (
                person.phone_encrypted,
                person.phone_index,
                person.phone_masked,
            )
            user.save(update_fields=["phone_encrypted", "phone_index", "phone_masked"])
