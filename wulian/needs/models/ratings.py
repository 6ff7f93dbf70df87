"""双向评价: one rating per side per need."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wulian.needs.models.need import Need


class RatingSide(models.TextChoices):
    RESIDENT = "resident", _("群众评价服务")
    PROVIDER = "provider", _("服务方评价需求")


Side = (
    RatingSide  # the class is named apart from evaluations' Side so that OpenAPI names stay unique
)


class Rating(models.Model):
    """双向评价: the resident rates the service, the provider rates the request; one per side."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="ratings")
    side = models.CharField(_("评价方"), max_length=10, choices=Side.choices)
    score = models.PositiveSmallIntegerField(_("评分"))
    comment = models.CharField(_("评语"), max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("评价人"),
    )
    created_at = models.DateTimeField(_("评价时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    objects = models.Manager()

    class Meta:
        ordering = ["need_id", "side"]
        verbose_name = _("评价")
        verbose_name_plural = _("评价")
        constraints = [
            models.UniqueConstraint(fields=["need", "side"], name="rating_one_per_side"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="rating_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.need} · {self.get_side_display()} · {self.score}"
