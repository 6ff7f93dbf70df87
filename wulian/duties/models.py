import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class DutyKind(models.TextChoices):
    RESPONSIBILITY = "responsibility", _("责任清单")
    TASK = "task", _("任务清单")
    PROBLEM = "problem", _("问题清单")


class DutyStatus(models.TextChoices):
    OPEN = "open", _("进行中")
    DONE = "done", _("已完成")


class Holiday(models.Model):
    """A day that breaks the Monday–Friday rule: a public holiday (法定节假日, not a working day)
    or a make-up working day on a weekend (调休, ``is_workday``)."""

    date = models.DateField(_("日期"), unique=True)
    name = models.CharField(_("名称"), max_length=30)
    is_workday = models.BooleanField(_("调休上班"), default=False)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日")
        verbose_name_plural = _("节假日")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}" + (" (调休上班)" if self.is_workday else "")


class HolidaySource(models.TextChoices):
    PACKAGE = "package", _("官方数据包（chinesecalendar）")
    NOTICE = "notice", _("管理员按国务院通知录入")


class HolidayYear(models.Model):
    """A year whose arrangement in the ``Holiday`` table is confirmed: seeded from the official
    package, or entered by an admin from the State Council's notice and confirmed. Staff are
    warned on the duty pages while the current or next year has no such row."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    source = models.CharField(_("来源"), max_length=10, choices=HolidaySource.choices)
    note = models.CharField(_("依据"), max_length=200, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("确认人"),
    )
    confirmed_at = models.DateTimeField(_("确认时间"), auto_now_add=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("节假日年度安排")
        verbose_name_plural = _("节假日年度安排")

    def __str__(self) -> str:
        return f"{self.year} {self.get_source_display()}"


class DutyListQuerySet(models.QuerySet):
    def search(self, *, q: str = "", year: int | None = None, kind: str = ""):
        qs = self
        if q:
            qs = qs.filter(org__name__contains=q)
        if year:
            qs = qs.filter(year=year)
        if kind:
            qs = qs.filter(kind=kind)
        return qs


class DutyList(models.Model):
    """责任清单 / 任务清单 / 问题清单 of one organization for one year."""

    org = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="duty_lists", verbose_name=_("组织")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("清单类型"), max_length=16, choices=DutyKind.choices)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = DutyListQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "org__area__path", "kind"]
        verbose_name = _("清单")
        verbose_name_plural = _("清单")
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year", "kind"], name="dutylist_one_per_org_year_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100), name="dutylist_year_sane"
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(o)s %(y)d年%(k)s") % {
            "o": self.org,
            "y": self.year,
            "k": self.get_kind_display(),
        }


class DutyQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=DutyStatus.OPEN)

    def done(self):
        return self.filter(status=DutyStatus.DONE)

    def overdue(self, today: dt.date):
        """Open and past the due date."""
        return self.filter(status=DutyStatus.OPEN, due_on__lt=today)

    def done_on_time(self):
        return self.filter(status=DutyStatus.DONE, done_on__lte=models.F("due_on"))

    def done_late(self):
        return self.filter(status=DutyStatus.DONE, done_on__gt=models.F("due_on"))

    def not_done_by_due_date(self):
        """Still open, or done after the due date: of duties due in a past period, the ones that
        fell overdue in it (what the monthly notice lists and its 逾期 column counts)."""
        return self.filter(
            models.Q(status=DutyStatus.OPEN)
            | models.Q(status=DutyStatus.DONE, done_on__gt=models.F("due_on"))
        )

    def in_area(self, area):
        return self.filter(lead_org__area__path__startswith=area.path)

    def search(
        self,
        *,
        q: str = "",
        kind: str = "",
        status: str = "",
        year: int | None = None,
        colour: str = "",
        today: dt.date | None = None,
    ):
        qs = self
        if q:
            qs = qs.filter(models.Q(title__contains=q) | models.Q(lead_org__name__contains=q))
        if kind:
            qs = qs.filter(duty_list__kind=kind)
        if status:
            qs = qs.filter(status=status)
        if year:
            qs = qs.filter(duty_list__year=year)
        if colour == "red" and today is not None:
            qs = qs.overdue(today)
        return qs


class Duty(models.Model):
    """One line of a list: what, what counts as done, who leads, due when, status."""

    duty_list = models.ForeignKey(
        DutyList, on_delete=models.CASCADE, related_name="duties", verbose_name=_("所属清单")
    )
    title = models.CharField(_("事项"), max_length=200)
    done_criteria = models.TextField(_("完成标准"), blank=True)
    # Always the list's org; kept on the row so that scoping and counting need no join.
    lead_org = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="led_duties", verbose_name=_("牵头单位")
    )
    responsible_person = models.CharField(_("责任人"), max_length=50, blank=True)
    co_orgs = models.ManyToManyField(
        "orgs.Org", blank=True, related_name="co_duties", verbose_name=_("配合单位")
    )
    assigned_on = models.DateField(_("下达日期"))
    due_on = models.DateField(_("截止日期"))
    status = models.CharField(
        _("状态"), max_length=8, choices=DutyStatus.choices, default=DutyStatus.OPEN, db_index=True
    )
    done_on = models.DateField(_("完成日期"), null=True, blank=True)
    # Duties assigned together from above (one to many) share an assignment id.
    assignment = models.UUIDField(_("下达批次"), null=True, blank=True, db_index=True)
    assigned_by_org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_duties",
        verbose_name=_("下达单位"),
    )
    source = models.CharField(
        _("来源"), max_length=60, blank=True, help_text=_("例如 督导发现问题")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = DutyQuerySet.as_manager()

    # Not a field: set on each duty of a list by ``selectors.with_colours``.
    colour: str

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("清单事项")
        verbose_name_plural = _("清单事项")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("assigned_on")),
                name="duty_due_not_before_assigned",
            ),
            models.CheckConstraint(
                condition=models.Q(status="open", done_on__isnull=True)
                | models.Q(status="done", done_on__isnull=False),
                name="duty_done_on_iff_done",
            ),
        ]
        indexes = [
            models.Index(fields=["lead_org", "status", "due_on"], name="duty_org_status_due")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def on_time(self) -> bool | None:
        if self.status != DutyStatus.DONE:
            return None
        return self.done_on <= self.due_on


class ProgressReport(models.Model):
    duty = models.ForeignKey(
        Duty, on_delete=models.CASCADE, related_name="reports", verbose_name=_("事项")
    )
    text = models.TextField(_("进展情况"))
    evidence = models.FileField(_("佐证材料"), upload_to="duties/evidence/%Y/%m/", blank=True)
    marks_done = models.BooleanField(_("标记完成"), default=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("报告人"),
    )
    reported_at = models.DateTimeField(_("报告时间"), auto_now_add=True)

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")

    def __str__(self) -> str:
        return f"{self.duty}: {self.text[:30]}"
