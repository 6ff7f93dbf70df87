from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from wulian.areas.forms import AreaCodeField
from wulian.assessments.models import Grade, Source
from wulian.core import bounds
from wulian.orgs.models import Org

SOURCE_BY_LABEL = {str(label): value for value, label in Source.choices}


class SystemSearchForm(forms.Form):
    year = bounds.IntegerField(label=_("年度"), required=False)
    area = forms.CharField(label=_("区域代码"), required=False)


class SystemForm(forms.Form):
    area = AreaCodeField(label=_("考核层级区域代码（市、区或街道）"))
    year = bounds.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("名称（可不填）"), max_length=100, required=False)


def parse_indicators(text: str) -> list[dict]:
    """One indicator a line: "名称，权重，数据来源" (the source as its Chinese label or code)."""
    out = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.replace("，", ",").split(",")]
        if len(parts) != 3:
            raise ValidationError(
                _gettext("第%(n)d行“%(l)s”应写作“名称，权重，数据来源”。")
                % {"n": number, "l": line.strip()}
            )
        name, weight, source = parts
        try:
            weight_value: int | str = int(weight)
        except ValueError:
            weight_value = weight
        out.append(
            {"name": name, "weight": weight_value, "source": SOURCE_BY_LABEL.get(source, source)}
        )
    return out


class IndicatorsForm(forms.Form):
    indicators = forms.CharField(
        label=_("指标（每行一项：名称，权重，数据来源）"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("数据来源：")
        + "、".join(str(label) for _v, label in Source.choices)
        + _("；权重合计应为100。"),
    )

    def clean_indicators(self):
        return parse_indicators(self.cleaned_data["indicators"])


class ManualScoresForm(forms.Form):
    """One score field per assessed org."""

    def __init__(self, *args, orgs=(), initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        for org in orgs:
            self.fields[f"org_{org.pk}"] = forms.CharField(
                label=org.name, required=False, initial=(initial_scores or {}).get(org.pk, "")
            )

    def scores(self) -> dict[int, str]:
        return {int(k[4:]): v for k, v in self.cleaned_data.items() if k.startswith("org_")}


class ReportSearchForm(forms.Form):
    year = bounds.IntegerField(label=_("年度"), required=False)
    grade = forms.ChoiceField(
        label=_("评议等次"),
        required=False,
        choices=[("", _("全部")), ("pending", _("待评议"))] + Grade.choices,
    )
    area = forms.CharField(label=_("区域代码"), required=False)


class ReportForm(forms.Form):
    org = forms.ModelChoiceField(label=_("述职单位"), queryset=Org.objects.none())
    year = bounds.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    secretary = forms.CharField(label=_("书记"), max_length=50)
    text = forms.CharField(label=_("述职报告"), widget=forms.Textarea(attrs={"rows": 12}))

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs if orgs is not None else Org.objects.none()


class EvaluateForm(forms.Form):
    grade = forms.ChoiceField(label=_("评议等次"), choices=Grade.choices)
    score = forms.CharField(label=_("评议得分（0-100，可不填）"), required=False)
    comment = forms.CharField(
        label=_("评议意见"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
