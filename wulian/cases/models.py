from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseCategory(models.TextChoices):
    PROPERTY_MANAGEMENT = "property_management", _("物业管理")
    NEIGHBOURHOOD = "neighbourhood", _("邻里纠纷")
    SANITATION = "sanitation", _("环境卫生")
    PARKING = "parking", _("停车管理")
    CONSTRUCTION = "construction", _("施工扰民")
    OTHER = "other", _("其他")


Category = CaseCategory  # named apart from needs' category so that OpenAPI names stay unique


class Source(models.TextChoices):
    STAFF = "staff", _("工作人员登记")
    RESIDENT = "resident", _("居民反映")


class Status(models.TextChoices):
    OPEN = "open", _("待化解")
    RESOLVED = "resolved", _("已化解")


class Method(models.TextChoices):
    MEDIATION = "mediation", _("调解")
    CONSULTATION = "consultation", _("协商")
    JOINT_MEETING = "joint_meeting", _("联席会议")
    DEPARTMENT = "department", _("部门处理")
    OTHER = "other", _("其他")


class CaseQuerySet(models.QuerySet):
    def in_area(self, area):
        return self.filter(area__path__startswith=area.path)

    def resolved(self):
        return self.filter(status=Status.RESOLVED)

    def search(self, *, q: str = "", category: str = "", status: str = "", area=None):
        qs = self
        if q:
            qs = qs.filter(
                models.Q(title__contains=q)
                | models.Q(parties__contains=q)
                | models.Q(description__contains=q)
            )
        if category:
            qs = qs.filter(category=category)
        if status:
            qs = qs.filter(status=status)
        if area is not None:
            qs = qs.in_area(area)
        return qs


class Case(models.Model):
    """A dispute or problem (矛盾纠纷, e.g. 物业矛盾) brought to the platform in an area."""

    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="cases", verbose_name=_("所在区域")
    )
    category = models.CharField(_("类别"), max_length=24, choices=Category.choices, db_index=True)
    title = models.CharField(_("标题"), max_length=120)
    parties = models.CharField(_("当事方"), max_length=300, blank=True)
    description = models.TextField(_("情况描述"))
    source = models.CharField(
        _("来源"), max_length=10, choices=Source.choices, default=Source.STAFF
    )
    reporter = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reported_cases",
        verbose_name=_("反映人"),
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("登记人"),
    )
    registered_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    resolution = models.TextField(_("化解情况"), blank=True)
    method = models.CharField(_("化解方式"), max_length=16, choices=Method.choices, blank=True)
    resolved_by_org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolved_cases",
        verbose_name=_("化解单位"),
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("记录人"),
    )
    resolved_on = models.DateField(_("化解日期"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("记录时间"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_at", "-id"]
        verbose_name = _("矛盾纠纷")
        verbose_name_plural = _("矛盾纠纷")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open")
                | (models.Q(resolved_on__isnull=False) & ~models.Q(resolution="")),
                name="case_resolved_has_resolution",
            ),
        ]

    def __str__(self) -> str:
        return self.title
