from django import forms
from django.utils.translation import gettext_lazy as _

from wulian.areas.forms import AreaCodeField
from wulian.orgs.models import Org
from wulian.web.pickers import AreaPicker, OrgPicker


class PersonForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(label=_("电话"), max_length=20)
    id_number = forms.CharField(label=_("身份证号"), max_length=18, required=False)
    home_area = AreaCodeField(label=_("居住区域代码"))
    address = forms.CharField(
        label=_("家庭住址（门牌）"),
        max_length=100,
        required=False,
        help_text=_("居住区域内的门牌，例如“3栋2单元501”；同一区域同一门牌的人员为一户。"),
    )
    is_party_member = forms.BooleanField(label=_("党员"), required=False)
    party_org = forms.ModelChoiceField(
        label=_("所在党组织"), queryset=Org.objects.none(), required=False, widget=OrgPicker()
    )
    skills = forms.CharField(
        label=_("爱好和专长"),
        max_length=200,
        required=False,
        help_text=_("用逗号分隔，例如：义诊,法律咨询,书法"),
    )

    def __init__(self, *args, orgs=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party_org"].queryset = orgs if orgs is not None else Org.objects.none()
        if editing:
            self.fields["phone"].required = False
            self.fields["phone"].help_text = _("留空则不修改。")
            self.fields["id_number"].help_text = _("留空则不修改。")
            self.fields["address"].help_text = _("留空则不修改。")


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("姓名/专长/完整手机号或身份证号"), required=False)
    is_party_member = forms.ChoiceField(
        label=_("党员"),
        choices=[("", _("全部")), ("1", _("党员")), ("0", _("非党员"))],
        required=False,
    )
    area = forms.CharField(label=_("区域代码"), required=False, widget=AreaPicker())


class ErasureRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("申请理由（选填）"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ErasureDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("办理结果"),
        coerce=lambda v: v == "1",
        choices=[("1", _("同意并注销（匿名化）")), ("0", _("不予删除"))],
    )
    note = forms.CharField(
        label=_("办理意见"),
        required=False,
        max_length=500,
        help_text=_("不予删除时必填，写明法定保存义务等理由。"),
    )
