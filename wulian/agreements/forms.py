from django import forms
from django.utils.translation import gettext_lazy

from wulian.agreements.models import AgreementStatus, ItemKind, TargetPeriod
from wulian.agreements.services import EVIDENCE_MAX_BYTES
from wulian.core import bounds, uploads
from wulian.orgs.models import Org
from wulian.resources.models import Resource
from wulian.web.pickers import AreaPicker, OrgPicker


class AgreementForm(forms.Form):
    party_org = forms.ModelChoiceField(
        label=gettext_lazy("属地党组织"),
        queryset=Org.objects.none(),
        widget=OrgPicker(kind="party"),
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("驻区单位"), queryset=Org.objects.none(), widget=OrgPicker(kind="units")
    )
    title = forms.CharField(
        label=gettext_lazy("标题"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("不填则为“某某与某某服务项目责任书”。"),
    )
    start = bounds.DateField(
        label=gettext_lazy("开始日期"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = bounds.DateField(
        label=gettext_lazy("结束日期"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=gettext_lazy("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, party_orgs=None, units=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party_org"].queryset = (
            party_orgs if party_orgs is not None else Org.objects.none()
        )
        self.fields["unit"].queryset = units if units is not None else Org.objects.none()
        if editing:
            del self.fields["party_org"]


class ItemForm(forms.Form):
    content = forms.CharField(label=gettext_lazy("服务内容"), max_length=200)
    standard = forms.CharField(label=gettext_lazy("服务标准"), max_length=300, required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("计量方式"), choices=ItemKind.choices, initial=ItemKind.SERVICE
    )
    # No min_value here: the service names a negative target in its own words.
    target_count = bounds.IntegerField(label=gettext_lazy("目标数量"))
    target_unit = forms.CharField(
        label=gettext_lazy("目标单位"), max_length=20, help_text=gettext_lazy("如“次/月”“个”。")
    )
    target_period = forms.ChoiceField(label=gettext_lazy("目标周期"), choices=TargetPeriod.choices)
    responsible_org = forms.ModelChoiceField(
        label=gettext_lazy("责任单位"), queryset=Org.objects.none()
    )
    responsible_person = forms.CharField(label=gettext_lazy("责任人"), max_length=50)
    resource = forms.ModelChoiceField(
        label=gettext_lazy("关联共享资源"),
        queryset=Resource.objects.none(),
        required=False,
        help_text=gettext_lazy("计量方式为“共享资源”时必选：开放期间按其容量计入完成量。"),
    )

    def __init__(self, *args, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agreement is not None:
            self.fields["responsible_org"].queryset = Org.objects.filter(
                pk__in=[agreement.unit_id, agreement.party_org_id]
            )
            self.fields["resource"].queryset = Resource.objects.filter(org_id=agreement.unit_id)


class DeliveryForm(forms.Form):
    date = bounds.DateField(
        label=gettext_lazy("服务日期"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    count = bounds.IntegerField(label=gettext_lazy("数量"), initial=1)
    beneficiaries = bounds.IntegerField(label=gettext_lazy("受益人数"), initial=0, required=False)
    note = forms.CharField(
        label=gettext_lazy("情况说明"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence = uploads.UploadField(
        label=gettext_lazy("佐证材料"),
        required=False,
        kind=uploads.EVIDENCE,
        max_bytes=EVIDENCE_MAX_BYTES,
        help_text=gettext_lazy("照片、签到表等：图片、PDF、Word、Excel，不超过 5 MB。"),
    )


class AgreementSearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("标题/单位"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("状态"),
        required=False,
        choices=[("", gettext_lazy("全部状态"))] + AgreementStatus.choices,
    )
    area = forms.CharField(label=gettext_lazy("区域代码"), required=False, widget=AreaPicker())
