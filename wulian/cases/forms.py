from django import forms
from django.utils.translation import gettext_lazy as _

from wulian.areas.forms import AreaCodeField
from wulian.cases.models import Category, Method, Status
from wulian.core import bounds
from wulian.orgs.models import Org
from wulian.web.pickers import AreaPicker, OrgPicker


class CaseForm(forms.Form):
    area = AreaCodeField(label=_("所在区域代码"))
    category = forms.ChoiceField(label=_("类别"), choices=Category.choices)
    title = forms.CharField(label=_("标题"), max_length=120)
    parties = forms.CharField(label=_("当事方"), max_length=300, required=False)
    description = forms.CharField(label=_("情况描述"), widget=forms.Textarea(attrs={"rows": 4}))


class ReportForm(forms.Form):
    category = forms.ChoiceField(label=_("问题类别"), choices=Category.choices)
    title = forms.CharField(label=_("标题"), max_length=120)
    parties = forms.CharField(label=_("涉及哪些方"), max_length=300, required=False)
    description = forms.CharField(label=_("具体情况"), widget=forms.Textarea(attrs={"rows": 5}))


class ResolveForm(forms.Form):
    method = forms.ChoiceField(label=_("化解方式"), choices=Method.choices)
    resolution = forms.CharField(label=_("化解情况"), widget=forms.Textarea(attrs={"rows": 4}))
    resolved_on = bounds.DateField(
        label=_("化解日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    resolved_by_org = forms.ModelChoiceField(
        label=_("化解单位"), queryset=Org.objects.none(), required=False, widget=OrgPicker()
    )

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if orgs is not None:
            self.fields["resolved_by_org"].queryset = orgs


class CaseSearchForm(forms.Form):
    q = forms.CharField(label=_("标题/当事方/描述"), required=False)
    category = forms.ChoiceField(
        label=_("类别"), choices=[("", _("全部类别"))] + Category.choices, required=False
    )
    status = forms.ChoiceField(
        label=_("状态"), choices=[("", _("全部状态"))] + Status.choices, required=False
    )
    area = forms.CharField(label=_("区域代码"), required=False, widget=AreaPicker())
