from django import forms
from django.utils.translation import gettext_lazy as _

from wulian.areas.forms import AreaCodeField
from wulian.core import bounds
from wulian.orgs.models import Kind, Org, PartyBody
from wulian.web.pickers import AreaPicker, OrgPicker


class OrgForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类别"), choices=Kind.choices)
    area = AreaCodeField(label=_("所在区域代码"))
    party_body = forms.ChoiceField(
        label=_("党组织形式"), choices=PartyBody.choices, initial=PartyBody.BRANCH
    )
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, required=False)
    line = forms.ModelChoiceField(
        label=_("条线部门"),
        queryset=Org.objects.none(),
        required=False,
        widget=OrgPicker(kind="departments", above=True),
    )
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    contact_name = forms.CharField(label=_("联系人"), max_length=50, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)

    def __init__(self, *args, departments=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = (
            departments if departments is not None else Org.objects.departments()
        )
        if editing:
            del self.fields["party_body"]


class PartyBodyForm(forms.Form):
    to_body = forms.ChoiceField(label=_("新的党组织形式"), choices=PartyBody.choices)
    changed_on = bounds.DateField(
        label=_("变更日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    document_no = forms.CharField(label=_("批复文号"), max_length=60, required=False)


class OrgSearchForm(forms.Form):
    q = forms.CharField(label=_("名称/信用代码"), required=False)
    kind = forms.ChoiceField(
        label=_("类别"), choices=[("", _("全部类别"))] + Kind.choices, required=False
    )
    party_body = forms.ChoiceField(
        label=_("党组织形式"), choices=[("", _("全部形式"))] + PartyBody.choices, required=False
    )
    area = forms.CharField(label=_("区域代码"), required=False, widget=AreaPicker())
    line = forms.ModelChoiceField(
        label=_("条线部门"), queryset=Org.objects.none(), required=False, empty_label=_("全部条线")
    )

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = (
            departments if departments is not None else Org.objects.none()
        )
