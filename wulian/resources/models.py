"""Shared resources (共享资源动态清单) that units open to residents, and their bookings (预约)."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wulian.core.sql import parse_rows
from wulian.orgs.models import Org


class ResourceKind(models.TextChoices):
    PARKING = "parking", _("停车位")
    VENUE = "venue", _("场地")
    SPORTS_GROUND = "sports_ground", _("运动场")
    CLINIC = "clinic", _("义诊/诊室")
    LIBRARY = "library", _("图书阅览")
    CANTEEN = "canteen", _("食堂")
    OTHER = "other", _("其他")


class Terms(models.TextChoices):
    FREE = "free", _("免费")
    FEE = "fee", _("收费")
    COMPENSATED = "compensated", _("有偿补偿")


class FeeUnit(models.TextChoices):
    PER_BOOKING = "booking", _("次")
    PER_HOUR = "hour", _("小时")
    PER_DAY = "day", _("天")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("星期一")
    TUESDAY = 1, _("星期二")
    WEDNESDAY = 2, _("星期三")
    THURSDAY = 3, _("星期四")
    FRIDAY = 4, _("星期五")
    SATURDAY = 5, _("星期六")
    SUNDAY = 6, _("星期日")


class ResourceQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open=True)

    def search(
        self,
        *,
        q: str = "",
        kind: str = "",
        area=None,
        is_open: bool | None = None,
        terms: str = "",
        org=None,
        line: int | None = None,
    ):
        qs = self
        if line:  # the resources of the units of a line (条线部门 id)
            qs = qs.filter(org__in=Org.objects.in_line(line))
        if q:
            qs = qs.filter(
                models.Q(name__contains=q)
                | models.Q(location__contains=q)
                | models.Q(org__name__contains=q)
            )
        if kind:
            qs = qs.filter(kind=kind)
        if terms:
            qs = qs.filter(terms=terms)
        if area is not None:
            qs = qs.filter(area__path__startswith=area.path)
        if is_open is not None:
            qs = qs.filter(is_open=is_open)
        if org is not None:
            qs = qs.filter(org=org)
        return qs


class Resource(models.Model):
    """A resource a unit opens to residents: capacity, opening hours, who may book, terms."""

    org = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="resources", verbose_name=_("开放单位")
    )
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类别"), max_length=16, choices=ResourceKind.choices, db_index=True)
    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="resources", verbose_name=_("所在区域")
    )
    location = models.CharField(_("位置"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("容量"))
    capacity_unit = models.CharField(
        _("容量单位"), max_length=10, blank=True, default="", help_text=_("如“个车位”“人”“间”。")
    )
    description = models.TextField(_("说明"), blank=True)
    requires_approval = models.BooleanField(_("预约需审核"), default=False)
    terms = models.CharField(
        _("使用条件"), max_length=12, choices=Terms.choices, default=Terms.FREE
    )
    terms_text = models.CharField(_("条件说明"), max_length=200, blank=True)
    # What a resident pays, per unit booked and per booking / hour / day; empty when free.
    fee_amount = models.DecimalField(
        _("收费标准（元）"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    fee_unit = models.CharField(
        _("计费单位"), max_length=8, choices=FeeUnit.choices, default=FeeUnit.PER_BOOKING
    )
    # How much one person, and one household (people.Person.household_index), may hold per day and
    # per ISO week (Monday–Sunday, Asia/Shanghai), in units of the capacity.
    per_person_day = models.PositiveSmallIntegerField(_("每人每天上限"), default=2)
    per_person_week = models.PositiveSmallIntegerField(_("每人每周上限"), default=6)
    per_household_day = models.PositiveSmallIntegerField(_("每户每天上限"), default=4)
    per_household_week = models.PositiveSmallIntegerField(_("每户每周上限"), default=12)
    eligible_areas = models.ManyToManyField(
        "areas.Area",
        related_name="eligible_resources",
        blank=True,
        verbose_name=_("可预约区域"),
        help_text=_("居住在这些区域（含下级）的居民可预约；不选则为资源所在区域。"),
    )
    eligible_orgs = models.ManyToManyField(
        "orgs.Org",
        related_name="eligible_resources",
        blank=True,
        verbose_name=_("可预约组织"),
        help_text=_("这些组织的党员不论居住在哪里都可预约。"),
    )
    is_open = models.BooleanField(_("开放中"), default=True)
    opened_since = models.DateTimeField(_("开放起始"), null=True, blank=True)
    closed_since = models.DateTimeField(_("关闭起始"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["area__path", "org__name", "name", "id"]
        verbose_name = _("共享资源")
        verbose_name_plural = _("共享资源")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="resource_capacity_positive"
            ),
            models.UniqueConstraint(fields=["org", "name"], name="resource_name_unique_per_org"),
            models.CheckConstraint(
                condition=models.Q(
                    per_person_day__gte=1,
                    per_person_week__gte=1,
                    per_household_day__gte=1,
                    per_household_week__gte=1,
                ),
                name="resource_caps_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(fee_amount__isnull=True) | models.Q(fee_amount__gte=0),
                name="resource_fee_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def capacity_display(self) -> str:
        return f"{self.capacity}{self.capacity_unit}"

    # The children as plain values, for the API: from the annotations that
    # ``resources.selectors.with_children`` adds to a list's one query, else read one by one.
    @property
    def hours_rows(self) -> list[dict]:
        if hasattr(self, "hours_json"):
            return [
                {"weekday": w, "start": dt.time.fromisoformat(s), "end": dt.time.fromisoformat(e)}
                for w, s, e in parse_rows(self.hours_json)
            ]
        return [{"weekday": h.weekday, "start": h.start, "end": h.end} for h in self.hours.all()]

    @property
    def blackout_rows(self) -> list[dict]:
        if hasattr(self, "blackouts_json"):
            return [
                {"date": dt.date.fromisoformat(d), "reason": r}
                for d, r in parse_rows(self.blackouts_json)
            ]
        return [{"date": b.date, "reason": b.reason} for b in self.blackouts.all()]

    @property
    def eligible_area_codes(self) -> list[str]:
        if hasattr(self, "eligible_areas_json"):
            return [code for _path, code in parse_rows(self.eligible_areas_json)]
        return [a.code for a in self.eligible_areas.all()]

    @property
    def eligible_org_ids(self) -> list[int]:
        if hasattr(self, "eligible_orgs_json"):
            return [pk for _path, _name, pk in parse_rows(self.eligible_orgs_json)]
        return [o.pk for o in self.eligible_orgs.all()]

    @property
    def unit_label(self) -> str:
        """The unit of the capacity without its number ("个车位", "个号"), for messages."""
        return self.capacity_unit or str(_("个"))

    @property
    def fee_display(self) -> str:
        """What a resident pays, shown before booking: "免费", "5.00元/小时（每个车位）"."""
        if self.terms == Terms.FREE or not self.fee_amount:
            if self.terms == Terms.FEE:
                return str(_("收费（见条件说明）"))
            return str(_("免费"))
        return str(_("%(a)s元/%(u)s") % {"a": self.fee_amount, "u": FeeUnit(self.fee_unit).label})

    @property
    def caps_display(self) -> str:
        return str(
            _("每人每天%(pd)d、每周%(pw)d；每户每天%(hd)d、每周%(hw)d（%(u)s）")
            % {
                "pd": self.per_person_day,
                "pw": self.per_person_week,
                "hd": self.per_household_day,
                "hw": self.per_household_week,
                "u": self.unit_label,
            }
        )


class OpeningHours(models.Model):
    """One opening interval on a weekday; a day may have several (e.g. morning and afternoon)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("星期"), choices=Weekday.choices)
    start = models.TimeField(_("开始"))
    end = models.TimeField(_("结束"))

    class Meta:
        ordering = ["weekday", "start"]
        verbose_name = _("开放时间")
        verbose_name_plural = _("开放时间")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="hours_end_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(weekday__gte=0, weekday__lte=6), name="hours_weekday_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}-{self.end:%H:%M}"


class Blackout(models.Model):
    """A date on which the resource cannot be booked (holiday, maintenance, own use)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="blackouts")
    date = models.DateField(_("日期"))
    reason = models.CharField(_("原因"), max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("停止预约日期")
        verbose_name_plural = _("停止预约日期")
        constraints = [
            models.UniqueConstraint(fields=["resource", "date"], name="blackout_unique_date")
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.reason}"


class ChangeKind(models.TextChoices):
    CREATED = "created", _("发布")
    UPDATED = "updated", _("修改")
    OPENED = "opened", _("开放")
    CLOSED = "closed", _("关闭")


class ResourceChange(models.Model):
    """The resource's history: every publish, change, opening and closing, with a snapshot."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="changes")
    version = models.PositiveIntegerField(_("版本"))
    kind = models.CharField(_("变更"), max_length=10, choices=ChangeKind.choices)
    at = models.DateTimeField(_("时间"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    summary = models.CharField(_("摘要"), max_length=300, blank=True)
    data = models.JSONField(_("快照"), default=dict)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("资源变更记录")
        verbose_name_plural = _("资源变更记录")

    def __str__(self) -> str:
        return f"{self.resource} v{self.version} {self.get_kind_display()}"


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已预约")
    REJECTED = "rejected", _("未通过")
    CANCELLED = "cancelled", _("已取消")
    CHECKED_IN = "checked_in", _("已签到")
    NO_SHOW = "no_show", _("未到场")


# Bookings in these states hold their quantity of the resource's capacity.
ACTIVE_STATUSES = (BookingStatus.PENDING, BookingStatus.APPROVED, BookingStatus.CHECKED_IN)


class BookingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def overlapping(self, start, end):
        return self.filter(start__lt=end, end__gt=start)


class Booking(models.Model):
    """A person's reservation of a quantity of a resource for a time slot."""

    resource = models.ForeignKey(
        Resource, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("资源")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="bookings", verbose_name=_("预约人")
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作账号"),
    )
    start = models.DateTimeField(_("开始时间"))
    end = models.DateTimeField(_("结束时间"))
    quantity = models.PositiveIntegerField(_("数量"), default=1)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    plate = models.CharField(
        _("车牌号"), max_length=10, blank=True, help_text=_("停车位预约必填。")
    )
    fee = models.DecimalField(
        _("应付费用（元）"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("预约时按收费标准计算；免费为空。"),
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=BookingStatus.choices, db_index=True
    )
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审核人"),
    )
    decision_note = models.CharField(_("审核意见"), max_length=200, blank=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "-id"]
        verbose_name = _("预约")
        verbose_name_plural = _("预约")
        indexes = [models.Index(fields=["resource", "start", "end"], name="booking_resource_slot")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="booking_end_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="booking_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource} · {self.person} · {self.start:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
