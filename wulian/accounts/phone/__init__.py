"""Accounts by mobile number: SMS codes, self sign-up, login by code and password reset by code.

Codes: 6 digits, only an HMAC-SM3 kept, valid 5 minutes, at most 5 tries; at most 1 sent a
minute and 10 a day per number, 20 an hour per address. The limits count ``SmsCode`` rows in
the database (exact across workers; on PostgreSQL an advisory lock per number serialises two
requests for one number, on SQLite the IMMEDIATE transaction does). Every refusal is a
``ValidationError`` naming the field, in Chinese.
"""

from wulian.accounts.phone.codes import (
    CODE_MINUTES,
    MAX_TRIES,
    MOBILE,
    PER_IP_HOUR,
    PER_PHONE_DAY,
    PER_PHONE_MINUTE,
    check_code,
    login_by_code,
    mobile,
    phone_index,
    request_code,
    reset_by_code,
    user_by_phone,
)
from wulian.accounts.phone.names import lockout_name, login_name, username_errors
from wulian.accounts.phone.signup import (
    home_community,
    pending_signups,
    refuse_signup,
    sign_up,
    verify_signup,
)

__all__ = [
    "CODE_MINUTES",
    "MAX_TRIES",
    "MOBILE",
    "PER_IP_HOUR",
    "PER_PHONE_DAY",
    "PER_PHONE_MINUTE",
    "check_code",
    "home_community",
    "lockout_name",
    "login_by_code",
    "login_name",
    "mobile",
    "pending_signups",
    "phone_index",
    "refuse_signup",
    "request_code",
    "reset_by_code",
    "sign_up",
    "user_by_phone",
    "username_errors",
    "verify_signup",
]
