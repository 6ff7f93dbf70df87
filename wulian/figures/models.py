from django.db import models
from django.utils.translation import gettext_lazy as _

ALL_TIME = ""  # the period of a counter that is not split by month


class Counter(models.Model):
    """One figure of one area: the rolled-up value over the area's whole subtree.

    Kept up to date inside the transaction that changes the fact: by the registry's signal
    handlers for ``save()`` and ``delete()``, and by the fact model's ``FactQuerySet``
    (``figures.managers``) for ``update()`` and ``bulk_create()``; so dashboards read a handful of
    rows instead of scanning fact tables. ``period`` is "" for all time or "YYYY-MM" (Asia/Shanghai).
    """

    # indexed by the unique constraint and the covering index below, both led by the area
    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="+", db_index=False,
                             verbose_name=_("区域"))
    key = models.CharField(_("指标"), max_length=80)
    period = models.CharField(_("月份"), max_length=7, blank=True, default=ALL_TIME)
    value = models.BigIntegerField(_("数值"), default=0)

    class Meta:
        verbose_name = _("统计计数")
        verbose_name_plural = _("统计计数")
        constraints = [
            models.UniqueConstraint(fields=["area", "key", "period"], name="figures_counter_unique"),
        ]
        indexes = [
            models.Index(fields=["key", "period"], name="figures_counter_key_period"),
            # the dashboards' read (an area's all-time figures) from the index alone
            models.Index(fields=["area", "period", "key", "value"], name="figures_counter_area_period"),
        ]

    def __str__(self) -> str:
        return f"{self.area_id} {self.key} {self.period or '*'} = {self.value}"
