import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from wulian.areas.forms import AreaCodeField
from wulian.web.pickers import AreaPicker

DAY_NAMES = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_DAYS = re.compile(
    r"^(?:周|星期)([一二三四五六日天])(?:\s*(?:至|到|-|—|~)\s*(?:周|星期)?([一二三四五六日天]))?$"
)
_TIME = re.compile(r"^(\d{1,2}):(\d{2})\s*[-—~至到]\s*(\d{1,2}):(\d{2})$")


def parse_hours(text: str) -> list[tuple[int, dt.time, dt.time]]:
    """Opening hours, one line per day or span of days: "周一至周五 09:00-12:00、14:00-17:30",
    "周六 09:00-12:00". Raises a ValidationError naming the line that cannot be read."""
    out: list[tuple[int, dt.time, dt.time]] = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        head, _sep, rest = line.partition(" ")
        days = _DAYS.match(head.strip())
        parts = [p for p in re.split(r"[、,，;；\s]+", rest.strip()) if p]
        if days is None or not parts:
            raise ValidationError(
                _("第%(n)d行“%(l)s”无法识别，应写作“周一至周五 09:00-12:00、14:00-17:30”。")
                % {"n": number, "l": line}
            )
        first = DAY_NAMES[days.group(1)]
        last = DAY_NAMES[days.group(2)] if days.group(2) else first
        if last < first:
            raise ValidationError(_("第%(n)d行：起止星期颠倒。") % {"n": number})
        for part in parts:
            times = _TIME.match(part)
            if times is None:
                raise ValidationError(
                    _("第%(n)d行的时间“%(t)s”应写作“09:00-12:00”。") % {"n": number, "t": part}
                )
            h1, m1, h2, m2 = (int(x) for x in times.groups())
            if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
                raise ValidationError(
                    _("第%(n)d行的时间“%(t)s”不是有效时刻。") % {"n": number, "t": part}
                )
            out += [(day, dt.time(h1, m1), dt.time(h2, m2)) for day in range(first, last + 1)]
    return out


class HoursField(forms.CharField):
    widget = forms.Textarea(
        attrs={"rows": 3, "placeholder": "周一至周五 09:00-12:00、14:00-17:30\n周六 09:00-12:00"}
    )

    def clean(self, value):
        return parse_hours(super().clean(value))


class CentreForm(forms.Form):
    name = forms.CharField(label=_lazy("中心名称"), max_length=100)
    address = forms.CharField(label=_lazy("地址"), max_length=200)
    phone = forms.CharField(label=_lazy("服务电话"), max_length=30, required=False)
    description = forms.CharField(
        label=_lazy("简介"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    hours = HoursField(label=_lazy("开放时间（每行一段）"), required=False)
    is_public = forms.BooleanField(label=_lazy("在社区公开页显示"), required=False, initial=True)


class CentreCreateForm(CentreForm):
    community = AreaCodeField(label=_lazy("所在社区代码"), deepest="community")

    field_order = ["community", "name", "address", "phone", "description", "hours", "is_public"]


class CentreSearchForm(forms.Form):
    q = forms.CharField(label=_lazy("名称或地址"), required=False)
    area = forms.CharField(label=_lazy("区域代码"), required=False, widget=AreaPicker())


class ServiceForm(forms.Form):
    name = forms.CharField(label=_lazy("服务名称"), max_length=60)
    description = forms.CharField(label=_lazy("说明"), max_length=200, required=False)


class LinkResourceForm(forms.Form):
    resource = forms.ModelChoiceField(label=_lazy("共享资源"), queryset=None)

    def __init__(self, *args, resources=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = resources
