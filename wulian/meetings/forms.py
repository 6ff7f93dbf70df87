from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wulian.areas.models import Area
from wulian.cases.models import Case, Status
from wulian.core import bounds, uploads
from wulian.meetings.models import ActionStatus, Invitation, JointMeeting, MeetingStatus, Response
from wulian.meetings.selectors import forward_targets, invitable_orgs
from wulian.meetings.services import EVIDENCE_MAX_BYTES
from wulian.orgs.models import Org
from wulian.people.models import Person
from wulian.web.pickers import AreaPicker, OrgPicker, PersonPicker

DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MULTI = {"size": 8}


class MeetingForm(forms.Form):
    area = forms.ModelChoiceField(label=_("会议层级"), queryset=Area.objects.none())
    topic = forms.CharField(label=_("议题"), max_length=200)
    place = forms.CharField(label=_("地点"), max_length=200)
    starts_at = bounds.DateTimeField(label=_("开始时间"), widget=DT)
    ends_at = bounds.DateTimeField(label=_("结束时间"), widget=DT)
    invite_orgs = bounds.ModelMultipleChoiceField(
        label=_("邀请单位"),
        queryset=Org.objects.none(),
        required=False,
        widget=OrgPicker(multiple=True, above=True),
    )
    agenda = forms.CharField(
        label=_("议程（每行一项）"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    host = forms.CharField(label=_("主持人"), max_length=50, required=False)
    recorder = forms.CharField(label=_("记录人"), max_length=50, required=False)

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(pk__in=[a.pk for a in areas])
        if len(areas) == 1:
            self.fields["area"].initial = areas[0].pk
        q = Q(pk__in=[])
        for area in areas:
            q |= Q(pk__in=invitable_orgs(area).values("pk"))
        self.fields["invite_orgs"].queryset = (
            Org.objects.filter(q).select_related("area").order_by("kind", "name")
        )

    def clean_agenda(self):
        return [line.strip() for line in self.cleaned_data["agenda"].splitlines() if line.strip()]


class RescheduleForm(forms.Form):
    starts_at = bounds.DateTimeField(label=_("新的开始时间"), widget=DT)
    ends_at = bounds.DateTimeField(label=_("新的结束时间"), widget=DT)
    reason = forms.CharField(
        label=_("改期原因"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("取消原因"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class InviteForm(forms.Form):
    orgs = bounds.ModelMultipleChoiceField(
        label=_("邀请单位"),
        queryset=Org.objects.none(),
        required=False,
        widget=OrgPicker(multiple=True, above=True),
    )
    people = bounds.ModelMultipleChoiceField(
        label=_("邀请人员"),
        queryset=Person.objects.none(),
        required=False,
        widget=PersonPicker(multiple=True),
    )

    def __init__(self, *args, meeting: JointMeeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["orgs"].queryset = invitable_orgs(meeting.area).order_by("kind", "name")
        self.fields["people"].queryset = Person.objects.filter(
            home_area__path__startswith=meeting.area.path
        )


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("议程"), max_length=200, required=False)
    note = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    case = forms.ModelChoiceField(label=_("矛盾纠纷"), queryset=Case.objects.none(), required=False)

    def __init__(self, *args, meeting: JointMeeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = Case.objects.filter(
            area__path__startswith=meeting.area.path, status=Status.OPEN
        ).select_related("area")


class AttendanceForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    org = forms.ModelChoiceField(label=_("代表单位"), queryset=Org.objects.none(), required=False)

    def __init__(self, *args, meeting: JointMeeting, **kwargs):
        super().__init__(*args, **kwargs)
        ids = list(meeting.invitations.exclude(org=None).values_list("org_id", flat=True)) + [
            meeting.convener_id
        ]
        self.fields["org"].queryset = Org.objects.filter(pk__in=ids)


class ActionFields(forms.Form):
    title = forms.CharField(label=_("督办事项"), max_length=200, required=False)
    lead_org = forms.ModelChoiceField(
        label=_("牵头单位"),
        queryset=Org.objects.none(),
        required=False,
        widget=OrgPicker(above=True),
    )
    co_orgs = bounds.ModelMultipleChoiceField(
        label=_("配合单位"),
        queryset=Org.objects.none(),
        required=False,
        widget=OrgPicker(multiple=True, above=True),
    )
    responsible = forms.CharField(label=_("责任人"), max_length=50, required=False)
    due_on = bounds.DateField(label=_("完成时限"), required=False, widget=DATE)
    done_criteria = forms.CharField(label=_("完成标准"), max_length=300, required=False)

    ACTION_FIELDS = ("title", "lead_org", "co_orgs", "responsible", "due_on", "done_criteria")

    def __init__(self, *args, meeting: JointMeeting, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = invitable_orgs(meeting.area).order_by("kind", "name")
        self.fields["lead_org"].queryset = orgs
        self.fields["co_orgs"].queryset = orgs

    def action_data(self) -> dict | None:
        data = {k: self.cleaned_data.get(k) for k in self.ACTION_FIELDS}
        if not any(data.values()):
            return None
        data["co_orgs"] = list(data["co_orgs"] or [])
        return data


class DecisionForm(ActionFields):
    text = forms.CharField(
        label=_("议定事项"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    agenda_item = forms.ModelChoiceField(label=_("对应议程"), queryset=None, required=False)

    field_order = ["text", "agenda_item", *ActionFields.ACTION_FIELDS]

    def __init__(self, *args, meeting: JointMeeting, **kwargs):
        super().__init__(*args, meeting=meeting, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()

    def decision_data(self) -> dict | None:
        action = self.action_data()
        text = self.cleaned_data.get("text", "")
        if not text and action is None:
            return None
        return {
            "text": text,
            "agenda_item": self.cleaned_data.get("agenda_item"),
            "action_items": [action] if action else [],
        }


class CloseForm(forms.Form):
    host = forms.CharField(label=_("主持人"), max_length=50)
    recorder = forms.CharField(label=_("记录人"), max_length=50)
    minutes = forms.CharField(label=_("会议纪要"), widget=forms.Textarea(attrs={"rows": 6}))


MAX_DECISIONS = 50


def decision_formset(data=None, *, meeting: JointMeeting, rows: int = 3):
    """The close page's decision blocks: ``rows`` empty ones on a fresh page (the "add a decision"
    link asks for one more), or as many as were posted."""
    formset_class = forms.formset_factory(
        DecisionForm,
        extra=max(1, min(rows, MAX_DECISIONS)),
        max_num=MAX_DECISIONS,
        absolute_max=MAX_DECISIONS,
        validate_max=True,
    )
    return formset_class(data, form_kwargs={"meeting": meeting}, prefix="d")


class AnswerForm(forms.Form):
    """参加 / 请假 (with a reason) / 委派 (a named delegate), for one invitation of the user's org."""

    invitation = forms.ModelChoiceField(label=_("受邀单位"), queryset=None, empty_label=None)
    response = forms.ChoiceField(
        label=_("答复"),
        widget=forms.RadioSelect,
        choices=[c for c in Response.choices if c[0] != Response.PENDING],
    )
    reason = forms.CharField(label=_("请假原因"), max_length=300, required=False)
    delegate = forms.CharField(
        label=_("委派人员"),
        max_length=50,
        required=False,
        help_text=_("委派时填写实际参会人员姓名"),
    )

    def __init__(self, *args, invitations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invitation"].queryset = Invitation.objects.filter(
            pk__in=[i.pk for i in invitations]
        )
        self.fields["invitation"].label_from_instance = lambda inv: str(inv.org)
        if len(invitations) == 1:
            self.fields["invitation"].initial = invitations[0].pk
            self.fields["invitation"].widget = forms.HiddenInput()
            first = invitations[0]
            if first.response != Response.PENDING:
                self.initial.update(
                    response=first.response, reason=first.reason, delegate=first.delegate
                )


class CheckinNameForm(forms.Form):
    name = forms.CharField(label=_("签到人姓名"), max_length=50)


class ForwardForm(forms.Form):
    to_meeting = forms.ModelChoiceField(label=_("转至会议"), queryset=JointMeeting.objects.none())
    note = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, meeting: JointMeeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_meeting"].queryset = forward_targets(meeting)
        self.fields["to_meeting"].label_from_instance = lambda m: (
            f"{m.area.name} · {m.topic} · {m.starts_at:%Y-%m-%d}"
        )


class ProgressForm(forms.Form):
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = uploads.UploadField(
        label=_("佐证材料"), required=False, kind=uploads.EVIDENCE, max_bytes=EVIDENCE_MAX_BYTES
    )


class AcceptForm(forms.Form):
    note = forms.CharField(label=_("验收意见"), required=False)


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("退回原因"), widget=forms.Textarea(attrs={"rows": 2}))


class MeetingSearchForm(forms.Form):
    q = forms.CharField(label=_("议题/地点"), required=False)
    status = forms.ChoiceField(
        label=_("状态"), choices=[("", _("全部状态"))] + MeetingStatus.choices, required=False
    )
    area = forms.CharField(label=_("区域代码"), required=False, widget=AreaPicker())


class ActionSearchForm(forms.Form):
    q = forms.CharField(label=_("事项/单位/责任人"), required=False)
    status = forms.ChoiceField(
        label=_("状态"), choices=[("", _("全部状态"))] + ActionStatus.choices, required=False
    )
    area = forms.CharField(label=_("区域代码"), required=False, widget=AreaPicker())
    escalated = forms.BooleanField(label=_("仅升级督办"), required=False)
    mine = forms.BooleanField(label=_("仅本单位牵头"), required=False)
