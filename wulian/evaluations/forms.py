from django import forms
from django.utils.translation import gettext_lazy as _

from wulian.core import bounds
from wulian.evaluations.models import Side
from wulian.web.pickers import AreaPicker


class RoundForm(forms.Form):
    scope = forms.CharField(label=_("评议范围（区划代码）"), max_length=20, widget=AreaPicker())
    year = bounds.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("名称"), max_length=100, required=False)
    weight_satisfaction = forms.DecimalField(
        label=_("群众满意度权重(%)"), initial=50, max_digits=5, decimal_places=2
    )
    weight_criteria = forms.DecimalField(
        label=_("互评指标权重(%)"), initial=30, max_digits=5, decimal_places=2
    )
    weight_service = forms.DecimalField(
        label=_("服务实绩权重(%)"), initial=20, max_digits=5, decimal_places=2
    )
    exemplary_share = bounds.IntegerField(
        label=_("先进单位比例(%)"), initial=20, min_value=1, max_value=100
    )
    exemplary_min = forms.DecimalField(
        label=_("先进单位最低得分"), initial=85, max_digits=5, decimal_places=2
    )
    appeal_days = bounds.IntegerField(label=_("申诉期(天)"), initial=7, min_value=1, max_value=60)


class WeightsForm(forms.Form):
    weight_satisfaction = forms.DecimalField(
        label=_("群众满意度权重(%)"), max_digits=5, decimal_places=2
    )
    weight_criteria = forms.DecimalField(label=_("互评指标权重(%)"), max_digits=5, decimal_places=2)
    weight_service = forms.DecimalField(label=_("服务实绩权重(%)"), max_digits=5, decimal_places=2)


class CriteriaForm(forms.Form):
    criteria = forms.CharField(
        label=_("评议指标"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "每行一项：对象（unit=驻区单位 / community=社区街道），指标名称，权重%。每类对象的权重之和为100。"
        ),
    )

    def parsed(self) -> list[tuple[str, str, str]]:
        rows = []
        for line in self.cleaned_data["criteria"].splitlines():
            parts = [p.strip() for p in line.replace("，", ",").split(",")]
            if not any(parts):
                continue
            if len(parts) != 3:
                raise forms.ValidationError(_("“%(l)s”：应为“对象,指标,权重”三项。") % {"l": line})
            side = {"驻区单位": Side.UNIT, "社区": Side.COMMUNITY, "社区街道": Side.COMMUNITY}.get(
                parts[0], parts[0]
            )
            rows.append((side, parts[1], parts[2]))
        return rows


class AppealForm(forms.Form):
    org = bounds.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("申诉理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class DecideForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("处理结果"),
        choices=[("1", _("采纳")), ("0", _("不予采纳"))],
        coerce=lambda v: v == "1",
    )
    reply = forms.CharField(
        label=_("答复"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
