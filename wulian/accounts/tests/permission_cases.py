"""The permission matrix's rows for login, accounts and roles (三员: none of these is scoped)."""

from wulian.core.testing import Target, UrlCase


def _user(world) -> list[Target]:
    return [Target({"pk": world.users["xihuamen_staff"].pk})]


def _role(world) -> list[Target]:
    return [Target({"pk": world.users["xihuamen_staff"].roles.get().pk})]


CASES = [
    UrlCase("accounts:login", action=None),
    UrlCase("accounts:logout", action=None, method="post", expect=302),
    UrlCase("accounts:password_change", action="account.self"),
    UrlCase("accounts:password_change", action="account.self", method="post", data=lambda w: {}),
    UrlCase("accounts:users", action="user.view"),
    UrlCase("accounts:user_create", action="user.create"),
    UrlCase("accounts:user_create", action="user.create", method="post", data=lambda w: {"username": ""}),
    UrlCase("accounts:user_detail", action="user.view", targets=_user),
    UrlCase("accounts:role_grant", action="role.grant", method="post", targets=_user, data=lambda w: {}),
    UrlCase("accounts:role_org_options", action="role.grant"),
    UrlCase("accounts:role_revoke", action="role.revoke", method="post", targets=_role, expect=302),
    UrlCase("accounts:lockout_reset", action="lockout.reset", method="post", targets=_user, expect=302),
    UrlCase("accounts:user_set_password", action="user.set_password", method="post", targets=_user,
            data=lambda w: {"password": "short"}, expect=302),
]
