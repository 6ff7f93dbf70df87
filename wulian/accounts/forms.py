from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from wulian.accounts.models import RoleKind
from wulian.orgs.models import Org


class LoginForm(AuthenticationForm):
    username = forms.CharField(label=_("用户名"), max_length=150)
    password = forms.CharField(label=_("密码"), widget=forms.PasswordInput)
    error_messages = {
        "invalid_login": _("用户名或密码错误。连续5次错误将锁定账号。"),
        "inactive": _("该账号已停用。"),
    }


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    display_name = forms.CharField(label=_("显示名称"), max_length=50, required=False)
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput)


class RoleGrantForm(forms.Form):
    kind = forms.ChoiceField(label=_("角色"), choices=RoleKind.choices)
    org = forms.ModelChoiceField(label=_("所在组织"), queryset=Org.objects.all(), required=False)
