"""Service agreements (共建协议 / 服务项目责任书) between an area's leading party organization and a
unit, their items (服务项目) and the deliveries (服务记录) recorded against them."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    AWAITING = "awaiting", _("待双方确认")
    IN_FORCE = "in_force", _("生效中")
    ENDED = "ended", _("已终止")
    SUPERSEDED = "superseded", _("已被新版本替代")


# States in which the agreement and its items may still be edited.
EDITABLE = (AgreementStatus.DRAFT,)


class AgreementQuerySet(models.QuerySet):
    def current(self):
        """Not replaced by a later version."""
        return self.exclude(status=AgreementStatus.SUPERSEDED)

    def search(self, *, q: str = "", status: str = "", area=None, unit=None):
        qs = self
        if q:
            qs = qs.filter(
                models.Q(title__contains=q)
                | models.Q(unit__name__contains=q)
                | models.Q(party_org__name__contains=q)
            )
        if status:
            qs = qs.filter(status=status)
        if area is not None:
            qs = qs.filter(area__path__startswith=area.path)
        if unit is not None:
            qs = qs.filter(unit=unit)
        return qs


class Agreement(models.Model):
    """One version of an agreement. A change after it is in force is a new version that points
    at the previous one; the previous one becomes read-only."""

    title = models.CharField(_("标题"), max_length=120)
    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="agreements", verbose_name=_("区域")
    )
    party_org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        related_name="led_agreements",
        verbose_name=_("属地党组织"),
    )
    unit = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        related_name="unit_agreements",
        verbose_name=_("驻区单位"),
    )
    start = models.DateField(_("开始日期"))
    end = models.DateField(_("结束日期"))
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=AgreementStatus.choices,
        default=AgreementStatus.DRAFT,
        db_index=True,
    )
    version = models.PositiveIntegerField(_("版本"), default=1)
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
        verbose_name=_("上一版本"),
    )
    note = models.TextField(_("备注"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("提交确认时间"), null=True, blank=True)
    party_confirmed_at = models.DateTimeField(_("属地党组织确认时间"), null=True, blank=True)
    party_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("属地党组织确认人"),
    )
    unit_confirmed_at = models.DateTimeField(_("驻区单位确认时间"), null=True, blank=True)
    unit_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("驻区单位确认人"),
    )
    in_force_at = models.DateTimeField(_("生效时间"), null=True, blank=True)
    ended_at = models.DateTimeField(_("终止时间"), null=True, blank=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["area__path", "-start", "-version", "-id"]
        verbose_name = _("共建协议")
        verbose_name_plural = _("共建协议")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="agreement_end_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="agreement_version_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（第{self.version}版）"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE


class ItemKind(models.TextChoices):
    SERVICE = "service", _("服务（按服务记录计）")
    RESOURCE = "resource", _("共享资源（按签到使用计）")
    NEEDS = "needs", _("群众需求（按完成的接单计）")


class TargetPeriod(models.TextChoices):
    MONTH = "month", _("每月")
    ONGOING = "ongoing", _("持续保持")


class ServiceItem(models.Model):
    """One line of an agreement: what, to which standard, how much, who is responsible."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="items")
    # The same line across versions keeps its key, so that fulfilment continues across versions.
    line_key = models.UUIDField(default=uuid.uuid4, editable=False)
    position = models.PositiveSmallIntegerField(_("序号"), default=1)
    content = models.CharField(_("服务内容"), max_length=200)
    standard = models.CharField(_("服务标准"), max_length=300, blank=True)
    kind = models.CharField(
        _("计量方式"), max_length=10, choices=ItemKind.choices, default=ItemKind.SERVICE
    )
    target_count = models.IntegerField(_("目标数量"))
    target_unit = models.CharField(_("目标单位"), max_length=20, help_text=_("如“次/月”“个”。"))
    target_period = models.CharField(
        _("目标周期"), max_length=10, choices=TargetPeriod.choices, default=TargetPeriod.MONTH
    )
    responsible_org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        related_name="responsible_items",
        verbose_name=_("责任单位"),
    )
    responsible_person = models.CharField(_("责任人"), max_length=50)
    resource = models.ForeignKey(
        "resources.Resource",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_items",
        verbose_name=_("关联共享资源"),
    )

    class Meta:
        ordering = ["agreement", "position", "id"]
        verbose_name = _("服务项目")
        verbose_name_plural = _("服务项目")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_count__gte=0), name="item_target_not_negative"
            ),
            models.UniqueConstraint(
                fields=["agreement", "line_key"], name="item_line_unique_per_version"
            ),
        ]

    def __str__(self) -> str:
        return self.content

    @property
    def target_display(self) -> str:
        return f"{self.target_count}{self.target_unit}"


def evidence_path(instance: "Delivery", filename: str) -> str:
    return f"agreements/evidence/{instance.item.agreement_id}/{uuid.uuid4().hex}_{filename[-80:]}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待社区确认")
    CONFIRMED = "confirmed", _("已确认")
    REJECTED = "rejected", _("不予确认")


class Delivery(models.Model):
    """A service delivered under an item, with its evidence. It counts toward fulfilment and the
    figures only once the community (the agreement's party side) has confirmed it."""

    item = models.ForeignKey(
        ServiceItem, on_delete=models.PROTECT, related_name="deliveries", verbose_name=_("服务项目")
    )
    date = models.DateField(_("服务日期"))
    count = models.PositiveIntegerField(_("数量"))
    beneficiaries = models.PositiveIntegerField(_("受益人数"), default=0)
    note = models.CharField(_("情况说明"), max_length=500, blank=True)
    evidence = models.FileField(_("佐证材料"), upload_to=evidence_path, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("记录人"),
    )
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    status = models.CharField(
        _("确认状态"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        db_index=True,
    )
    confirm_due_at = models.DateTimeField(_("确认截止"), null=True, blank=True)
    flagged_at = models.DateTimeField(_("逾期未确认提醒时间"), null=True, blank=True)
    decided_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("确认人"),
    )
    decision_note = models.CharField(_("确认意见"), max_length=200, blank=True)

    objects = models.Manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("服务记录")
        verbose_name_plural = _("服务记录")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(count__gte=1), name="delivery_count_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "confirmed", "rejected"]),
                name="delivery_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.date:%Y-%m-%d} ×{self.count}"
