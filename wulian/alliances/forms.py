from django import forms
from django.utils.translation import gettext_lazy as _

from wulian.alliances.models import ActivityKind
from wulian.core import bounds
from wulian.orgs.models import Org
from wulian.people.models import Person
from wulian.web.pickers import OrgPicker, PersonPicker

DATE = forms.DateInput(attrs={"type": "date"})


class AllianceForm(forms.Form):
    name = forms.CharField(label=_("联盟名称"), max_length=100)
    lead_org = forms.ModelChoiceField(
        label=_("牵头党组织"), queryset=Org.objects.none(), widget=OrgPicker(kind="party")
    )
    members = bounds.ModelMultipleChoiceField(
        label=_("成员单位"),
        queryset=Org.objects.none(),
        required=False,
        widget=OrgPicker(multiple=True, kind="units"),
    )
    founded_on = bounds.DateField(label=_("成立日期"), required=False, widget=DATE)
    description = forms.CharField(
        label=_("简介"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if orgs is not None:
            self.fields["lead_org"].queryset = orgs.filter(leads__isnull=False)
            self.fields["members"].queryset = orgs.units()


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("活动名称"), max_length=200)
    held_on = bounds.DateField(label=_("日期"), widget=DATE)
    place = forms.CharField(label=_("地点"), max_length=200, required=False)
    attendance = bounds.IntegerField(
        label=_("参加人数"), required=False, help_text=_("留空则按登记的参加人员计数。")
    )
    attendees = bounds.ModelMultipleChoiceField(
        label=_("参加人员"),
        queryset=Person.objects.none(),
        required=False,
        widget=PersonPicker(multiple=True),
    )
    orgs = bounds.ModelMultipleChoiceField(
        label=_("参与单位"), queryset=Org.objects.none(), required=False
    )
    description = forms.CharField(
        label=_("内容"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, alliance=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if alliance is not None:
            self.fields["orgs"].queryset = alliance.members.all()
        if people is not None:
            self.fields["attendees"].queryset = people


class PartTimeForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("姓名"), queryset=Person.objects.none(), widget=PersonPicker()
    )
    unit = forms.ModelChoiceField(
        label=_("所在驻区单位"), queryset=Org.objects.none(), widget=OrgPicker(kind="units")
    )
    committee = forms.ModelChoiceField(
        label=_("兼职党组织"), queryset=Org.objects.none(), widget=OrgPicker(kind="party")
    )
    post = forms.CharField(label=_("岗位"), max_length=50)
    duties = forms.CharField(
        label=_("职责"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    term_start = bounds.DateField(label=_("任期开始"), widget=DATE)
    term_end = bounds.DateField(label=_("任期结束"), widget=DATE)

    def __init__(self, *args, orgs=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if orgs is not None:
            self.fields["unit"].queryset = orgs.units()
            self.fields["committee"].queryset = orgs.filter(
                leads__level__in=["street", "community"]
            )
        if people is not None:
            self.fields["person"].queryset = people


class TermForm(forms.Form):
    term_start = bounds.DateField(label=_("新任期开始"), widget=DATE)
    term_end = bounds.DateField(label=_("新任期结束"), widget=DATE)


class LedActivityForm(forms.Form):
    title = forms.CharField(label=_("活动名称"), max_length=200)
    held_on = bounds.DateField(label=_("日期"), widget=DATE)
    place = forms.CharField(label=_("地点"), max_length=200, required=False)
    attendance = bounds.IntegerField(label=_("参加人数"), min_value=0, initial=0)


class AllianceSearchForm(forms.Form):
    q = forms.CharField(label=_("联盟/牵头组织"), required=False)


class PartTimeSearchForm(forms.Form):
    q = forms.CharField(label=_("姓名/岗位"), required=False)
    committee = forms.ModelChoiceField(
        label=_("兼职党组织"),
        queryset=Org.objects.none(),
        required=False,
        widget=OrgPicker(kind="party"),
    )
    unit = forms.ModelChoiceField(
        label=_("所在单位"),
        queryset=Org.objects.none(),
        required=False,
        widget=OrgPicker(kind="units"),
    )
    ending = forms.BooleanField(label=_("90天内到期"), required=False)

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if orgs is not None:
            self.fields["committee"].queryset = orgs.filter(
                leads__level__in=["street", "community"]
            )
            self.fields["unit"].queryset = orgs.units()
