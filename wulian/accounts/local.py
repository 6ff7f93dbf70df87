"""Community admins' accounts for residents and unit contacts in their own area, within
三员分立: they never touch staff, party members or the three administrators, nor their own
account. Every change is audited; a reset forces a new password and ends sessions and tokens."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from wulian.accounts.models import Role, RoleKind, SignupStatus, User
from wulian.accounts.related import org_model
from wulian.accounts.rules import has_action
from wulian.accounts.selectors import scope_for
from wulian.audit.services import record

LOCAL_KINDS = (RoleKind.RESIDENT, RoleKind.UNIT_CONTACT)


def local_accounts(by) -> QuerySet[User]:
    """Accounts whose every role is a resident or unit-contact role at an org in ``by``'s admin
    subtrees (and refused or pending sign-ups of those communities)."""
    paths = scope_for(by).admin_area_paths
    if not paths or not has_action(by, "account.local_manage"):
        return User.objects.none()
    signup_under = Q(pk__in=[])
    for path in paths:
        signup_under |= Q(signup_area__path__startswith=path)
    held = Role.objects.filter(_org_under(paths), kind__in=LOCAL_KINDS).values("user_id")
    other = Role.objects.exclude(kind__in=LOCAL_KINDS).values("user_id")
    outside = Role.objects.filter(kind__in=LOCAL_KINDS).exclude(_org_under(paths)).values("user_id")
    signups = User.objects.filter(signup_under, roles__isnull=True).values("pk")
    return (
        User.objects.filter(Q(pk__in=held) | Q(pk__in=signups))
        .exclude(pk__in=other)
        .exclude(pk__in=outside)
        .exclude(pk=by.pk)
        .order_by("username")
    )


def _org_under(paths) -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(org__area__path__startswith=path)
    return q


def require_local(by, user: User) -> None:
    if not has_action(by, "account.local_manage"):
        raise PermissionDenied("account.local_manage")
    if not local_accounts(by).filter(pk=user.pk).exists():
        raise PermissionDenied("account.local_manage")


def _holder_errors(scope, kind: str, person, org) -> dict[str, list[str]]:
    """What is wrong with the person (a resident's account) or the unit (a unit contact's)."""
    if kind == RoleKind.RESIDENT:
        if person is None:
            return {"person_phone": [_("请填写本社区已登记居民的手机号。")]}
        if not scope.covers_path(person.home_area.path, admin=True):
            return {"person_phone": [_("该居民不在您管理的社区。")]}
        if User.objects.filter(person=person).exists():
            return {"person_phone": [_("该居民已有账号。")]}
        return {}
    if kind == RoleKind.UNIT_CONTACT:
        if org is None or not org.is_unit:
            return {"org": [_("请选择驻区单位。")]}
        if not scope.covers_path(org.area.path, admin=True):
            return {"org": [_("该单位不在您管理的社区。")]}
        return {}
    return {"kind": [_("社区只能开通居民和驻区单位联络员账号。")]}


def _as_resident(user: User, person):
    """Give the account the person and the person's mobile; the org that leads the person's
    community (the role's org)."""
    from wulian.accounts.phone import home_community

    user.person = person
    user.phone_encrypted, user.phone_index, user.phone_masked = (
        person.phone_encrypted,
        person.phone_index,
        person.phone_masked,
    )
    org = org_model().objects.filter(leads=home_community(person.home_area)).first()
    if org is None:
        raise ValidationError({"person_phone": _("该居民所在社区没有领导它的党组织。")})
    return org


def create_local_account(
    *, by, kind: str, username: str, password: str, display_name: str = "", person=None, org=None
) -> User:
    """A resident account for a person of the area (with the person's mobile for SMS login),
    or a unit-contact account for a unit of the area. The password must be changed at first login."""
    from wulian.accounts.phone import username_errors
    from wulian.accounts.services import grant_role

    if not has_action(by, "account.local_manage"):
        raise PermissionDenied("account.local_manage")
    username = (username or "").strip()
    errors: dict[str, list[str]] = {}
    if name_errors := username_errors(username):
        errors["username"] = name_errors
    errors.update(_holder_errors(scope_for(by), kind, person, org))
    user = User(
        username=username, display_name=(display_name or "").strip()[:50], must_change_password=True
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        user.set_password(password)
        if kind == RoleKind.RESIDENT:
            org = _as_resident(user, person)
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            raise ValidationError({"person_phone": _("该手机号已有账号。")}) from None
        grant_role(user=user, kind=kind, org=org, by=None)
        record(
            actor=by, action="account.local_create", obj=user, after={"kind": kind, "org": org.pk}
        )
    return user


def local_set_active(*, by, user: User, active: bool) -> None:
    from wulian.accounts.services import end_sessions, end_tokens

    require_local(by, user)
    if user.is_active == active:
        raise ValidationError(_("该账号已是此状态。"))
    with transaction.atomic():
        user.is_active = active
        if active and user.signup_status == SignupStatus.REFUSED:
            user.signup_status = SignupStatus.PENDING
        user.save(update_fields=["is_active", "signup_status"])
        if not active:
            end_sessions(user=user)
            end_tokens(user=user, reason="disabled")
        record(
            actor=by, action="account.local_enable" if active else "account.local_disable", obj=user
        )


def local_reset_password(*, by, user: User, password: str) -> None:
    from wulian.accounts.services import end_sessions, end_tokens, validate_new_password

    require_local(by, user)
    validate_new_password(password, user, field="password")
    with transaction.atomic():
        user.set_password(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        end_sessions(user=user)
        end_tokens(user=user, reason="password_reset")
        record(actor=by, action="account.local_reset", obj=user)
