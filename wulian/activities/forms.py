from django import forms
from django.utils.translation import gettext_lazy as _

from wulian.activities.models import ActivityKind
from wulian.areas.forms import AreaCodeField
from wulian.core import bounds
from wulian.orgs.models import Org

DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ActivitySearchForm(forms.Form):
    q = forms.CharField(label=_("名称、地点或组织单位"), required=False)
    kind = forms.ChoiceField(
        label=_("活动类型"), required=False, choices=[("", _("全部"))] + ActivityKind.choices
    )
    area = forms.CharField(label=_("区域代码"), required=False)


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("活动类型"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("活动名称"), max_length=100)
    organiser = forms.ModelChoiceField(label=_("组织单位"), queryset=Org.objects.none())
    place = forms.CharField(label=_("地点"), max_length=200)
    starts_at = bounds.DateTimeField(label=_("开始时间"), widget=DT)
    ends_at = bounds.DateTimeField(label=_("结束时间"), widget=DT)
    description = forms.CharField(
        label=_("活动内容"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, organisers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = (
            organisers if organisers is not None else Org.objects.none()
        )


class ActivityCreateForm(ActivityForm):
    area = AreaCodeField(label=_("所在区域代码"))

    field_order = [
        "kind",
        "title",
        "organiser",
        "area",
        "place",
        "starts_at",
        "ends_at",
        "description",
    ]


class SignInForm(forms.Form):
    name = forms.CharField(label=_("签到人姓名"), max_length=50)


class CheckinNameForm(forms.Form):
    name = forms.CharField(label=_("签到人姓名"), max_length=50)
