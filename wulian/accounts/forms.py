from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from wulian.accounts.models import SEPARATED_ADMIN_ROLES, RoleKind
from wulian.accounts.related import area_model, org_model
from wulian.core import bounds
from wulian.web.pickers import OrgPicker

if TYPE_CHECKING:  # accounts sits below areas and orgs: their models come through its relations
    from wulian.areas.models import Area
    from wulian.orgs.models import Org


class LoginForm(AuthenticationForm):
    """The password login, by username or by the mobile number the account signed up with."""

    username = forms.CharField(label=_("用户名或手机号"), max_length=150)
    password = forms.CharField(label=_("密码"), widget=forms.PasswordInput)
    error_messages = {
        "invalid_login": _("用户名或密码错误。连续5次错误将锁定账号。"),
        "inactive": _("该账号已停用。"),
    }

    def clean_username(self) -> str:
        from wulian.accounts.phone import login_name

        return login_name(self.cleaned_data["username"])


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    display_name = forms.CharField(label=_("显示名称"), max_length=50, required=False)
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput)


class RoleGrantForm(forms.Form):
    """Any org is accepted by id (``grant_role`` checks it fits the role); the select only
    offers the orgs of the admin's filter (``offer``), since a city holds thousands."""

    kind = forms.ChoiceField(label=_("角色"), choices=RoleKind.choices)
    org = forms.ModelChoiceField(
        label=_("所在组织"),
        queryset=org_model().objects.all(),
        required=False,
        error_messages={"invalid_choice": _("编号为“%(value)s”的组织不存在。")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The 三员 roles stay valid choices so that ``grant_role`` refuses them with its reason,
        # but the select does not offer what is only ever refused.
        self.fields["kind"].widget.choices = [
            (value, label)
            for value, label in RoleKind.choices
            if value not in SEPARATED_ADMIN_ROLES
        ]

    def offer(self, orgs: list[Org]) -> None:
        """Offer these orgs in the select, and the org already posted if it is not among them."""
        chosen = str(self.data.get(self.add_prefix("org")) or "") if self.is_bound else ""
        if chosen.isdigit() and all(str(org.pk) != chosen for org in orgs):
            orgs = [*orgs, *org_model().objects.select_related("area").filter(pk=chosen)]
        self.fields["org"].widget.choices = [
            ("", "---------"),
            *((org.pk, org_label(org)) for org in orgs),
        ]


# The grant form offers at most this many orgs: a city holds thousands, and one select of them
# helps nobody. The admin narrows the list by area and name (RoleOrgFilterForm).
ORG_CHOICE_LIMIT = 50


def org_label(org: Org) -> str:
    """Org names repeat across areas (each community has its 业主委员会): show the area too."""
    return f"{org.name}（{org.area.name}）"


class RoleOrgFilterForm(forms.Form):
    """The GET form that narrows the grant form's org list, with or without htmx."""

    area = forms.CharField(label=_("区域代码"), max_length=20, required=False)
    q = forms.CharField(label=_("组织名称/信用代码"), max_length=100, required=False)

    def clean_area(self) -> Area | None:
        code = self.cleaned_data["area"].strip()
        if not code:
            return None
        area = area_model().objects.filter(code=code).first()
        if area is None:
            raise forms.ValidationError(_("区划代码“%(c)s”不存在。") % {"c": code})
        return area

    def orgs(self) -> tuple[list[Org], bool]:
        """The first ``ORG_CHOICE_LIMIT`` matching orgs, and whether more match. An unbound
        form lists the first orgs of the city; an invalid filter lists none."""
        qs = org_model().objects.select_related("area")
        if self.is_bound:
            if not self.is_valid():
                return [], False
            qs = qs.search(q=self.cleaned_data["q"].strip(), area=self.cleaned_data["area"])
        orgs = list(qs[: ORG_CHOICE_LIMIT + 1])
        return orgs[:ORG_CHOICE_LIMIT], len(orgs) > ORG_CHOICE_LIMIT


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=_("原密码"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    new_password = forms.CharField(
        label=_("新密码"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("至少8位，含小写字母、大写字母、数字、符号中的至少3类。"),
    )
    new_password2 = forms.CharField(
        label=_("再次输入新密码"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("new_password")
            and data.get("new_password2")
            and data["new_password"] != data["new_password2"]
        ):
            self.add_error("new_password2", _("两次输入的新密码不一致。"))
        return data


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("令牌名称"), max_length=50, required=False, help_text=_("例如：数据对接脚本。")
    )
    days = bounds.IntegerField(
        label=_("有效期（天）"),
        min_value=1,
        max_value=365,
        initial=90,
        error_messages={
            "min_value": _("有效期应为1至365天。"),
            "max_value": _("有效期应为1至365天。"),
            "invalid": _("有效期应为整数天数。"),
        },
    )


class MfaCodeForm(forms.Form):
    code = forms.CharField(
        label=_("动态验证码"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text=_("身份验证器上的6位数字；手机不在身边时可填一个恢复码。"),
    )


# --- Phone pages (residents, phone-first) ----------------------------------------------------


def _phone_field():
    return forms.CharField(
        label=_("手机号"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )


def _code_field():
    return forms.CharField(
        label=_("短信验证码"),
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class _NewPasswordMixin:
    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password2") and data["password"] != data["password2"]:
            self.add_error("password2", _("两次输入的密码不一致。"))
        return data


class SignupForm(_NewPasswordMixin, forms.Form):
    phone = _phone_field()
    code = _code_field()
    name = forms.CharField(label=_("姓名"), max_length=50)
    community = forms.CharField(
        label=_("所在社区"),
        max_length=50,
        help_text=_("社区全称（如“黉门街社区”）或12位区划代码。"),
    )
    password = forms.CharField(
        label=_("设置密码"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("至少8位，含小写字母、大写字母、数字、符号中的至少3类。"),
    )
    password2 = forms.CharField(
        label=_("再次输入密码"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )


class SmsLoginForm(forms.Form):
    phone = _phone_field()
    code = _code_field()


class SmsResetForm(_NewPasswordMixin, forms.Form):
    phone = _phone_field()
    code = _code_field()
    password = forms.CharField(
        label=_("新密码"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("至少8位，含小写字母、大写字母、数字、符号中的至少3类。"),
    )
    password2 = forms.CharField(
        label=_("再次输入新密码"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class RefuseSignupForm(forms.Form):
    reason = forms.CharField(label=_("不通过原因"), max_length=200)


class LocalAccountForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("账号类型"),
        choices=[(RoleKind.RESIDENT, _("居民")), (RoleKind.UNIT_CONTACT, _("驻区单位联络员"))],
    )
    username = forms.CharField(label=_("用户名"), max_length=150)
    display_name = forms.CharField(label=_("显示名称"), max_length=50, required=False)
    password = forms.CharField(
        label=_("初始密码"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("首次登录时须修改。"),
    )
    person_phone = forms.CharField(
        label=_("居民手机号"),
        max_length=20,
        required=False,
        help_text=_("居民账号：填写本社区已登记居民的手机号。"),
    )
    org = forms.ModelChoiceField(
        label=_("驻区单位"),
        queryset=org_model().objects.none(),
        required=False,
        widget=OrgPicker(kind="units"),
        help_text=_("联络员账号：选择本社区的驻区单位。"),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["org"].queryset = units


class LocalPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("新密码"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
