"""Party members' community registration (在职党员到社区报到) and the compensation ledger
(利益补偿)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wulian.needs.models.need import Need


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class CommunityRegistration(models.Model):
    """在职党员到社区报到: a party member serves the community where they live."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="community_registrations",
        verbose_name=_("党员"),
    )
    community = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("报到社区")
    )
    skills = models.CharField(_("服务专长"), max_length=200, blank=True)
    active = models.BooleanField(_("有效"), default=True)
    registered_at = models.DateTimeField(_("报到时间"), auto_now_add=True)
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_at", "-id"]
        verbose_name = _("在职党员社区报到")
        verbose_name_plural = _("在职党员社区报到")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "community"],
                condition=Q(active=True),
                name="registration_one_active_per_community",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.community}"


class CompensationEntry(models.Model):
    """One line of the compensation ledger (利益补偿). Never updated: balances are sums, and a
    correction is a new entry."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="compensation_entries",
        verbose_name=_("人员"),
    )
    org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="compensation_entries",
        verbose_name=_("单位"),
    )
    need = models.ForeignKey(
        Need,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="compensation_entries",
        verbose_name=_("需求"),
    )
    hours = models.DecimalField(_("服务时长（小时）"), max_digits=8, decimal_places=1, default=0)
    points = models.IntegerField(_("积分"), default=0)
    reason = models.CharField(_("事由"), max_length=200)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("更正的条目"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("记账人"),
    )
    created_at = models.DateTimeField(_("记账时间"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("利益补偿记录")
        verbose_name_plural = _("利益补偿记录")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(org__isnull=False),
                name="compensation_has_beneficiary",
            ),
            # A need is credited on confirmation once; corrections point at the entry they fix.
            models.UniqueConstraint(
                fields=["need"],
                condition=Q(corrects__isnull=True, need__isnull=False),
                name="compensation_one_credit_per_need",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.org} {self.hours}h {self.points}"
