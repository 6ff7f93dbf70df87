"""Resident reports (随手拍): a problem seen in the street, with photos and a place, triaged by
community staff (duplicate, routed, turned into a case or an agenda item) and answered by the
resident (已解决 / 未解决). The history is the list of ``ReportEvent`` rows; nothing is erased."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """The kinds of problem, also Open311's services (``service_code`` = the value)."""

    ROAD = "road", _("道路设施")
    SANITATION = "sanitation", _("环境卫生")
    GREENERY = "greenery", _("园林绿化")
    PARKING = "parking", _("停车秩序")
    NOISE = "noise", _("噪声扰民")
    FACILITY = "facility", _("公共设施损坏")
    SAFETY = "safety", _("安全隐患")
    OTHER = "other", _("其他")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    HANDLED = "handled", _("已处理，待确认")
    CLOSED = "closed", _("已解决")
    DUPLICATE = "duplicate", _("已合并")


class Channel(models.TextChoices):
    PAGE = "page", _("手机页面")
    OPEN311 = "open311", _("Open311 接口")


class Answer(models.TextChoices):
    RESOLVED = "resolved", _("已解决")
    UNRESOLVED = "unresolved", _("未解决")


class ReportQuerySet(models.QuerySet):
    def in_area(self, area):
        return self.filter(area__path__startswith=area.path)


class Report(models.Model):
    category = models.CharField(_("类别"), max_length=16, choices=Category.choices, db_index=True)
    description = models.TextField(_("问题描述"), max_length=2000)
    # Where: a grid picked from a list, the community, or (coordinates only, Open311) the city;
    # coordinates (WGS-84) when the phone gave them.
    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("所在区域")
    )
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    address = models.CharField(_("位置说明"), max_length=200, blank=True)
    reporter = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("反映人"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(
        _("渠道"), max_length=10, choices=Channel.choices, default=Channel.PAGE
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.OPEN,
        db_index=True,
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("重复于"),
    )
    routed_to = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("承办单位"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("转为矛盾纠纷"),
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("列入会议议程"),
    )
    answer = models.CharField(_("居民确认"), max_length=10, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("随手拍")
        verbose_name_plural = _("随手拍")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lat__isnull=True, long__isnull=True)
                | models.Q(lat__isnull=False, long__isnull=False),
                name="report_lat_long_together",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="duplicate") | models.Q(duplicate_of__isnull=False),
                name="report_duplicate_names_its_original",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_category_display()}"

    @property
    def title(self) -> str:
        text = " ".join(self.description.split())
        return text[:30] + ("…" if len(text) > 30 else "")


class ReportPhoto(models.Model):
    """A photo as kept: re-encoded JPEG without metadata (``core.images.reencode_photo``)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to="reports/%Y/%m/")
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"#{self.report_id} · {self.position}"


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("提交")
    DUPLICATE = "duplicate", _("合并为重复")
    MERGED = "merged", _("合并了重复反映")
    ROUTED = "routed", _("转交承办单位")
    CASE = "case", _("转为矛盾纠纷")
    AGENDA = "agenda", _("列入联席会议议程")
    HANDLED = "handled", _("已处理")
    RESOLVED = "resolved", _("居民确认已解决")
    UNRESOLVED = "unresolved", _("居民反馈未解决")


class ReportEvent(models.Model):
    """One step of a report's history (kept: a second routing adds a row, never rewrites one)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=12, choices=EventKind.choices)
    text = models.CharField(_("说明"), max_length=500, blank=True)
    org = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    other = models.ForeignKey(
        Report, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    # Not a field: set by ``selectors.timeline`` on the original's events that follow a merge.
    on_original: bool

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"#{self.report_id} {self.get_kind_display()}"


Status = ReportStatus  # a name of its own in the OpenAPI schema
