from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("待召开")
    CLOSED = "closed", _("已闭会")
    CANCELLED = "cancelled", _("已取消")


class JointMeetingQuerySet(models.QuerySet):
    def search(self, *, q: str = "", status: str = "", area=None):
        qs = self
        if q:
            qs = qs.filter(models.Q(topic__contains=q) | models.Q(place__contains=q))
        if status:
            qs = qs.filter(status=status)
        if area is not None:
            qs = qs.filter(area__path__startswith=area.path)
        return qs


class JointMeeting(models.Model):
    """党建联席会议: convened at a level by its leading org or governance committee."""

    area = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        related_name="joint_meetings",
        verbose_name=_("层级区域"),
    )
    convener = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        related_name="convened_meetings",
        verbose_name=_("召集单位"),
    )
    topic = models.CharField(_("议题"), max_length=200)
    place = models.CharField(_("地点"), max_length=200)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=MeetingStatus.choices,
        default=MeetingStatus.SCHEDULED,
        db_index=True,
    )
    minutes = models.TextField(_("会议纪要"), blank=True)
    host = models.CharField(_("主持人"), max_length=50, blank=True)
    recorder = models.CharField(_("记录人"), max_length=50, blank=True)
    closed_at = models.DateTimeField(_("闭会时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # iCalendar SEQUENCE: raised by every reschedule and the cancellation, so calendars update.
    sequence = models.PositiveIntegerField(_("日历版本"), default=0)

    objects = JointMeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("党建联席会议")
        verbose_name_plural = _("党建联席会议")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.topic

    @property
    def is_closed(self) -> bool:
        return self.status == MeetingStatus.CLOSED

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED


class ChangeKind(models.TextChoices):
    RESCHEDULED = "rescheduled", _("改期")
    CANCELLED = "cancelled", _("取消")


class MeetingChange(models.Model):
    """One reschedule (改期) or the cancellation (取消) of a meeting: old and new times, reason, who, when."""

    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("类型"), max_length=12, choices=ChangeKind.choices)
    old_starts_at = models.DateTimeField(_("原开始时间"))
    old_ends_at = models.DateTimeField(_("原结束时间"))
    new_starts_at = models.DateTimeField(_("新开始时间"), null=True, blank=True)
    new_ends_at = models.DateTimeField(_("新结束时间"), null=True, blank=True)
    reason = models.TextField(_("原因"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("会议变更")
        verbose_name_plural = _("会议变更")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="meeting_change_has_reason"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="cancelled", new_starts_at__isnull=True, new_ends_at__isnull=True)
                    | models.Q(kind="rescheduled", new_ends_at__gt=models.F("new_starts_at"))
                ),
                name="meeting_change_new_times_fit_kind",
            ),
            # Cancelled once: a meeting has at most one cancellation.
            models.UniqueConstraint(
                fields=["meeting"],
                condition=models.Q(kind="cancelled"),
                name="meeting_change_cancelled_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.reason[:30]}"


class Response(models.TextChoices):
    PENDING = "pending", _("待答复")
    ATTEND = "attend", _("参加")
    LEAVE = "leave", _("请假")
    DELEGATE = "delegate", _("委派")


class Invitation(models.Model):
    """An invited org or person, and its answer: 参加, 请假 (with a reason) or 委派 (a named delegate)."""

    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="invitations")
    org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_invitations",
        verbose_name=_("受邀单位"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_invitations",
        verbose_name=_("受邀人员"),
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    response = models.CharField(
        _("答复"), max_length=10, choices=Response.choices, default=Response.PENDING
    )
    reason = models.CharField(_("请假原因"), max_length=300, blank=True)
    delegate = models.CharField(_("委派人员"), max_length=50, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(org__isnull=False, person__isnull=True)
                    | models.Q(org__isnull=True, person__isnull=False)
                ),
                name="invitation_org_xor_person",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(response="pending", answered_at__isnull=True)
                    | (models.Q(response="attend", answered_at__isnull=False))
                    | (models.Q(response="leave", answered_at__isnull=False) & ~models.Q(reason=""))
                    | (
                        models.Q(response="delegate", answered_at__isnull=False)
                        & ~models.Q(delegate="")
                    )
                ),
                name="invitation_answer_complete",
            ),
            models.UniqueConstraint(fields=["meeting", "org"], name="invitation_unique_org"),
            models.UniqueConstraint(fields=["meeting", "person"], name="invitation_unique_person"),
        ]

    def __str__(self) -> str:
        return str(self.org or self.person)


class CheckinVia(models.TextChoices):
    MANUAL = "manual", _("登记")
    QR = "qr", _("扫码签到")


class Attendance(models.Model):
    """Who came, for which org."""

    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="attendances")
    name = models.CharField(_("姓名"), max_length=50)
    org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("代表单位"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_attendances",
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("签到人员"),
    )
    via = models.CharField(
        _("方式"), max_length=10, choices=CheckinVia.choices, default=CheckinVia.MANUAL
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_in_at = models.DateTimeField(_("签到时间"), auto_now_add=True)

    objects = models.Manager()

    class Meta:
        ordering = ["checked_in_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=models.Q(user__isnull=False),
                name="attendance_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["meeting", "name", "org"], name="attendance_once_per_name_org"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AgendaItem(models.Model):
    """An item on a meeting's agenda; it may bring a case or a decision forwarded from a meeting
    of the level above or below."""

    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("序号"), default=1)
    title = models.CharField(_("议程"), max_length=200)
    note = models.TextField(_("说明"), blank=True)
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("矛盾纠纷"),
    )
    source_decision = models.ForeignKey(
        "meetings.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forwarded_as",
        verbose_name=_("转来的议定事项"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "source_decision"],
                condition=models.Q(source_decision__isnull=False),
                name="agenda_decision_forwarded_once",
            ),
            models.UniqueConstraint(
                fields=["meeting", "case"],
                condition=models.Q(case__isnull=False),
                name="agenda_case_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    """议定事项: one structured decision of a closed meeting."""

    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveSmallIntegerField(_("序号"), default=1)
    text = models.TextField(_("议定事项"))
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("对应议程"),
    )

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = _("议定事项")
        verbose_name_plural = _("议定事项")

    def __str__(self) -> str:
        return self.text[:40]


class ActionStatus(models.TextChoices):
    OPEN = "open", _("办理中")
    DONE = "done", _("已办结待验收")
    ACCEPTED = "accepted", _("已验收")


class ActionItemQuerySet(models.QuerySet):
    def unfinished(self):
        return self.exclude(status=ActionStatus.ACCEPTED)

    def overdue(self, today):
        return self.filter(status=ActionStatus.OPEN, due_on__lt=today)

    def search(self, *, q: str = "", status: str = "", escalated: bool = False, area=None):
        qs = self
        if q:
            qs = qs.filter(
                models.Q(title__contains=q)
                | models.Q(responsible__contains=q)
                | models.Q(lead_org__name__contains=q)
            )
        if status:
            qs = qs.filter(status=status)
        if escalated:
            qs = qs.filter(escalated_at__isnull=False)
        if area is not None:
            qs = qs.filter(decision__meeting__area__path__startswith=area.path)
        return qs


class ActionItem(models.Model):
    """督办事项: a decision turned into work for one lead org, followed until accepted."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="action_items")
    title = models.CharField(_("督办事项"), max_length=200)
    lead_org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        related_name="led_action_items",
        verbose_name=_("牵头单位"),
    )
    co_orgs = models.ManyToManyField(
        "orgs.Org", blank=True, related_name="co_action_items", verbose_name=_("配合单位")
    )
    responsible = models.CharField(_("责任人"), max_length=50)
    due_on = models.DateField(_("完成时限"), db_index=True)
    done_criteria = models.CharField(_("完成标准"), max_length=300)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=ActionStatus.choices,
        default=ActionStatus.OPEN,
        db_index=True,
    )
    done_at = models.DateTimeField(_("报结时间"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("验收时间"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    escalated_at = models.DateTimeField(_("升级督办时间"), null=True, blank=True)
    escalated_to = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="escalated_action_items",
        verbose_name=_("升级至"),
    )
    # How many levels up the item has escalated (0: none); escalated_at/_to name the latest.
    escalation_level = models.PositiveSmallIntegerField(_("升级层级数"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActionItemQuerySet.as_manager()

    # Not a field: set on each item of a list by ``selectors.with_colours``.
    colour: str

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("督办事项")
        verbose_name_plural = _("督办事项")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(responsible=""), name="action_item_has_responsible"
            ),
            models.CheckConstraint(
                condition=models.Q(escalated_at__isnull=True)
                | models.Q(escalated_to__isnull=False),
                name="action_item_escalated_to_someone",
            ),
            models.CheckConstraint(
                condition=models.Q(escalation_level=0, escalated_at__isnull=True)
                | models.Q(escalation_level__gt=0, escalated_at__isnull=False),
                name="action_item_escalation_level_fits",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EventKind(models.TextChoices):
    CREATED = "created", _("下达")
    PROGRESS = "progress", _("进展")
    DONE = "done", _("报结")
    ACCEPTED = "accepted", _("验收通过")
    RETURNED = "returned", _("退回")
    ESCALATED = "escalated", _("升级督办")


class ActionEvent(models.Model):
    """The history of an action item: progress reports with evidence, done, checks, escalation."""

    item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("类型"), max_length=10, choices=EventKind.choices)
    text = models.TextField(_("内容"), blank=True)
    evidence = models.FileField(_("佐证材料"), upload_to="meetings/evidence/%Y/%m/", blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_org = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # An escalation's level: the area whose org it reached (street, district or city).
    to_area = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("升级至层级"),
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            # Exactly once per level: an item reaches each level above its meeting at most once.
            models.UniqueConstraint(
                fields=["item", "to_area"],
                condition=models.Q(kind="escalated"),
                name="action_event_escalated_once_per_level",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="escalated") | models.Q(to_area__isnull=False),
                name="action_event_escalation_has_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:30]}"
