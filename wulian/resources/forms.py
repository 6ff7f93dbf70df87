import datetime as dt
import re
from collections.abc import Iterable

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian.areas.forms import AreaCodeField
from wulian.areas.models import Area
from wulian.core import bounds
from wulian.orgs.models import Org
from wulian.resources.models import BookingStatus, FeeUnit, ResourceKind, Terms, Weekday
from wulian.web.pickers import AreaPicker, OrgPicker

DAY_NAMES = "一二三四五六日"
_HOURS_LINE = re.compile(r"^\s*(?P<days>[\d,，\-~～]+)\s+(?P<spans>.+)$")
_SPAN = re.compile(r"^(\d{1,2}):(\d{2})\s*[-~～]\s*(\d{1,2}):(\d{2})$")


def parse_hours(text: str) -> list[tuple[int, dt.time, dt.time]]:
    """Lines like ``1-5 08:00-12:00 14:00-18:00`` or ``6,7 09:00-17:00`` (1 = 星期一 … 7 = 星期日)."""
    result: list[tuple[int, dt.time, dt.time]] = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        match = _HOURS_LINE.match(line)
        if match is None:
            raise forms.ValidationError(
                _("第%(n)d行“%(l)s”格式不对，应如“1-5 08:00-18:00”。")
                % {"n": number, "l": line.strip()}
            )
        days: set[int] = set()
        for part in re.split(r"[,，]", match["days"]):
            bounds = re.split(r"[-~～]", part)
            try:
                low, high = int(bounds[0]), int(bounds[-1])
            except ValueError:
                raise forms.ValidationError(
                    _("第%(n)d行的星期“%(p)s”不对。") % {"n": number, "p": part}
                ) from None
            if not (1 <= low <= high <= 7):
                raise forms.ValidationError(
                    _("第%(n)d行：星期应为1（星期一）到7（星期日）。") % {"n": number}
                )
            days.update(range(low - 1, high))
        for span in match["spans"].split():
            m = _SPAN.match(span)
            if m is None:
                raise forms.ValidationError(
                    _("第%(n)d行的时段“%(s)s”格式不对，应如 08:00-18:00。")
                    % {"n": number, "s": span}
                )
            h1, m1, h2, m2 = (int(x) for x in m.groups())
            try:
                start, end = (
                    dt.time(h1, m1),
                    (dt.time(23, 59) if (h2, m2) == (24, 0) else dt.time(h2, m2)),
                )
            except ValueError:
                raise forms.ValidationError(
                    _("第%(n)d行的时段“%(s)s”不是有效时间。") % {"n": number, "s": span}
                ) from None
            result.extend((d, start, end) for d in sorted(days))
    return result


def _spans_by_day(hours: Iterable[dict]) -> dict[int, list[str]]:
    by_day: dict[int, list[str]] = {}
    for h in hours:
        by_day.setdefault(h["weekday"], []).append(f"{h['start']:%H:%M}-{h['end']:%H:%M}")
    return by_day


def _runs(by_day: dict[int, list[str]]) -> list[tuple[int, int]]:
    """(first, last) day of each run of consecutive days with the same spans."""
    days, runs, i = sorted(by_day), [], 0
    while i < len(days):
        j = i
        while (
            j + 1 < len(days)
            and days[j + 1] == days[j] + 1
            and by_day[days[j + 1]] == by_day[days[i]]
        ):
            j += 1
        runs.append((days[i], days[j]))
        i = j + 1
    return runs


def format_hours(hours: Iterable[dict]) -> str:
    """The inverse of parse_hours, grouping days with the same spans. ``hours``: a resource's
    ``hours_rows``."""
    by_day = _spans_by_day(hours)
    lines = []
    for first, last in _runs(by_day):
        label = f"{first + 1}" if first == last else f"{first + 1}-{last + 1}"
        lines.append(f"{label} {' '.join(by_day[first])}")
    return "\n".join(lines)


def hours_display(hours: Iterable[dict]) -> list[str]:
    """Opening hours for people: consecutive days with the same spans on one line
    ("星期一至星期五 08:00-12:00、14:00-18:00"). ``hours``: a resource's ``hours_rows``."""
    by_day = _spans_by_day(hours)
    lines = []
    for first, last in _runs(by_day):
        if first == last:
            label = Weekday(first).label
        else:
            label = _("%(a)s至%(b)s") % {"a": Weekday(first).label, "b": Weekday(last).label}
        lines.append(f"{label} {'、'.join(by_day[first])}")
    return lines


def parse_blackouts(text: str) -> list[tuple[dt.date, str]]:
    result = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        day, _sep, reason = line.strip().partition(" ")
        try:
            result.append((dt.date.fromisoformat(day.strip()), reason.strip()))
        except ValueError:
            raise forms.ValidationError(
                _("第%(n)d行的日期“%(d)s”应为 YYYY-MM-DD。") % {"n": number, "d": day}
            ) from None
    return result


def parse_area_codes(text: str) -> list[Area]:
    codes = [c for c in re.split(r"[\s,，、]+", text or "") if c]
    areas = {a.code: a for a in Area.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in areas]
    if missing:
        raise forms.ValidationError(_("区划代码不存在：%(c)s。") % {"c": "、".join(missing)})
    return [areas[c] for c in codes]


class ResourceForm(forms.Form):
    org = forms.ModelChoiceField(
        label=gettext_lazy("开放单位"), queryset=Org.objects.none(), widget=OrgPicker(kind="units")
    )
    name = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("类别"), choices=ResourceKind.choices)
    area = AreaCodeField(label=gettext_lazy("所在区域代码"))
    location = forms.CharField(label=gettext_lazy("位置"), max_length=200, required=False)
    capacity = bounds.IntegerField(label=gettext_lazy("容量"), min_value=1)
    capacity_unit = forms.CharField(
        label=gettext_lazy("容量单位"),
        max_length=10,
        required=False,
        help_text=gettext_lazy("如“个车位”“人”“间”。"),
    )
    terms = forms.ChoiceField(label=gettext_lazy("使用条件"), choices=Terms.choices)
    terms_text = forms.CharField(label=gettext_lazy("条件说明"), max_length=200, required=False)
    fee_amount = forms.DecimalField(
        label=gettext_lazy("收费标准（元）"),
        required=False,
        max_digits=8,
        decimal_places=2,
        help_text=gettext_lazy("收费或有偿的资源填写，免费留空。"),
    )
    fee_unit = forms.ChoiceField(
        label=gettext_lazy("计费单位"),
        choices=FeeUnit.choices,
        initial=FeeUnit.PER_BOOKING,
        required=False,
    )
    requires_approval = forms.BooleanField(label=gettext_lazy("预约需审核"), required=False)
    per_person_day = bounds.IntegerField(
        required=False,
        label=gettext_lazy("每人每天上限"),
        initial=2,
        help_text=gettext_lazy("以容量单位计，如车位数、号数。"),
    )
    per_person_week = bounds.IntegerField(
        required=False, label=gettext_lazy("每人每周上限"), initial=6
    )
    per_household_day = bounds.IntegerField(
        required=False,
        label=gettext_lazy("每户每天上限"),
        initial=4,
        help_text=gettext_lazy("一户：同一居住区域、同一家庭住址的居民。"),
    )
    per_household_week = bounds.IntegerField(
        required=False, label=gettext_lazy("每户每周上限"), initial=12
    )
    hours = forms.CharField(
        label=gettext_lazy("开放时间"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "每行一条：星期 时段…；1=星期一 … 7=星期日。例：“1-5 08:00-12:00 14:00-18:00”。"
        ),
    )
    blackouts = forms.CharField(
        label=gettext_lazy("停止预约日期"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("每行一个：YYYY-MM-DD 原因。"),
    )
    eligible_areas = forms.CharField(
        label=gettext_lazy("可预约区域代码"),
        required=False,
        help_text=gettext_lazy(
            "居住在这些区域（含下级）的居民可预约，用逗号分隔；不填为资源所在区域。"
        ),
    )
    eligible_orgs = bounds.ModelMultipleChoiceField(
        label=gettext_lazy("可预约组织"),
        queryset=Org.objects.none(),
        required=False,
        help_text=gettext_lazy("这些组织的党员可预约。"),
        widget=OrgPicker(multiple=True, above=True),
    )
    description = forms.CharField(
        label=gettext_lazy("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units if units is not None else Org.objects.units()
        self.fields["eligible_orgs"].queryset = Org.objects.exclude(kind="department").order_by(
            "name"
        )

    def clean_hours(self):
        return parse_hours(self.cleaned_data["hours"])

    def clean_blackouts(self):
        return parse_blackouts(self.cleaned_data["blackouts"])

    def clean_eligible_areas(self):
        return parse_area_codes(self.cleaned_data["eligible_areas"])

    def clean(self):
        data = super().clean()
        # Left blank, an allowance or the fee unit keeps its current value (or the default).
        for name in (
            "per_person_day",
            "per_person_week",
            "per_household_day",
            "per_household_week",
            "fee_unit",
        ):
            if data.get(name) in (None, ""):
                data.pop(name, None)
        return data


class ResourceSearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("名称/位置/单位"), required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("类别"),
        choices=[("", gettext_lazy("全部类别"))] + ResourceKind.choices,
        required=False,
    )
    terms = forms.ChoiceField(
        label=gettext_lazy("使用条件"),
        choices=[("", gettext_lazy("全部条件"))] + Terms.choices,
        required=False,
    )
    is_open = forms.ChoiceField(
        label=gettext_lazy("状态"),
        required=False,
        choices=[
            ("", gettext_lazy("全部状态")),
            ("1", gettext_lazy("开放中")),
            ("0", gettext_lazy("已关闭")),
        ],
    )
    area = forms.CharField(label=gettext_lazy("区域代码"), required=False, widget=AreaPicker())
    line = forms.ModelChoiceField(
        label=gettext_lazy("条线部门"),
        queryset=Org.objects.none(),
        required=False,
        empty_label=gettext_lazy("全部条线"),
    )

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = (
            departments if departments is not None else Org.objects.none()
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("原因"), max_length=200, required=False)


class CloseForm(forms.Form):
    """The reason for closing a resource: the service requires it, as the bookings not started are
    cancelled with it; the page shows its refusal under this box."""

    reason = forms.CharField(
        label=gettext_lazy("关闭原因"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"required": True}),
    )

    def __init__(self, *args, **kwargs):
        # The page has other forms: an id of its own for the reason box.
        kwargs.setdefault("auto_id", "id_close-%s")
        super().__init__(*args, **kwargs)


class DecisionForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("审核意见"), max_length=200, required=False)


class BookingSearchForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("状态"),
        required=False,
        choices=[("", gettext_lazy("全部状态"))] + BookingStatus.choices,
    )
    date = bounds.DateField(
        label=gettext_lazy("日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    q = forms.CharField(label=gettext_lazy("资源/预约人"), required=False)


class BookingForm(forms.Form):
    date = bounds.DateField(
        label=gettext_lazy("日期"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    start_time = forms.TimeField(
        label=gettext_lazy("开始时间"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    end_time = forms.TimeField(
        label=gettext_lazy("结束时间"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    quantity = bounds.IntegerField(label=gettext_lazy("数量"), min_value=1, initial=1)
    plate = forms.CharField(
        label=gettext_lazy("车牌号"),
        max_length=12,
        required=False,
        help_text=gettext_lazy("如 川A12345；新能源车如 川AD12345。"),
    )
    note = forms.CharField(label=gettext_lazy("备注"), max_length=200, required=False)

    def __init__(self, *args, resource=None, **kwargs):
        super().__init__(*args, **kwargs)
        if resource is not None and resource.kind != ResourceKind.PARKING:
            del self.fields["plate"]
        elif resource is not None:
            self.fields["plate"].required = True

    def slot(self) -> tuple[dt.datetime, dt.datetime]:
        tz = timezone.get_current_timezone()
        data = self.cleaned_data
        return (
            dt.datetime.combine(data["date"], data["start_time"], tzinfo=tz),
            dt.datetime.combine(data["date"], data["end_time"], tzinfo=tz),
        )
