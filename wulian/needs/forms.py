from django import forms
from django.utils.translation import gettext_lazy as _

from wulian.areas.forms import AreaCodeField
from wulian.areas.models import Area, Level
from wulian.core import bounds, uploads
from wulian.needs.models import Category, State
from wulian.needs.services import MAX_PHOTO_BYTES
from wulian.web.pickers import AreaPicker

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class PhotosField(uploads.UploadsField):
    """Several optional photos under the upload policy (images, 5 MB each); the service counts them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kind", uploads.IMAGE)
        kwargs.setdefault("max_bytes", MAX_PHOTO_BYTES)
        super().__init__(*args, **kwargs)


def _area_choices(person) -> list[tuple[str, str]]:
    """The resident's home community and the grids in it."""
    home = person.home_area
    community = (
        home if home.level == Level.COMMUNITY else Area.objects.filter(pk=home.parent_id).first()
    )
    if community is None:
        return [(home.code, home.name)]
    grids = Area.objects.filter(parent=community, level=Level.GRID)
    return [(community.code, community.name)] + [
        (g.code, f"{community.name} · {g.name}") for g in grids
    ]


class NeedForm(forms.Form):
    title = forms.CharField(label=_("需求标题"), max_length=60)
    category = forms.ChoiceField(label=_("类别"), choices=Category.choices)
    description = forms.CharField(
        label=_("需求描述"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    area = forms.ChoiceField(label=_("所在社区/网格"), choices=())
    skills = forms.CharField(
        label=_("所需技能"),
        max_length=200,
        required=False,
        help_text=_("多个技能用逗号分隔，例如：维修,陪诊"),
    )
    wished_from = bounds.DateTimeField(label=_("期望开始时间"), required=False, widget=DATETIME)
    wished_until = bounds.DateTimeField(label=_("期望结束时间"), required=False, widget=DATETIME)
    address = forms.CharField(
        label=_("服务地址（上门）"),
        max_length=100,
        required=False,
        help_text=_("留空则为登记的家庭住址；只有接单方在服务期间和社区工作人员能看到。"),
    )
    photos = PhotosField(label=_("照片（可选，最多6张）"))

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        if person is not None:
            self.fields["area"].choices = _area_choices(person)
        else:
            self.fields["area"] = AreaCodeField(
                label=_("所在社区/网格代码"),
                required=False,
                help_text=_("留空则为居民的居住社区。"),
            )

    def clean_area(self):
        value = self.cleaned_data["area"]
        if isinstance(value, str):
            return Area.objects.filter(code=value).first()
        return value


class OnBehalfForm(NeedForm):
    person = forms.CharField(
        label=_("居民（姓名或手机号）"), max_length=50, help_text=_("代办：为该居民发布需求。")
    )

    field_order = ["person"]


class ConfirmForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("评分"),
        coerce=int,
        choices=[(i, "★" * i) for i in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("评语"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RateForm(ConfirmForm):
    pass


class FulfilForm(forms.Form):
    note = forms.CharField(
        label=_("服务记录"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    hours = forms.DecimalField(
        label=_("服务时长（小时）"), min_value=0, max_digits=6, decimal_places=1
    )
    photos = PhotosField(label=_("服务照片（可选）"))


class DecideForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("认定结果"),
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        choices=[("1", _("认定服务完成（计入补偿）")), ("0", _("不予认定（不计补偿）"))],
    )
    note = forms.CharField(
        label=_("认定意见"),
        max_length=200,
        required=False,
        help_text=_("不予认定时必填，例如：经回访，服务未实际开展。"),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("留言"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=200, required=False)


class MenuFilterForm(forms.Form):
    provider = forms.ChoiceField(label=_("接单身份"), choices=(), required=False)
    category = forms.ChoiceField(
        label=_("类别"), choices=[("", _("全部类别"))] + Category.choices, required=False
    )
    area = forms.CharField(label=_("区域代码"), required=False, widget=AreaPicker())
    skill = forms.CharField(label=_("技能"), required=False)

    def __init__(self, *args, providers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [(p.key, p.label) for p in providers]


class NeedSearchForm(forms.Form):
    q = forms.CharField(label=_("标题/描述/需求人"), required=False)
    state = forms.ChoiceField(
        label=_("状态"), choices=[("", _("全部状态"))] + State.choices, required=False
    )
    category = forms.ChoiceField(
        label=_("类别"), choices=[("", _("全部类别"))] + Category.choices, required=False
    )
    area = forms.CharField(label=_("区域代码"), required=False, widget=AreaPicker())


class RegisterForm(forms.Form):
    community = AreaCodeField(label=_("报到社区"), deepest="community")
    skills = forms.CharField(
        label=_("服务专长"), max_length=200, required=False, help_text=_("多个用逗号分隔")
    )


class CorrectionForm(forms.Form):
    person = bounds.IntegerField(label=_("人员编号"), required=False)
    org = bounds.IntegerField(label=_("单位编号"), required=False)
    hours = forms.DecimalField(
        label=_("时长（小时，可为负）"), max_digits=8, decimal_places=1, initial=0
    )
    points = bounds.IntegerField(label=_("积分（可为负）"), initial=0)
    reason = forms.CharField(label=_("更正事由"), max_length=200)
