"""A joint meeting (党建联席会议) and its reschedules and cancellation."""

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
