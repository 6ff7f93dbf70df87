from django.db import models
from django.utils.translation import gettext_lazy as _

from wulian.core.counters import ALL_TIME

__all__ = ["ALL_TIME", "Counter", "PendingRollup", "ScreenLink"]


class AreaFigure(models.Model):
    """An area's value of one figure (``key``) in one period: what a counter row and a pending
    delta both are."""

    area = models.ForeignKey(
        "areas.Area",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        verbose_name=_("区域"),
    )
    key = models.CharField(_("指标"), max_length=80)
    period = models.CharField(_("月份"), max_length=7, blank=True, default=ALL_TIME)
    value = models.BigIntegerField(_("数值"), default=0)

    class Meta:
        abstract = True


class Counter(AreaFigure):
    """One figure of one area: the rolled-up value over the area's whole subtree.

    The row of a fact's own area is kept up to date inside the transaction that changes the fact
    (the service's ``core.counters`` call); its ancestors' rows receive the delta through
    ``PendingRollup`` once the fold job ran. The exact value is the row plus its pending rows
    (what dashboards read), so dashboards read a handful of rows instead of scanning fact tables.
    ``period`` is "" for all time or "YYYY-MM" (Asia/Shanghai).
    """

    class Meta:
        # the area (no index of its own) leads the unique constraint and the covering index
        verbose_name = _("统计计数")
        verbose_name_plural = _("统计计数")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "key", "period"], name="figures_counter_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["key", "period"], name="figures_counter_key_period"),
            # the dashboards' read (an area's all-time figures) from the index alone
            models.Index(
                fields=["area", "period", "key", "value"], name="figures_counter_area_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area_id} {self.key} {self.period or '*'} = {self.value}"


class PendingRollup(AreaFigure):
    """A delta for an ancestor's counter not yet folded into it: insert-only, no unique key, so
    writers in different communities never wait on each other for the street's or the city's row.
    ``figures.tasks.roll_up_pending`` folds and deletes them (on commit, and every minute)."""

    class Meta:
        # the area (no index of its own) leads the index below
        verbose_name = _("待汇总计数")
        verbose_name_plural = _("待汇总计数")
        indexes = [
            models.Index(fields=["area", "period", "key"], name="figures_pending_area_period")
        ]

    def __str__(self) -> str:
        return f"{self.area_id} {self.key} {self.period or '*'} += {self.value}"


class ScreenLink(models.Model):
    """A read-only big-screen link handed out by an admin: at most 30 days, revocable, both audited
    (issue 16, defect 9). The signed token names this row; a revoked or expired row ends it."""

    area = models.ForeignKey(
        "areas.Area", on_delete=models.CASCADE, related_name="+", verbose_name=_("区域")
    )
    created_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("创建人"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("失效时间"))
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("撤销人"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("大屏链接")
        verbose_name_plural = _("大屏链接")

    def __str__(self) -> str:
        return f"{self.area} · {self.expires_at:%Y-%m-%d}"

    def is_live(self, now=None) -> bool:
        from django.utils import timezone

        return self.revoked_at is None and self.expires_at > (now or timezone.now())
