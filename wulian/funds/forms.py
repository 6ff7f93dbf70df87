from django import forms
from django.utils.translation import gettext_lazy as _

from wulian.areas.forms import AreaCodeField
from wulian.core import bounds
from wulian.funds.models import FacilityKind, FundKind, ProjectCategory, ProjectStatus
from wulian.orgs.models import Org
from wulian.web.pickers import AreaPicker, OrgPicker

DATE = forms.DateInput(attrs={"type": "date"})


class FundForm(forms.Form):
    year = bounds.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("资金类别"), choices=FundKind.choices)
    area = AreaCodeField(label=_("资金所属区域代码"))
    name = forms.CharField(
        label=_("名称"), max_length=100, required=False, help_text=_("留空则自动生成。")
    )


class SourceForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("来源部门"),
        queryset=Org.objects.departments(),
        widget=OrgPicker(kind="departments", above=True),
    )
    amount = forms.CharField(label=_("金额（元）"), max_length=20)
    received_on = bounds.DateField(label=_("到账日期"), widget=DATE)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class AllocationForm(forms.Form):
    community = AreaCodeField(label=_("社区区划代码"), deepest="community")
    amount = forms.CharField(label=_("拨付金额（元）"), max_length=20)
    allocated_on = bounds.DateField(label=_("拨付日期"), widget=DATE)
    document_no = forms.CharField(label=_("拨付文号"), max_length=60, required=False)
    purpose = forms.CharField(label=_("用途"), max_length=200, required=False)


class AmountReasonForm(forms.Form):
    amount = forms.CharField(label=_("金额（元）"), max_length=20)
    reason = forms.CharField(label=_("事由"), max_length=200)


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("项目名称"), max_length=100)
    category = forms.ChoiceField(label=_("类别"), choices=ProjectCategory.choices)
    budget = forms.CharField(label=_("预算（元）"), max_length=20)
    beneficiaries = bounds.IntegerField(label=_("受益人数"), min_value=0, initial=0)
    description = forms.CharField(
        label=_("内容"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class FacilityForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=FacilityKind.choices)
    name = forms.CharField(label=_("名称"), max_length=100)
    place = forms.CharField(label=_("地点"), max_length=200)
    opened_on = bounds.DateField(label=_("启用日期"), required=False, widget=DATE)


class FundSearchForm(forms.Form):
    year = bounds.IntegerField(label=_("年度"), required=False)
    kind = forms.ChoiceField(
        label=_("资金类别"), choices=[("", _("全部类别"))] + FundKind.choices, required=False
    )


class AllocationSearchForm(forms.Form):
    q = forms.CharField(label=_("社区/文号"), required=False)
    year = bounds.IntegerField(label=_("年度"), required=False)
    kind = forms.ChoiceField(
        label=_("资金类别"), choices=[("", _("全部类别"))] + FundKind.choices, required=False
    )
    area = forms.CharField(label=_("区域代码"), required=False, widget=AreaPicker())


class ProjectSearchForm(forms.Form):
    q = forms.CharField(label=_("项目名称"), required=False)
    status = forms.ChoiceField(
        label=_("状态"), choices=[("", _("全部状态"))] + ProjectStatus.choices, required=False
    )
    category = forms.ChoiceField(
        label=_("类别"), choices=[("", _("全部类别"))] + ProjectCategory.choices, required=False
    )
    area = forms.CharField(label=_("区域代码"), required=False, widget=AreaPicker())


class FacilitySearchForm(forms.Form):
    q = forms.CharField(label=_("名称/地点"), required=False)
    kind = forms.ChoiceField(
        label=_("类别"), choices=[("", _("全部类别"))] + FacilityKind.choices, required=False
    )
    area = forms.CharField(label=_("区域代码"), required=False, widget=AreaPicker())
