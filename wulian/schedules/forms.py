from django import forms
from django.utils.translation import gettext_lazy as _

from wulian.areas.forms import AreaCodeField
from wulian.core import bounds
from wulian.orgs.models import Org
from wulian.schedules.models import OccurrenceStatus, ScheduleKind


class ScheduleSearchForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("类型"), required=False, choices=[("", _("全部"))] + ScheduleKind.choices
    )
    area = forms.CharField(label=_("区域代码"), required=False)


class OccurrenceSearchForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("类型"), required=False, choices=[("", _("全部"))] + ScheduleKind.choices
    )
    status = forms.ChoiceField(
        label=_("落实情况"), required=False, choices=[("", _("全部"))] + OccurrenceStatus.choices
    )
    area = forms.CharField(label=_("区域代码"), required=False)
    year = bounds.IntegerField(label=_("年度"), required=False, min_value=2000, max_value=2100)


class ScheduleForm(forms.Form):
    place = forms.CharField(label=_("现场会地点"), max_length=200, required=False)
    day = bounds.IntegerField(
        label=_("计划日（当期第一个月的第几天，1-28）"), initial=15, min_value=1, max_value=28
    )
    target = forms.ModelChoiceField(
        label=_("被督导单位（一季一督导）"), queryset=Org.objects.none(), required=False
    )

    def __init__(self, *args, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets if targets is not None else Org.objects.none()


class ScheduleEditForm(ScheduleForm):
    active = forms.BooleanField(label=_("启用"), required=False)


class ScheduleCreateForm(ScheduleForm):
    area = AreaCodeField(label=_("层级区域代码（街道、区或市）"))
    kind = forms.ChoiceField(label=_("类型"), choices=ScheduleKind.choices)

    field_order = ["area", "kind", "place", "day", "target"]
