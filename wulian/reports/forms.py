from django import forms
from django.utils.translation import gettext_lazy as _

from wulian.needs.forms import PhotosField
from wulian.reports.models import Answer, Category, Status


class ReportForm(forms.Form):
    category = forms.ChoiceField(label=_("问题类别"), choices=Category.choices)
    description = forms.CharField(
        label=_("看到了什么问题"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    area = forms.ChoiceField(label=_("位置：选择网格"), required=False)
    lat = forms.CharField(label=_("纬度"), required=False, widget=forms.HiddenInput)
    long = forms.CharField(label=_("经度"), required=False, widget=forms.HiddenInput)
    address = forms.CharField(label=_("位置说明（选填）"), max_length=200, required=False)
    photos = PhotosField(label=_("照片（最多3张，每张不超过10 MB）"))

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._areas = {a.code: a for a in areas}
        self.fields["area"].choices = [("", _("使用手机定位"))] + [(a.code, a.name) for a in areas]

    def clean_area(self):
        code = self.cleaned_data["area"]
        return self._areas.get(code) if code else None


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=Answer.choices)


class DuplicateForm(forms.Form):
    original = forms.IntegerField(label=_("与哪条反映重复（编号）"), min_value=1)


class RouteForm(forms.Form):
    org = forms.ModelChoiceField(label=_("承办单位"), queryset=None)
    note = forms.CharField(label=_("说明"), max_length=500, required=False)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class AgendaForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("联席会议"), queryset=None)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class HandleForm(forms.Form):
    note = forms.CharField(
        label=_("处理情况"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReportSearchForm(forms.Form):
    status = forms.ChoiceField(
        label=_("状态"), choices=[("", _("全部状态"))] + Status.choices, required=False
    )
    category = forms.ChoiceField(
        label=_("类别"), choices=[("", _("全部类别"))] + Category.choices, required=False
    )
    area = forms.CharField(label=_("区域代码"), required=False)
