"""Accounts, roles (with 三员分立) and API tokens.

Split by subject: ``access`` (the checks services start with), ``credentials`` (accounts,
passwords, sessions, second factors), ``roles`` and ``lifecycle`` (tokens and an account's state).
Import from here.
"""

from wulian.accounts.services.access import (
    require,
    require_administrable,
    require_area,
)
from wulian.accounts.services.credentials import (
    break_glass_reset,
    change_own_password,
    check_second_factor,
    create_user,
    end_sessions,
    end_tokens,
    record_login_session,
    rekey_login_session,
    set_password,
    validate_new_password,
)
from wulian.accounts.services.lifecycle import (
    TOKEN_MAX_DAYS,
    anonymise_account,
    authenticate_token,
    create_token,
    end_login_session,
    export_own_data,
    on_lockout,
    revoke_token,
    set_active,
    token_days_default,
)
from wulian.accounts.services.roles import (
    forget_scopes,
    grant_role,
    revoke_role,
)

__all__ = [
    "validate_new_password",  # the local-account pages check a new password with it
    "TOKEN_MAX_DAYS",
    "anonymise_account",
    "authenticate_token",
    "break_glass_reset",
    "change_own_password",
    "check_second_factor",
    "create_token",
    "create_user",
    "end_login_session",
    "end_sessions",
    "end_tokens",
    "export_own_data",
    "forget_scopes",
    "grant_role",
    "on_lockout",
    "record_login_session",
    "rekey_login_session",
    "require",
    "require_administrable",
    "require_area",
    "revoke_role",
    "revoke_token",
    "set_active",
    "set_password",
    "token_days_default",
]
