"""一月一现场会 and 一季一督导: a standing schedule per level (street, district, city) and kind. A job
creates each period's on-site meeting (a ``meetings.JointMeeting``) or inspection (a
``dispatches.Inspection`` of kind 定期督导) once, and after the period flags those that did not
happen (the meeting not closed, the inspection not done) as missed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduleKind(models.TextChoices):
    ONSITE_MEETING = "onsite_meeting", _("一月一现场会")
    INSPECTION = "inspection", _("一季一督导")


class ScheduleQuerySet(models.QuerySet):
    def search(self, *, kind: str = "", area=None):
        qs = self
        if kind:
            qs = qs.filter(kind=kind)
        if area is not None:
            qs = qs.filter(area__path__startswith=area.path)
        return qs


class Schedule(models.Model):
    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="schedules", verbose_name=_("层级区域")
    )
    kind = models.CharField(_("类型"), max_length=16, choices=ScheduleKind.choices)
    org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        related_name="schedules",
        verbose_name=_("召集/督导单位"),
    )
    target = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("被督导单位"),
    )
    place = models.CharField(_("地点"), max_length=200, blank=True)
    day = models.PositiveSmallIntegerField(_("计划日（当期第一个月的第几天）"), default=15)
    active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScheduleQuerySet.as_manager()

    class Meta:
        ordering = ["area__path", "kind"]
        verbose_name = _("现场会与督导计划")
        verbose_name_plural = _("现场会与督导计划")
        constraints = [
            models.UniqueConstraint(fields=["area", "kind"], name="schedule_one_per_area_kind"),
            models.CheckConstraint(
                condition=models.Q(day__gte=1, day__lte=28), name="schedule_day_in_month"
            ),
            models.CheckConstraint(
                condition=models.Q(kind="onsite_meeting") | models.Q(target__isnull=False),
                name="schedule_inspection_has_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area.name} · {self.get_kind_display()}"


class OccurrenceStatus(models.TextChoices):
    PLANNED = "planned", _("待落实")
    HELD = "held", _("已落实")
    MISSED = "missed", _("未落实")


class OccurrenceQuerySet(models.QuerySet):
    def search(self, *, kind: str = "", status: str = "", area=None, year: int | None = None):
        qs = self
        if kind:
            qs = qs.filter(kind=kind)
        if status == OccurrenceStatus.MISSED:
            qs = qs.filter(missed_at__isnull=False)
        elif status == OccurrenceStatus.HELD:
            qs = qs.filter(missed_at__isnull=True).filter(
                models.Q(meeting__status="closed") | models.Q(inspection__status="done")
            )
        elif status == OccurrenceStatus.PLANNED:
            qs = (
                qs.filter(missed_at__isnull=True)
                .exclude(meeting__status="closed")
                .exclude(inspection__status="done")
            )
        if area is not None:
            qs = qs.filter(area__path__startswith=area.path)
        if year:
            qs = qs.filter(period_start__year=year)
        return qs


class Occurrence(models.Model):
    """One period's on-site meeting or inspection of a schedule; made once per area, kind and
    period (the database refuses a second)."""

    schedule = models.ForeignKey(Schedule, on_delete=models.PROTECT, related_name="occurrences")
    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("层级区域")
    )
    kind = models.CharField(_("类型"), max_length=16, choices=ScheduleKind.choices)
    period_start = models.DateField(_("周期开始"))
    period_end = models.DateField(_("周期结束"))
    meeting = models.OneToOneField(
        "meetings.JointMeeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="onsite_occurrence",
        verbose_name=_("现场会"),
    )
    inspection = models.OneToOneField(
        "dispatches.Inspection",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scheduled_occurrence",
        verbose_name=_("督导"),
    )
    missed_at = models.DateTimeField(_("标记未落实时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "area__path", "kind"]
        verbose_name = _("现场会与督导落实")
        verbose_name_plural = _("现场会与督导落实")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "kind", "period_start"], name="occurrence_once_per_period"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="onsite_meeting", meeting__isnull=False, inspection__isnull=True)
                    | models.Q(kind="inspection", meeting__isnull=True, inspection__isnull=False)
                ),
                name="occurrence_fits_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="occurrence_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area_id} · {self.get_kind_display()} · {self.period_start:%Y-%m}"

    @property
    def status(self) -> str:
        if self.missed_at is not None:
            return OccurrenceStatus.MISSED
        if (self.meeting_id and self.meeting.status == "closed") or (
            self.inspection_id and self.inspection.status == "done"
        ):
            return OccurrenceStatus.HELD
        return OccurrenceStatus.PLANNED

    def get_status_display(self) -> str:
        return str(OccurrenceStatus(self.status).label)
