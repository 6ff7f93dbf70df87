"""The account pages (``views_phone`` holds the phone pages): signing in, administering
accounts, one's own account."""

from wulian.accounts.views.login import (
    LoginView,
    login_view,
    logout_view,
    mfa_enrol,
    mfa_recovery,
    mfa_verify,
)
from wulian.accounts.views.own import (
    account,
    account_session_end,
    account_token_create,
    account_token_revoke,
    my_data,
    password_change,
)
from wulian.accounts.views.users import (
    lockout_reset,
    role_grant,
    role_org_options,
    role_revoke,
    token_revoke,
    user_create,
    user_detail,
    user_list,
    user_set_active,
    user_set_password,
)

__all__ = [
    "LoginView",
    "account",
    "account_session_end",
    "account_token_create",
    "account_token_revoke",
    "lockout_reset",
    "login_view",
    "logout_view",
    "mfa_enrol",
    "mfa_recovery",
    "mfa_verify",
    "my_data",
    "password_change",
    "role_grant",
    "role_org_options",
    "role_revoke",
    "token_revoke",
    "user_create",
    "user_detail",
    "user_list",
    "user_set_active",
    "user_set_password",
]
