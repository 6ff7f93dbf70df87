"""The second factor (django-otp): a TOTP device per account plus static recovery codes.

Every role but resident, party member and unit contact (``rules.requires_mfa``) enrols at its
first login and verifies a code after each password or SMS login; ``AccountGateMiddleware``
sends an unverified session to the enrol or verify page and refuses everything else.
"""

from __future__ import annotations

import base64
import secrets
from binascii import unhexlify

from django.db import transaction
from django_otp import devices_for_user
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from wulian.accounts.models import User
from wulian.audit.services import record

RECOVERY_CODES = 10
TOTP_NAME = "TOTP"
RECOVERY_NAME = "recovery"
# The demo accounts' shared, published TOTP secret (never use it for a real account): base32
# ``DEMO_TOTP_BASE32``; `wulian otp USERNAME` prints the current code for accounts that use it.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test key, hex


def base32(hex_key: str) -> str:
    return base64.b32encode(unhexlify(hex_key)).decode()


DEMO_TOTP_BASE32 = base32(DEMO_TOTP_KEY)


def is_enrolled(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user: User) -> TOTPDevice:
    """The account's TOTP device waiting for its first code (made once, kept across reloads)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def confirm_enrolment(*, user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the pending device with its first code; returns fresh recovery codes, or None
    when the code is wrong (nothing changes)."""
    if device.user_id != user.pk or device.confirmed or not device.verify_token(_clean(code)):
        return None
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        codes = _new_recovery_codes(user)
        record(actor=user, action="mfa.enrol", obj=user)
    return codes


def regenerate_recovery_codes(*, user: User) -> list[str]:
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        record(actor=user, action="mfa.recovery_codes", obj=user)
    return codes


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def verify(user: User, code: str):
    """The device that accepts ``code`` (a TOTP code or an unused recovery code), or None.
    Each device's own throttle slows down guessing (django-otp's exponential back-off)."""
    code = _clean(code)
    if not code:
        return None
    for device in devices_for_user(user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(code):
            return device
    return None


def current_code(device: TOTPDevice, *, ahead: int = 0) -> str:
    """The code the device accepts now (``ahead`` steps later), as an authenticator app shows."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def next_usable_code(device: TOTPDevice) -> str:
    """A code the device will accept now: the current one, or the next step's when the
    current one was just used (the device refuses a step twice)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return current_code(device, ahead=1 if device.last_t >= totp.t() else 0)


def set_demo_device(user: User) -> TOTPDevice:
    """Give a demo account the published demo TOTP secret (confirmed)."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name=TOTP_NAME, key=DEMO_TOTP_KEY, confirmed=True)


def _clean(code: str) -> str:
    return (code or "").strip().replace(" ", "").replace("-", "")


def random_secret_hex() -> str:
    return secrets.token_hex(20)


def mark_test_session_verified(client, user: User) -> None:
    """Tests only (the root conftest's ``force_login``): record a verified second factor in the
    test client's session, with the account's device (one is made if it has none)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
