"""Self sign-up by mobile number and the community's review of sign-ups."""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wulian.accounts.models import RoleKind, SignupStatus, SmsPurpose, User
from wulian.accounts.phone.codes import _account_of, check_code, mobile, phone_index
from wulian.accounts.related import area_model, org_model, person_model, record_person
from wulian.accounts.rules import has_action
from wulian.audit.services import record
from wulian.core.crypto import encrypt_field
from wulian.core.validators import mask_phone


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


def home_community(area):
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
    user = User(username=_new_username(), display_name=name[:50])
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    check_code(phone=number, purpose=SmsPurpose.SIGNUP, code=code)
    # After the code only: a number with an account got no code, so a stranger learns nothing
    # here; the number's owner (an account made since their code was sent) is told.
    if _account_of(index) is not None:
        raise ValidationError({"phone": _("该手机号已注册账号，请直接用验证码登录或找回密码。")})
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
            _grant_resident(user, home_community(person.home_area) or area)
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
