"""党群服务中心: a community's centre for party members and residents — a place with opening hours,
the services offered there and the shared resources (``resources.Resource``) it holds."""

from django.db import models
from django.utils.translation import gettext_lazy as _

WEEKDAYS = [_("周一"), _("周二"), _("周三"), _("周四"), _("周五"), _("周六"), _("周日")]


class CentreQuerySet(models.QuerySet):
    def search(self, *, q: str = "", area=None):
        qs = self
        if q:
            qs = qs.filter(models.Q(name__contains=q) | models.Q(address__contains=q))
        if area is not None:
            qs = qs.filter(community__path__startswith=area.path)
        return qs


class Centre(models.Model):
    """One community's 党群服务中心, run by the community's leading party organization."""

    community = models.OneToOneField(
        "areas.Area", on_delete=models.PROTECT, related_name="centre", verbose_name=_("所在社区")
    )
    org = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="centres", verbose_name=_("运营党组织")
    )
    name = models.CharField(_("名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200)
    phone = models.CharField(_("服务电话"), max_length=30, blank=True)
    description = models.TextField(_("简介"), blank=True)
    is_public = models.BooleanField(_("在社区公开页显示"), default=True)
    resources = models.ManyToManyField(
        "resources.Resource", blank=True, related_name="centres", verbose_name=_("中心资源")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CentreQuerySet.as_manager()

    class Meta:
        ordering = ["community__path"]
        verbose_name = _("党群服务中心")
        verbose_name_plural = _("党群服务中心")

    def __str__(self) -> str:
        return self.name


class CentreHours(models.Model):
    """One opening interval on a weekday; a day may have several (morning and afternoon)."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("星期"))  # 0 = Monday
    start = models.TimeField(_("开始"))
    end = models.TimeField(_("结束"))

    class Meta:
        ordering = ["weekday", "start"]
        verbose_name = _("开放时间")
        verbose_name_plural = _("开放时间")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="centre_hours_end_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(weekday__gte=0, weekday__lte=6),
                name="centre_hours_weekday_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{WEEKDAYS[self.weekday]} {self.start:%H:%M}-{self.end:%H:%M}"


class CentreService(models.Model):
    """A service offered at the centre (党员服务, 社保代办, 法律咨询, 老年助餐 …)."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(_("服务名称"), max_length=60)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("服务项目")
        verbose_name_plural = _("服务项目")
        constraints = [
            models.UniqueConstraint(fields=["centre", "name"], name="centre_service_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
