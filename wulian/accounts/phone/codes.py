"""SMS codes (request and check, within the limits) and what a code opens: login and password
reset by code."""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import SmsCode, SmsPurpose, User
from wulian.accounts.rules import holds_separated_role
from wulian.audit.services import record
from wulian.core.crypto import blind_index, hmac_sm3_hex, sm3_hex
from wulian.core.gateways import GatewayError
from wulian.core.gateways.sms import OutgoingMessage, send_sms
from wulian.core.validators import mask_phone, normalize_phone

logger = logging.getLogger("wulian.accounts")

MOBILE = re.compile(r"^1[3-9]\d{9}$")
CODE_MINUTES = 5
MAX_TRIES = 5
PER_PHONE_MINUTE = 1
PER_PHONE_DAY = 10
PER_IP_HOUR = 20


def mobile(phone: str) -> str:
    """The normalised mainland mobile number, or a field error."""
    number = normalize_phone(phone or "")
    if not MOBILE.match(number):
        raise ValidationError(
            {
                "phone": _("手机号“%(p)s”不是有效的中国大陆手机号（11位数字，以13–19开头）。")
                % {"p": (phone or "").strip()[:20]}
            }
        )
    return number


def phone_index(number: str) -> str:
    return blind_index(number, purpose="phone")


def _code_hash(index: str, purpose: str, code: str) -> str:
    return hmac_sm3_hex(settings.WULIAN_INDEX_KEY, f"sms:{index}:{purpose}:{code}")


def _lock_number(index: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(index[:15], 16)])


def request_code(*, phone: str, purpose: str, ip: str) -> None:
    """Send a code to ``phone`` for ``purpose`` within the limits, with the same answer whether
    the number has an account or not (no way to find who has one): for login and reset a number
    without an account gets no message; for sign-up a number with one gets a message saying so
    instead of a code (its request counts in the limits all the same)."""
    number = mobile(phone)
    index = phone_index(number)
    if purpose not in SmsPurpose.values:
        raise ValidationError({"purpose": _("未知用途。")})
    account = _account_of(index)
    now = timezone.now()
    ip_hash = sm3_hex(f"ip:{ip}")
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        _lock_number(index)
        recent = SmsCode.objects.filter(phone_index=index)
        last = recent.order_by("-created_at").values_list("created_at", flat=True).first()
        if last is not None and now - last < dt.timedelta(minutes=1):
            wait = 60 - int((now - last).total_seconds())
            raise ValidationError(
                {
                    "phone": _("同一手机号每分钟只能获取1次验证码，请%(s)d秒后再试。")
                    % {"s": max(wait, 1)}
                }
            )
        day_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        if recent.filter(created_at__gte=day_start).count() >= PER_PHONE_DAY:
            raise ValidationError(
                {
                    "phone": _("该手机号今天获取验证码已达%(n)d次上限，请明天再试。")
                    % {"n": PER_PHONE_DAY}
                }
            )
        if (
            SmsCode.objects.filter(
                ip_hash=ip_hash, created_at__gt=now - dt.timedelta(hours=1)
            ).count()
            >= PER_IP_HOUR
        ):
            raise ValidationError(
                {
                    "phone": _("当前网络获取验证码过于频繁（每小时最多%(n)d次），请稍后再试。")
                    % {"n": PER_IP_HOUR}
                }
            )
        SmsCode.objects.create(
            phone_index=index,
            purpose=purpose,
            code_hash=_code_hash(index, purpose, code),
            ip_hash=ip_hash,
            created_at=now,
            expires_at=now + dt.timedelta(minutes=CODE_MINUTES),
        )
    if purpose == SmsPurpose.SIGNUP and account is not None:
        message = OutgoingMessage(
            to=number,
            template="account_exists",
            params={},
            text=_(
                "【五联】该手机号已注册五联账号，请直接用手机号和密码或验证码登录；"
                "忘记密码可通过短信找回。如非本人操作，请忽略。"
            ),
        )
    elif purpose != SmsPurpose.SIGNUP and (account is None or not account.is_active):
        return
    else:
        text = _("【五联】您的%(p)s验证码是%(c)s，%(m)d分钟内有效。请勿告诉他人。") % {
            "p": SmsPurpose(purpose).label,
            "c": code,
            "m": CODE_MINUTES,
        }
        message = OutgoingMessage(
            to=number, template="verification_code", params={"code": code}, text=text
        )
    try:
        send_sms(message)
    except GatewayError as exc:
        logger.warning("SMS code to %s not sent: %s", mask_phone(number), exc)
        raise ValidationError({"phone": _("短信发送失败，请稍后再试。")}) from None


def check_code(*, phone: str, purpose: str, code: str, use: bool = True) -> str:
    """Use up the latest live code of ``phone`` for ``purpose`` if ``code`` matches; returns the
    number. A wrong code uses a try; the 5th wrong try ends the code. ``use=False`` checks a right
    code without using it up (to check the rest of a form before spending the code)."""
    number = mobile(phone)
    index = phone_index(number)
    code = (code or "").strip()
    now = timezone.now()
    latest = (
        SmsCode.objects.filter(phone_index=index, purpose=purpose, used_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    if latest is None or latest.expires_at <= now:
        raise ValidationError({"code": _("验证码已失效或尚未获取，请重新获取。")})
    if latest.tries >= MAX_TRIES:
        raise ValidationError(
            {"code": _("验证码已输错%(n)d次，已失效，请重新获取。") % {"n": MAX_TRIES}}
        )
    if not re.fullmatch(r"\d{6}", code) or not hmac.compare_digest(
        latest.code_hash, _code_hash(index, purpose, code)
    ):
        SmsCode.objects.filter(pk=latest.pk, tries__lt=MAX_TRIES).update(tries=F("tries") + 1)
        left = MAX_TRIES - latest.tries - 1
        if left <= 0:
            raise ValidationError(
                {"code": _("验证码已输错%(n)d次，已失效，请重新获取。") % {"n": MAX_TRIES}}
            )
        raise ValidationError({"code": _("验证码不正确，还可以再试%(n)d次。") % {"n": left}})
    if not use:
        return number
    used = SmsCode.objects.filter(pk=latest.pk, used_at__isnull=True, tries__lt=MAX_TRIES).update(
        used_at=now
    )
    if not used:  # used by a parallel request a moment ago
        raise ValidationError({"code": _("验证码已失效或尚未获取，请重新获取。")})
    return number


def _account_of(index: str) -> User | None:
    """The account of a number: by its own number, else the one account linked to a person
    registered with that number."""
    own = User.objects.filter(phone_index=index).first()
    if own is not None:
        return own
    linked = list(User.objects.filter(person__phone_index=index)[:2])
    return linked[0] if len(linked) == 1 else None


def user_by_phone(number: str) -> User | None:
    return _account_of(phone_index(number))


def login_by_code(*, phone: str, code: str) -> User:
    """The account of ``phone`` after a right login code (the caller logs it in)."""
    number = check_code(phone=phone, purpose=SmsPurpose.LOGIN, code=code)
    user = user_by_phone(number)
    if user is None or not user.is_active:
        raise ValidationError({"phone": _("该手机号没有可用的账号。")})
    return user


def reset_by_code(*, phone: str, code: str, new_password: str) -> User:
    """Forgotten password: a right reset code sets the new password; every session and token of
    the account ends. Not for the three administrators (break-glass only)."""
    from django.contrib.auth.password_validation import validate_password

    from wulian.accounts.services import end_sessions, end_tokens

    # The code first: an unknown number and a wrong code get the same answer, so the password
    # rules (which compare with the account's names) never reveal which numbers have accounts.
    number = check_code(phone=phone, purpose=SmsPurpose.RESET, code=code, use=False)
    user = user_by_phone(number)
    if user is not None:
        try:
            validate_password(new_password, user)
        except ValidationError as exc:
            raise ValidationError({"new_password": exc.messages}) from None
    number = check_code(phone=number, purpose=SmsPurpose.RESET, code=code)
    if user is None or not user.is_active or holds_separated_role(user):
        raise ValidationError({"phone": _("该手机号没有可用的账号。")})
    with transaction.atomic():
        user.set_password(new_password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        end_sessions(user=user)
        end_tokens(user=user, reason="password_reset")
        record(actor=user, action="user.reset_by_sms", obj=user)
    return user
