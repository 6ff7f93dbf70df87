"""政绩考核 and 述职评议: a level's indicator system for a year (indicators with weights summing to
100, each read from one of the platform's own figures or scored by the assessing level), and each
assessed org's secretary's 述职 report with the upper level's evaluation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    NEEDS_SERVED = "needs_served", _("服务群众需求（件）")
    AGREEMENTS_FULFILLED = "agreements_fulfilled", _("共建协议履约率")
    RECTIFICATIONS_ON_TIME = "rectifications_on_time", _("限期整改按期完成率")
    SATISFACTION = "satisfaction", _("群众满意度")
    MANUAL = "manual", _("考核评分（上级评定）")


class SystemQuerySet(models.QuerySet):
    def search(self, *, year: int | None = None, area=None):
        qs = self
        if year:
            qs = qs.filter(year=year)
        if area is not None:
            qs = qs.filter(area__path__startswith=area.path)
        return qs


class IndicatorSystem(models.Model):
    """One level's 政绩考核 for one year: it assesses the orgs that lead the areas directly below."""

    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("考核层级")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    name = models.CharField(_("名称"), max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SystemQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "area__path"]
        verbose_name = _("考核指标体系")
        verbose_name_plural = _("考核指标体系")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "year"], name="indicator_system_one_per_area_year"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    system = models.ForeignKey(IndicatorSystem, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveSmallIntegerField(_("序号"))
    name = models.CharField(_("指标"), max_length=60)
    weight = models.PositiveSmallIntegerField(_("权重"))
    source = models.CharField(_("数据来源"), max_length=24, choices=Source.choices)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("考核指标")
        verbose_name_plural = _("考核指标")
        constraints = [
            models.UniqueConstraint(fields=["system", "name"], name="indicator_unique_name"),
            models.CheckConstraint(
                condition=models.Q(weight__gte=1, weight__lte=100), name="indicator_weight_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.weight}%）"


class ManualScore(models.Model):
    """The assessing level's score (0–100) of one org on a manual indicator."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="scores")
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=2)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "org"], name="manual_score_once_per_org"),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=100), name="manual_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.org_id}: {self.score}"


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("好")
    GOOD = "good", _("较好")
    FAIR = "fair", _("一般")
    POOR = "poor", _("差")


class ReportQuerySet(models.QuerySet):
    def search(self, *, year: int | None = None, grade: str = "", area=None):
        qs = self
        if year:
            qs = qs.filter(year=year)
        if grade == "pending":
            qs = qs.filter(grade="")
        elif grade:
            qs = qs.filter(grade=grade)
        if area is not None:
            qs = qs.filter(area__path__startswith=area.path)
        return qs


class Report(models.Model):
    """书记述职: the org's secretary's yearly report, and the upper level's evaluation of it."""

    org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        related_name="duty_reports",
        verbose_name=_("述职单位"),
    )
    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("所在层级")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    secretary = models.CharField(_("书记"), max_length=50)
    text = models.TextField(_("述职报告"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    score = models.DecimalField(
        _("评议得分"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    grade = models.CharField(_("评议等次"), max_length=10, choices=Grade.choices, blank=True)
    comment = models.TextField(_("评议意见"), blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    evaluated_at = models.DateTimeField(_("评议时间"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "area__path"]
        verbose_name = _("书记述职")
        verbose_name_plural = _("书记述职")
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="report_one_per_org_year"),
            models.CheckConstraint(condition=~models.Q(text=""), name="report_has_text"),
            models.CheckConstraint(
                condition=models.Q(grade="", evaluated_at__isnull=True)
                | (~models.Q(grade="") & models.Q(evaluated_at__isnull=False)),
                name="report_grade_with_evaluation",
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=0, score__lte=100),
                name="report_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.org} {self.year}"
