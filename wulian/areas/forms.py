from django import forms
from django.utils.translation import gettext_lazy as _

from wulian.areas.models import Area
from wulian.web.pickers import AreaPicker


class AreaCodeField(forms.CharField):
    """An area chosen by its statistical code (a select of 3,000+ areas helps nobody)."""

    def __init__(self, *args, deepest: str = "", **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", AreaPicker(deepest=deepest))
        kwargs.setdefault(
            "help_text", _("逐级选择 区 → 街道 → 社区 → 网格，或输入名称两个字 / 区划代码搜索。")
        )
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        area = Area.objects.filter(code=value.strip()).first()
        if area is None:
            raise forms.ValidationError(_("区划代码“%(c)s”不存在。") % {"c": value})
        return area
