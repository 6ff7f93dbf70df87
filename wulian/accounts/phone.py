"""Accounts by mobile number: SMS codes, self sign-up, login by code and password reset by code.

Codes: 6 digits, only an HMAC-SM3 kept, valid 5 minutes, at most 5 tries; at most 1 sent a
minute and 10 a day per number, 20 an hour per address. The limits count ``SmsCode`` rows in
the database (exact across workers; on PostgreSQL an advisory lock per number serialises two
requests for one number, on SQLite the IMMEDIATE transaction does). Every refusal is a
``ValidationError`` naming the field, in Chinese.
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import re
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import RoleKind, SignupStatus, SmsCode, SmsPurpose, User
from wulian.accounts.related import area_model, org_model, person_model, record_person
from wulian.accounts.rules import has_action, holds_separated_role
from wulian.audit.services import record
from wulian.core.crypto import blind_index, encrypt_field, hmac_sm3_hex, sm3_hex
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
    """Send a code to ``phone`` for ``purpose`` within the limits. For login and reset, a number
    without an account gets the same answer but no message (no way to find who has an account)."""
    number = mobile(phone)
    index = phone_index(number)
    if purpose not in SmsPurpose.values:
        raise ValidationError({"purpose": _("未知用途。")})
    account = _account_of(index)
    if purpose == SmsPurpose.SIGNUP and account is not None:
        raise ValidationError({"phone": _("该手机号已注册账号，请直接用验证码登录或找回密码。")})
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
    if purpose != SmsPurpose.SIGNUP and (account is None or not account.is_active):
        return
    text = _("【五联】您的%(p)s验证码是%(c)s，%(m)d分钟内有效。请勿告诉他人。") % {
        "p": SmsPurpose(purpose).label,
        "c": code,
        "m": CODE_MINUTES,
    }
    try:
        send_sms(
            OutgoingMessage(
                to=number, template="verification_code", params={"code": code}, text=text
            )
        )
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


def _community(query: str):
    """The community named by a 12-digit code or an unambiguous name."""
    Area = area_model()
    query = (query or "").strip()
    communities = Area.objects.filter(level="community")
    found = (
        list(communities.filter(code=query)[:1])
        if query.isdigit()
        else list(communities.filter(name=query)[:2])
    )
    if len(found) != 1:
        if len(found) > 1:
            raise ValidationError(
                {"community": _("有多个社区名为“%(q)s”，请填写12位区划代码。") % {"q": query}}
            )
        raise ValidationError(
            {"community": _("找不到社区“%(q)s”，请填写社区全称或12位区划代码。") % {"q": query}}
        )
    return found[0]


def _home_community(area):
    Area = area_model()
    if area.level == "community":
        return area
    return Area.objects.filter(level="community", code__in=area.ancestor_codes()).first()


def _grant_resident(user: User, community) -> None:
    from wulian.accounts.services import grant_role

    org = org_model().objects.filter(leads=community).first()
    if org is None:
        raise ValidationError(
            {
                "community": _("“%(c)s”没有领导它的党组织，暂不能开通居民账号。")
                % {"c": community.name}
            }
        )
    grant_role(user=user, kind=RoleKind.RESIDENT, org=org, by=None)


def sign_up(*, phone: str, code: str, name: str, community: str, password: str) -> User:
    """Self sign-up: a matching person (by the phone's blind index, not yet linked) is linked and
    the account is a resident at once; otherwise the account waits for the community's staff."""
    from django.contrib.auth.password_validation import validate_password

    Person = person_model()
    number = mobile(phone)
    index = phone_index(number)
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("请填写姓名。")]
    try:
        area = _community(community)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        area = None
    if _account_of(index) is not None:
        errors["phone"] = [_("该手机号已注册账号，请直接用验证码登录或找回密码。")]
    user = User(username=_new_username(), display_name=name[:50])
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    check_code(phone=number, purpose=SmsPurpose.SIGNUP, code=code)
    matches = list(
        Person.objects.filter(phone_index=index, user__isnull=True).select_related("home_area")[:2]
    )
    person = matches[0] if len(matches) == 1 else None
    with transaction.atomic():
        user.set_password(password)
        user.phone_encrypted, user.phone_index, user.phone_masked = (
            encrypt_field(number),
            index,
            mask_phone(number),
        )
        user.signup_name, user.signup_area = name[:50], area
        user.person = person
        user.signup_status = "" if person is not None else SignupStatus.PENDING
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            raise ValidationError(
                {"phone": _("该手机号已注册账号，请直接用验证码登录或找回密码。")}
            ) from None
        if person is not None:
            _grant_resident(user, _home_community(person.home_area) or area)
        record(
            actor=user,
            action="user.sign_up",
            obj=user,
            after={
                "phone": user.phone_masked,
                "community": area.code,
                "linked_person": person.pk if person else None,
                "status": user.signup_status or "active",
            },
        )
    return user


def _new_username() -> str:
    while True:
        name = "r" + secrets.token_hex(4)
        if not User.objects.filter(username=name).exists():
            return name


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


# ------------------------------------------------------------------------- staff review


def pending_signups(user):
    """Sign-ups waiting in the user's communities."""
    from wulian.accounts.selectors import scope_for

    scope = scope_for(user)
    return (
        scope.filter(User.objects.filter(signup_status=SignupStatus.PENDING), area="signup_area")
        .select_related("signup_area")
        .order_by("date_joined", "pk")
    )


def _require_review(by, user: User) -> None:
    from wulian.accounts.selectors import scope_for

    if not has_action(by, "signup.review"):
        raise PermissionDenied("signup.review")
    if user.signup_area is None or not scope_for(by).covers_path(user.signup_area.path):
        raise PermissionDenied("signup.review")


def verify_signup(*, user: User, by) -> User:
    """Community staff confirm a pending sign-up: a person is recorded in the community with the
    name and number given, linked, and the account becomes a resident."""
    from wulian.core.crypto import decrypt_field

    _require_review(by, user)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.signup_status != SignupStatus.PENDING:
            raise ValidationError(_("该注册申请已处理。"))
        person = record_person(
            by=by,
            name=locked.signup_name,
            phone=decrypt_field(locked.phone_encrypted),
            home_area=locked.signup_area,
        )
        locked.person, locked.signup_status = person, ""
        locked.save(update_fields=["person", "signup_status"])
        _grant_resident(locked, locked.signup_area)
        record(actor=by, action="signup.verify", obj=locked, after={"person": person.pk})
    return locked


def refuse_signup(*, user: User, by, reason: str = "") -> User:
    """Community staff refuse a pending sign-up: the account is disabled, with the reason."""
    _require_review(by, user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写不通过的原因。")})
    with transaction.atomic():
        updated = User.objects.filter(pk=user.pk, signup_status=SignupStatus.PENDING).update(
            signup_status=SignupStatus.REFUSED, is_active=False
        )
        if not updated:
            raise ValidationError(_("该注册申请已处理。"))
        record(actor=by, action="signup.refuse", obj=user, after={"reason": reason[:200]})
    user.refresh_from_db()
    return user
