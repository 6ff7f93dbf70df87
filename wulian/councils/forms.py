from django import forms
from django.utils.translation import gettext_lazy as _

from wulian.areas.forms import AreaCodeField
from wulian.core import bounds
from wulian.councils.models import Ballot, Choice, MemberKind, Session
from wulian.funds.models import Allocation, ProjectCategory
from wulian.orgs.models import Org
from wulian.people.models import Person
from wulian.web.pickers import OrgPicker, PersonPicker


class CouncilForm(forms.Form):
    community = AreaCodeField(label=_("社区区划代码"), deepest="community")
    name = forms.CharField(
        label=_("名称"),
        max_length=100,
        required=False,
        help_text=_("留空则为“某某社区居民议事会”。"),
    )


class CouncilSearchForm(forms.Form):
    q = forms.CharField(label=_("名称/社区代码"), required=False)


class MemberForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=MemberKind.choices)
    seat = bounds.IntegerField(label=_("席位号"), min_value=1)
    person = forms.ModelChoiceField(
        label=_("居民（居民代表）"),
        queryset=Person.objects.none(),
        required=False,
        widget=PersonPicker(),
    )
    org = forms.ModelChoiceField(
        label=_("单位/社会组织"),
        queryset=Org.objects.none(),
        required=False,
        widget=OrgPicker(kind="units"),
    )
    title = forms.CharField(label=_("职务"), max_length=50, required=False)

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        if council is not None:
            path = council.community.path
            self.fields["person"].queryset = Person.objects.filter(home_area__path__startswith=path)
            self.fields["org"].queryset = Org.objects.units().filter(area__path__startswith=path)


class SessionForm(forms.Form):
    title = forms.CharField(label=_("会议名称"), max_length=100)
    held_at = bounds.DateTimeField(
        label=_("时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("地点"), max_length=200, required=False)


class TopicForm(forms.Form):
    title = forms.CharField(label=_("议题"), max_length=200)
    description = forms.CharField(
        label=_("内容"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    session = forms.ModelChoiceField(
        label=_("会议"), queryset=Session.objects.none(), required=False
    )

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        if council is not None:
            self.fields["session"].queryset = council.sessions.all()


class OpenVotingForm(forms.Form):
    ballot = forms.ChoiceField(label=_("表决方式"), choices=Ballot.choices)
    quorum = bounds.IntegerField(
        label=_("法定票数"), min_value=1, required=False, help_text=_("留空为成员过半数。")
    )


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("选择"), choices=Choice.choices, widget=forms.RadioSelect)


class OfflineVoteForm(forms.Form):
    member = bounds.IntegerField(label=_("成员"))
    choice = forms.ChoiceField(label=_("选择"), choices=Choice.choices)


class ResolutionForm(forms.Form):
    text = forms.CharField(label=_("决议内容"), widget=forms.Textarea(attrs={"rows": 3}))
    decided_on = bounds.DateField(
        label=_("决议日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ResolutionProjectForm(forms.Form):
    allocation = forms.ModelChoiceField(label=_("资金拨付"), queryset=Allocation.objects.none())
    name = forms.CharField(label=_("项目名称"), max_length=100)
    category = forms.ChoiceField(label=_("类别"), choices=ProjectCategory.choices)
    budget = forms.CharField(label=_("预算（元）"), max_length=20)
    beneficiaries = bounds.IntegerField(label=_("受益人数"), min_value=0, initial=0)

    def __init__(self, *args, allocations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allocations is not None:
            self.fields["allocation"].queryset = allocations


class ResolutionActionForm(forms.Form):
    decision = forms.ModelChoiceField(label=_("联席会议议定事项"), queryset=Org.objects.none())
    lead_org = forms.ModelChoiceField(
        label=_("牵头单位"), queryset=Org.objects.none(), widget=OrgPicker(above=True)
    )
    responsible = forms.CharField(label=_("责任人"), max_length=50)
    due_on = bounds.DateField(label=_("完成时限"), widget=forms.DateInput(attrs={"type": "date"}))
    done_criteria = forms.CharField(label=_("完成标准"), max_length=300)

    def __init__(self, *args, decisions=None, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if decisions is not None:
            self.fields["decision"].queryset = decisions
            self.fields["decision"].label_from_instance = lambda d: (
                f"{d.meeting.topic}：{d.text[:40]}"
            )
        if orgs is not None:
            self.fields["lead_org"].queryset = orgs
