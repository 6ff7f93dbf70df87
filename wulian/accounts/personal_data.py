"""What accounts holds about a person: the account itself, its roles, sign-ins and tokens
(core.personal_data), and the retention purges of short-lived rows."""

from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wulian.accounts.models import ApiToken, LoginSession, SmsCode
from wulian.core.personal_data import register_erasure, register_purge, register_section


def _account(user, person) -> list[dict]:
    from wulian.core.crypto import decrypt_field

    return [
        {
            str(_("用户名")): user.username,
            str(_("显示名称")): user.display_name,
            str(_("手机号")): decrypt_field(user.phone_encrypted) if user.phone_encrypted else "",
            str(_("注册时间")): user.date_joined,
            str(_("最近登录")): user.last_login,
            str(_("角色")): [str(role) for role in user.roles.select_related("org")],
        }
    ]


def _sessions(user, person) -> list[dict]:
    return [
        {
            str(_("登录时间")): s.created_at,
            str(_("IP地址")): s.ip or "",
            str(_("浏览器")): s.user_agent,
        }
        for s in LoginSession.objects.filter(user=user).order_by("-created_at")
    ]


def _tokens(user, person) -> list[dict]:
    return [
        {
            str(_("名称")): t.name,
            str(_("前缀")): t.prefix,
            str(_("创建时间")): t.created_at,
            str(_("到期时间")): t.expires_at,
            str(_("已撤销")): t.revoked,
        }
        for t in ApiToken.objects.filter(user=user).order_by("-created_at")
    ]


register_section("account", _("账号信息"), _account)
register_section("login_sessions", _("登录记录"), _sessions)
register_section("api_tokens", _("接口令牌"), _tokens)

register_purge("sms_codes", lambda cutoff: SmsCode.objects.filter(expires_at__lt=cutoff))
register_purge("sessions", lambda cutoff: Session.objects.filter(expire_date__lt=cutoff))


def _old_login_records(cutoff):
    """Login records older than the period, except those of a session still alive (its record is
    what lets a password reset or a disable end it)."""
    from django.utils import timezone

    live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return LoginSession.objects.filter(created_at__lt=cutoff).exclude(session_key__in=live)


register_purge("login_sessions", _old_login_records)
register_purge(
    "api_tokens",
    lambda cutoff: ApiToken.objects.filter(
        Q(revoked=True, revoked_at__lt=cutoff) | Q(revoked=False, expires_at__lt=cutoff)
    ),
)


def _erase_account(person, by) -> int:
    from wulian.accounts.models import User
    from wulian.accounts.services import anonymise_account

    users = list(User.objects.filter(person=person))
    for user in users:
        anonymise_account(user=user)
    return len(users)


register_erasure("account", retained=lambda person: "", erase=_erase_account)
