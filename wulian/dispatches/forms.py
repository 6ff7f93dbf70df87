from django import forms
from django.utils.translation import gettext_lazy as _

from wulian.areas.forms import AreaCodeField
from wulian.core import bounds, uploads
from wulian.core.periods import parse_month
from wulian.dispatches.models import Decision, DispatchStatus, InspectionKind, RectificationStatus
from wulian.orgs.models import Org
from wulian.web.pickers import OrgPicker

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MonthField(forms.CharField):
    widget = forms.TextInput(attrs={"type": "month"})

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return parse_month(value)
        except ValueError:
            raise forms.ValidationError(_("请按 2026-10 的格式填写月份。")) from None


class DispatchSearchForm(forms.Form):
    q = forms.CharField(label=_("标题"), required=False)
    status = forms.ChoiceField(
        label=_("状态"), choices=[("", _("全部状态"))] + DispatchStatus.choices, required=False
    )
    year = bounds.IntegerField(label=_("年度"), required=False, min_value=2000, max_value=2100)


class GenerateForm(forms.Form):
    scope_area = AreaCodeField(label=_("通报范围（区划代码）"))
    period = MonthField(label=_("月份"))


class DispatchEditForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    intro = forms.CharField(
        label=_("正文导语"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    closing = forms.CharField(
        label=_("工作要求"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    cc = forms.CharField(label=_("抄送"), max_length=300, required=False)


class CriticismForm(forms.Form):
    org = forms.ModelChoiceField(
        label=_("被通报单位"), queryset=Org.objects.none(), widget=OrgPicker()
    )
    failure = forms.CharField(label=_("存在问题"), widget=forms.Textarea(attrs={"rows": 2}))
    deadline = bounds.DateField(label=_("整改期限"), widget=DATE)

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs if orgs is not None else Org.objects.none()


class RectificationSearchForm(forms.Form):
    q = forms.CharField(label=_("单位"), required=False)
    status = forms.ChoiceField(
        label=_("状态"), choices=[("", _("全部状态"))] + RectificationStatus.choices, required=False
    )


class RectificationReportForm(forms.Form):
    text = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = uploads.UploadField(label=_("佐证材料"), required=False, kind=uploads.EVIDENCE)


class VerifyForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("核验结果"), coerce=lambda v: v == "1", choices=[("1", _("通过")), ("0", _("退回"))]
    )
    note = forms.CharField(
        label=_("核验意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class InspectionSearchForm(forms.Form):
    q = forms.CharField(label=_("被督导单位"), required=False)
    kind = forms.ChoiceField(
        label=_("类型"), choices=[("", _("全部类型"))] + InspectionKind.choices, required=False
    )


class InspectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=InspectionKind.choices)
    target = forms.ModelChoiceField(
        label=_("被督导单位"), queryset=Org.objects.none(), widget=OrgPicker()
    )
    scheduled_on = bounds.DateField(label=_("督导日期"), widget=DATE)
    inspector = forms.CharField(label=_("督导人员"), max_length=100)
    checklist = forms.CharField(
        label=_("检查清单"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一项，例如：兼职委员是否设岗定责"),
    )

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = orgs if orgs is not None else Org.objects.none()

    def clean_checklist(self):
        return [
            line.strip() for line in self.cleaned_data["checklist"].splitlines() if line.strip()
        ]


class FindingForm(forms.Form):
    description = forms.CharField(label=_("发现问题"), widget=forms.Textarea(attrs={"rows": 2}))
    deadline = bounds.DateField(label=_("整改期限"), widget=DATE)


class InquirySearchForm(forms.Form):
    q = forms.CharField(label=_("事由/单位"), required=False)
    state = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[
            ("", _("全部")),
            ("waiting", _("待答复")),
            ("replied", _("已答复")),
            ("decided", _("已决定")),
        ],
    )


class InquiryForm(forms.Form):
    to_org = forms.ModelChoiceField(
        label=_("被问询单位"), queryset=Org.objects.none(), widget=OrgPicker()
    )
    subject = forms.CharField(label=_("事由"), max_length=200)
    question = forms.CharField(label=_("问询内容"), widget=forms.Textarea(attrs={"rows": 4}))
    reply_due = bounds.DateField(label=_("答复期限"), widget=DATE)

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_org"].queryset = orgs if orgs is not None else Org.objects.none()


class ReplyForm(forms.Form):
    reply = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 4}))


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("问责决定"), choices=Decision.choices)
    note = forms.CharField(
        label=_("决定说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
