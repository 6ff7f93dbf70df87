"""The permission matrix's rows for login, accounts and roles (三员: none of these is scoped)."""

from wulian.web.testing import Target, UrlCase


def _user(world) -> list[Target]:
    return [Target({"pk": world.users["xihuamen_staff"].pk})]


def _role(world) -> list[Target]:
    return [Target({"pk": world.users["xihuamen_staff"].roles.get().pk})]


def _other_token(world) -> list[Target]:
    """A token of an account no matrix role logs in as: only the security admin may end it."""
    from wulian.accounts.models import ApiToken
    from wulian.accounts.services import create_token

    create_token(user=world.users["qingyuan_admin"], by=None, name="matrix")
    return [
        Target({"pk": ApiToken.objects.filter(user=world.users["qingyuan_admin"]).latest("pk").pk})
    ]


def _other_session(world) -> list[Target]:
    from wulian.accounts.models import LoginSession

    login = LoginSession.objects.create(
        user=world.users["qingyuan_admin"], session_key="matrix-not-a-session"
    )
    return [Target({"pk": login.pk})]


def _pending_signup(world) -> list[Target]:
    """A sign-up waiting in 黉门街社区 (no matrix role's community: their staff get 404)."""
    from wulian.accounts.models import User
    from wulian.web.demo import HONGMENJIE

    user = User.objects.create(
        username="matrix-signup",
        signup_status="pending",
        signup_name="新居民",
        signup_area=world.areas[HONGMENJIE],
    )
    return [Target({"pk": user.pk}, area=world.areas[HONGMENJIE])]


def _hongmenjie_resident(world) -> list[Target]:
    from wulian.web.demo import HONGMENJIE

    return [Target({"pk": world.users["resident_demo"].pk}, area=world.areas[HONGMENJIE])]


CASES = [
    UrlCase("accounts:login", action=None),
    UrlCase("accounts:logout", action=None, method="post", expect=302),
    UrlCase("accounts:password_change", action="account.self"),
    UrlCase("accounts:password_change", action="account.self", method="post", data=lambda w: {}),
    # Public phone pages: sign-up, SMS login, SMS reset (a POST without data is a form error).
    UrlCase("accounts:signup", action=None),
    UrlCase("accounts:signup", action=None, method="post", data=lambda w: {}),
    UrlCase("accounts:sms_login", action=None),
    UrlCase("accounts:sms_login", action=None, method="post", data=lambda w: {}),
    UrlCase("accounts:sms_reset", action=None),
    UrlCase("accounts:sms_reset", action=None, method="post", data=lambda w: {}),
    UrlCase("accounts:signup_list", action="signup.review"),
    UrlCase(
        "accounts:signup_verify",
        action="signup.review",
        method="post",
        targets=_pending_signup,
        expect=302,
    ),
    UrlCase(
        "accounts:signup_refuse",
        action="signup.review",
        method="post",
        targets=_pending_signup,
        data=lambda w: {"reason": "查无此人"},
        expect=302,
    ),
    UrlCase("accounts:local_account_list", action="account.local_manage"),
    UrlCase("accounts:local_account_create", action="account.local_manage"),
    UrlCase(
        "accounts:local_account_create",
        action="account.local_manage",
        method="post",
        data=lambda w: {},
    ),
    UrlCase(
        "accounts:local_account_active",
        action="account.local_manage",
        method="post",
        targets=_hongmenjie_resident,
        data=lambda w: {"active": "0"},
        expect=302,
    ),
    UrlCase(
        "accounts:local_account_password",
        action="account.local_manage",
        method="post",
        targets=_hongmenjie_resident,
        data=lambda w: {"password": "Neu-Passw0rt"},
        expect=302,
    ),
    UrlCase("accounts:account", action="account.self"),
    UrlCase(
        "accounts:my_data",
        action="account.self",
        expect=200,
        targets=lambda w: [Target({"fmt": "json"}), Target({"fmt": "xlsx"})],
    ),
    UrlCase("accounts:mfa_verify", action="account.self"),
    UrlCase(
        "accounts:mfa_verify", action="account.self", method="post", data=lambda w: {"code": "x"}
    ),
    UrlCase("accounts:mfa_enrol", action="account.self"),
    UrlCase("accounts:mfa_recovery", action="account.self", method="post"),
    UrlCase(
        "accounts:account_token_create", action="token.create", method="post", data=lambda w: {}
    ),
    # Another account's token or session is not found, whoever asks.
    UrlCase(
        "accounts:account_token_revoke",
        action="account.self",
        method="post",
        targets=_other_token,
        expect=404,
    ),
    UrlCase(
        "accounts:account_session_end",
        action="account.self",
        method="post",
        targets=_other_session,
        expect=404,
    ),
    UrlCase(
        "accounts:token_revoke",
        action="token.revoke_any",
        method="post",
        targets=_other_token,
        expect=302,
    ),
    UrlCase(
        "accounts:user_set_active",
        action="user.disable",
        method="post",
        targets=_user,
        data=lambda w: {"active": "0"},
        expect=302,
    ),
    UrlCase("accounts:users", action="user.view"),
    UrlCase("accounts:user_create", action="user.create"),
    UrlCase(
        "accounts:user_create", action="user.create", method="post", data=lambda w: {"username": ""}
    ),
    UrlCase("accounts:user_detail", action="user.view", targets=_user),
    UrlCase(
        "accounts:role_grant", action="role.grant", method="post", targets=_user, data=lambda w: {}
    ),
    UrlCase("accounts:role_org_options", action="role.grant"),
    UrlCase("accounts:role_revoke", action="role.revoke", method="post", targets=_role, expect=302),
    UrlCase(
        "accounts:lockout_reset", action="lockout.reset", method="post", targets=_user, expect=302
    ),
    UrlCase(
        "accounts:user_set_password",
        action="user.set_password",
        method="post",
        targets=_user,
        data=lambda w: {"password": "short"},
        expect=302,
    ),
]
