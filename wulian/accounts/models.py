from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from wulian.accounts.selectors import Scope


class SignupStatus(models.TextChoices):
    PENDING = "pending", _("待社区审核")
    REFUSED = "refused", _("未通过")


class User(AbstractUser):
    person = models.OneToOneField(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user",
        verbose_name=_("对应人员"),
    )
    display_name = models.CharField(_("显示名称"), max_length=50, blank=True)
    # Set by every password reset (by an admin, break-glass, SMS): the next login must choose a
    # new password before anything else (AccountGateMiddleware).
    must_change_password = models.BooleanField(_("须修改密码"), default=False)
    # The mobile number for SMS login and reset: SM4-encrypted, HMAC-SM3 blind index (one
    # account per number), masked for display.
    phone_encrypted = models.CharField(max_length=200, blank=True)
    phone_index = models.CharField(max_length=64, null=True, blank=True, unique=True)
    phone_masked = models.CharField(_("手机号"), max_length=20, blank=True)
    # Self sign-up that matched no person: community staff of ``signup_area`` verify or refuse it.
    signup_status = models.CharField(
        _("注册审核"), max_length=10, choices=SignupStatus.choices, blank=True
    )
    signup_area = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("注册社区"),
    )
    signup_name = models.CharField(_("注册姓名"), max_length=50, blank=True)
    # Part of the key of the account's scope and roles in the shared cache (accounts/selectors.py):
    # every service that changes them (roles, disabling, an org's place or line, the home area)
    # sets a new random stamp, so that the next request computes them afresh. Random rather than
    # counted, so that a stamp of a rolled-back transaction is never used again.
    scope_stamp = models.CharField(max_length=16, blank=True, default="", editable=False)

    # Not fields: what a request computes once and keeps on its user object (accounts.selectors.
    # scope_for and accounts.rules.role_kinds; the orgs of its roles, meetings and duties selectors).
    _wulian_scope: "Scope"
    _wulian_role_kinds: frozenset[str]
    _wulian_org_ids: set[int]

    class Meta:
        verbose_name = _("账号")
        verbose_name_plural = _("账号")

    def __str__(self) -> str:
        return self.display_name or self.username


class RoleKind(models.TextChoices):
    CITY_ADMIN = "city_admin", _("市级管理员")
    CITY_STAFF = "city_staff", _("市级工作人员")
    DISTRICT_ADMIN = "district_admin", _("区级管理员")
    DISTRICT_STAFF = "district_staff", _("区级工作人员")
    STREET_ADMIN = "street_admin", _("街道管理员")
    STREET_STAFF = "street_staff", _("街道工作人员")
    COMMUNITY_ADMIN = "community_admin", _("社区管理员")
    COMMUNITY_STAFF = "community_staff", _("社区工作人员")
    DEPARTMENT_ADMIN = "department_admin", _("条线部门管理员")
    DEPARTMENT_STAFF = "department_staff", _("条线部门工作人员")
    UNIT_CONTACT = "unit_contact", _("驻区单位联络员")
    PARTY_MEMBER = "party_member", _("党员")
    RESIDENT = "resident", _("居民")
    SYSTEM_ADMIN = "system_admin", _("系统管理员")
    SECURITY_ADMIN = "security_admin", _("安全管理员")
    AUDIT_ADMIN = "audit_admin", _("审计管理员")


# The level an area role must be held at, via an org that leads (or coordinates) that level.
AREA_ROLE_LEVEL = {
    RoleKind.CITY_ADMIN: "city",
    RoleKind.CITY_STAFF: "city",
    RoleKind.DISTRICT_ADMIN: "district",
    RoleKind.DISTRICT_STAFF: "district",
    RoleKind.STREET_ADMIN: "street",
    RoleKind.STREET_STAFF: "street",
    RoleKind.COMMUNITY_ADMIN: "community",
    RoleKind.COMMUNITY_STAFF: "community",
}
AREA_ADMIN_ROLES = {
    RoleKind.CITY_ADMIN,
    RoleKind.DISTRICT_ADMIN,
    RoleKind.STREET_ADMIN,
    RoleKind.COMMUNITY_ADMIN,
}
AREA_ROLES = set(AREA_ROLE_LEVEL)
# 条线: roles held at a department (an org of kind department). They give rights over the units of
# the department's line (and of the departments under it) located in the department's area — a
# city department the whole city, a district department its district — never over an area.
DEPARTMENT_ROLES = {RoleKind.DEPARTMENT_ADMIN, RoleKind.DEPARTMENT_STAFF}
# 三员分立: none of these may be held with any other role.
SEPARATED_ADMIN_ROLES = {RoleKind.SYSTEM_ADMIN, RoleKind.SECURITY_ADMIN, RoleKind.AUDIT_ADMIN}
# Roles held as an official of an org (what "the org is told" reaches), as opposed to the roles
# a resident or a party member holds at an org as its member.
MEMBER_ROLES = {RoleKind.PARTY_MEMBER, RoleKind.RESIDENT}
OFFICIAL_ROLES = set(RoleKind) - MEMBER_ROLES - SEPARATED_ADMIN_ROLES
# Roles that sign in without a second factor; every other role (staff of any level, any future
# department role, and the three administrators) must enrol and verify a TOTP device.
MFA_EXEMPT_ROLES = {RoleKind.RESIDENT, RoleKind.PARTY_MEMBER, RoleKind.UNIT_CONTACT}


class Role(models.Model):
    """A role a user holds at an org. An area role gives rights over the org's area subtree."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="roles", verbose_name=_("账号")
    )
    kind = models.CharField(_("角色"), max_length=20, choices=RoleKind.choices)
    org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("所在组织"),
    )
    granted_at = models.DateTimeField(_("授予时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("角色")
        verbose_name_plural = _("角色")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "org"], name="role_unique_per_user_org"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(kind__in=["system_admin", "security_admin", "audit_admin"]),
                name="role_one_separated_admin_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()}" + (
            f" · {self.org}" if self.org_id else ""
        )


class ApiToken(models.Model):
    """A bearer token with a name and an expiry; only its SM3 hash is stored. Ended (revoked) by
    its owner, by the security admin, and by a password change, a disable or a lockout."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=50, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("到期时间"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked = models.BooleanField(default=False)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_reason = models.CharField(_("撤销原因"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")

    def __str__(self) -> str:
        return f"{self.name or self.prefix}… ({self.user})"


class LoginSession(models.Model):
    """A signed-in browser session, kept so that its user can see and end it, and so that a
    password reset, a disable or a lockout ends every session of the account."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(_("登录时间"), auto_now_add=True)
    ip = models.GenericIPAddressField(_("IP地址"), null=True, blank=True)
    user_agent = models.CharField(_("浏览器"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("登录会话")
        verbose_name_plural = _("登录会话")

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d %H:%M}"


class SmsPurpose(models.TextChoices):
    SIGNUP = "signup", _("注册")
    LOGIN = "login", _("登录")
    RESET = "reset", _("重置密码")


class SmsCode(models.Model):
    """One SMS code sent: only an HMAC-SM3 of it is kept, with the number's blind index and a
    hash of the requesting address (for the per-number and per-address limits)."""

    phone_index = models.CharField(max_length=64)
    purpose = models.CharField(max_length=10, choices=SmsPurpose.choices)
    code_hash = models.CharField(max_length=64)
    ip_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    tries = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("短信验证码")
        verbose_name_plural = _("短信验证码")
        indexes = [
            models.Index(fields=["phone_index", "created_at"], name="smscode_phone_time"),
            models.Index(fields=["ip_hash", "created_at"], name="smscode_ip_time"),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} · {self.created_at:%Y-%m-%d %H:%M}"
