from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wulian.core import bounds, uploads
from wulian.duties.models import DutyKind, DutyStatus
from wulian.orgs.models import Org
from wulian.web.pickers import OrgPicker

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DutyListSearchForm(forms.Form):
    q = forms.CharField(label=_("组织名称"), required=False)
    year = bounds.IntegerField(label=_("年度"), required=False, min_value=2000, max_value=2100)
    kind = forms.ChoiceField(
        label=_("清单类型"), choices=[("", _("全部类型"))] + DutyKind.choices, required=False
    )


class DutySearchForm(forms.Form):
    q = forms.CharField(label=_("事项/牵头单位"), required=False)
    kind = forms.ChoiceField(
        label=_("清单类型"), choices=[("", _("全部类型"))] + DutyKind.choices, required=False
    )
    status = forms.ChoiceField(
        label=_("状态"), choices=[("", _("全部状态"))] + DutyStatus.choices, required=False
    )
    colour = forms.ChoiceField(
        label=_("预警"), required=False, choices=[("", _("全部")), ("red", _("红色（逾期）"))]
    )
    year = bounds.IntegerField(label=_("年度"), required=False, min_value=2000, max_value=2100)


class DutyListForm(forms.Form):
    org = forms.ModelChoiceField(label=_("组织"), queryset=Org.objects.none(), widget=OrgPicker())
    year = bounds.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("清单类型"), choices=DutyKind.choices)

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs if orgs is not None else Org.objects.none()
        self.fields["year"].initial = timezone.localdate().year


class DutyForm(forms.Form):
    title = forms.CharField(label=_("事项"), max_length=200)
    done_criteria = forms.CharField(
        label=_("完成标准"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible_person = forms.CharField(label=_("责任人"), max_length=50, required=False)
    co_orgs = bounds.ModelMultipleChoiceField(
        label=_("配合单位"),
        queryset=Org.objects.none(),
        required=False,
        widget=OrgPicker(multiple=True),
    )
    assigned_on = bounds.DateField(label=_("下达日期"), widget=DATE)
    due_on = bounds.DateField(label=_("截止日期"), widget=DATE)

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_orgs"].queryset = orgs if orgs is not None else Org.objects.none()
        self.fields["assigned_on"].initial = timezone.localdate()


class AssignForm(DutyForm):
    kind = forms.ChoiceField(label=_("清单类型"), choices=DutyKind.choices, initial=DutyKind.TASK)
    targets = bounds.ModelMultipleChoiceField(
        label=_("承办单位"),
        queryset=Org.objects.none(),
        help_text=_("可多选：每个单位各得一条事项，进展分别报告。"),
        widget=OrgPicker(multiple=True),
    )

    field_order = [
        "kind",
        "targets",
        "title",
        "done_criteria",
        "responsible_person",
        "co_orgs",
        "assigned_on",
        "due_on",
    ]

    def __init__(self, *args, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["targets"].queryset = targets if targets is not None else Org.objects.none()


class ProgressForm(forms.Form):
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = uploads.UploadField(label=_("佐证材料"), required=False, kind=uploads.EVIDENCE)
    done = forms.BooleanField(label=_("事项已完成"), required=False)


class HolidayForm(forms.Form):
    date = bounds.DateField(label=_("日期"), widget=DATE)
    name = forms.CharField(label=_("名称"), max_length=30)
    is_workday = forms.BooleanField(label=_("调休上班（周末上班日）"), required=False)


class HolidaySearchForm(forms.Form):
    year = bounds.IntegerField(label=_("年度"), required=False, min_value=2000, max_value=2100)


class HolidayConfirmForm(forms.Form):
    year = bounds.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    note = forms.CharField(label=_("依据（通知名称及文号）"), max_length=200)
