"""Pooled funds (专项保障资金 / 专项激励资金), their sources, allocations to communities, projects,
facilities, and the ledger every movement of money is written to. Balances are sums of ledger
entries; a correction is a new entry, never an edit."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 14, "decimal_places": 2}
ZERO = Decimal("0.00")


class FundKind(models.TextChoices):
    GUARANTEE = "guarantee", _("保障资金")
    INCENTIVE = "incentive", _("激励资金")


class Fund(models.Model):
    """One fund track of one year, held at an area (the city or a district)."""

    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("资金类别"), max_length=12, choices=FundKind.choices)
    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="funds", verbose_name=_("资金所属区域")
    )
    name = models.CharField(_("名称"), max_length=100)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "kind", "area__path"]
        verbose_name = _("专项资金")
        verbose_name_plural = _("专项资金")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "year", "kind"], name="fund_unique_per_area_year_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FundSource(models.Model):
    """Money a department put into a fund (资金来源部门)."""

    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="sources", verbose_name=_("专项资金")
    )
    department = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        related_name="fund_sources",
        verbose_name=_("来源部门"),
    )
    amount = models.DecimalField(_("金额（元）"), **MONEY)
    received_on = models.DateField(_("到账日期"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["fund", "-amount", "id"]
        verbose_name = _("资金来源")
        verbose_name_plural = _("资金来源")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="fundsource_amount_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department} → {self.fund}: {self.amount}"


class Allocation(models.Model):
    """Money from a fund to a community, through the community's party organization (资金拨付)."""

    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("专项资金")
    )
    community = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        related_name="fund_allocations",
        verbose_name=_("社区"),
    )
    party_org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        related_name="fund_allocations",
        verbose_name=_("社区党组织"),
    )
    amount = models.DecimalField(_("拨付金额（元）"), **MONEY)
    document_no = models.CharField(_("拨付文号"), max_length=60, blank=True)
    purpose = models.CharField(_("用途"), max_length=200, blank=True)
    allocated_on = models.DateField(_("拨付日期"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("经办人"),
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["-allocated_on", "-id"]
        verbose_name = _("资金拨付")
        verbose_name_plural = _("资金拨付")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="allocation_amount_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.fund} → {self.community}: {self.amount}"


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("计划")
    APPROVED = "approved", _("已立项")
    IN_PROGRESS = "in_progress", _("实施中")
    ACCEPTED = "accepted", _("已验收")


NEXT_STATUS = {
    ProjectStatus.PLANNED: ProjectStatus.APPROVED,
    ProjectStatus.APPROVED: ProjectStatus.IN_PROGRESS,
    ProjectStatus.IN_PROGRESS: ProjectStatus.ACCEPTED,
}


class ProjectCategory(models.TextChoices):
    LIVELIHOOD = "livelihood", _("民生服务")
    ELDERLY = "elderly", _("养老助老")
    ENVIRONMENT = "environment", _("环境整治")
    CULTURE = "culture", _("文化活动")
    SAFETY = "safety", _("平安建设")
    FACILITY = "facility", _("设施建设")
    OTHER = "other", _("其他")


class Project(models.Model):
    """A project for residents (惠民项目), paid from one allocation."""

    allocation = models.ForeignKey(
        Allocation, on_delete=models.PROTECT, related_name="projects", verbose_name=_("资金拨付")
    )
    community = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="fund_projects", verbose_name=_("社区")
    )
    name = models.CharField(_("项目名称"), max_length=100)
    category = models.CharField(_("类别"), max_length=16, choices=ProjectCategory.choices)
    budget = models.DecimalField(_("预算（元）"), **MONEY)
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=ProjectStatus.choices,
        default=ProjectStatus.PLANNED,
        db_index=True,
    )
    beneficiaries = models.PositiveIntegerField(_("受益人数"), default=0)
    description = models.TextField(_("内容"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = models.Manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("惠民项目")
        verbose_name_plural = _("惠民项目")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget__gte=0), name="project_budget_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.name


class FacilityKind(models.TextChoices):
    SUPERMARKET = "supermarket", _("惠民超市")
    CANTEEN = "canteen", _("社区长寿食坊")
    ACTIVITY_ROOM = "activity_room", _("活动室")
    READING_ROOM = "reading_room", _("阅览室")
    FITNESS = "fitness", _("健身场地")
    CLINIC = "clinic", _("卫生服务站")
    OTHER = "other", _("其他")


class Facility(models.Model):
    """A public service facility (公共服务设施) built or run by a project."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="facilities", verbose_name=_("项目")
    )
    community = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        related_name="fund_facilities",
        verbose_name=_("社区"),
    )
    kind = models.CharField(_("类别"), max_length=16, choices=FacilityKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    place = models.CharField(_("地点"), max_length=200)
    opened_on = models.DateField(_("启用日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = models.Manager()

    class Meta:
        ordering = ["community__path", "name"]
        verbose_name = _("公共服务设施")
        verbose_name_plural = _("公共服务设施")

    def __str__(self) -> str:
        return self.name


class EntryKind(models.TextChoices):
    RECEIPT = "receipt", _("资金到账")
    RECEIPT_CORRECTION = "receipt_correction", _("到账更正（冲减）")
    ALLOCATION = "allocation", _("拨付")
    ALLOCATION_RETURN = "allocation_return", _("拨付退回")
    SPENDING = "spending", _("项目支出")
    SPENDING_RETURN = "spending_return", _("支出更正（冲回）")


class LedgerEntry(models.Model):
    """One movement of money. Amounts are positive; the kind says which way it goes.

    fund balance       = receipts − receipt corrections − allocations + allocation returns
    allocation balance = allocations − allocation returns − spending + spending returns
    project spent      = spending − spending returns
    """

    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="entries", verbose_name=_("专项资金")
    )
    allocation = models.ForeignKey(
        Allocation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("资金拨付"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("项目"),
    )
    source = models.ForeignKey(
        FundSource,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("资金来源"),
    )
    kind = models.CharField(_("类型"), max_length=20, choices=EntryKind.choices)
    amount = models.DecimalField(_("金额（元）"), **MONEY)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("经办人"),
    )
    reason = models.CharField(_("事由"), max_length=200)
    created_at = models.DateTimeField(_("记账时间"), auto_now_add=True)

    objects = models.Manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("资金流水")
        verbose_name_plural = _("资金流水")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="ledger_amount_positive"),
            models.CheckConstraint(
                condition=(
                    models.Q(kind__in=["receipt", "receipt_correction"], source__isnull=False)
                    | models.Q(
                        kind__in=["allocation", "allocation_return"], allocation__isnull=False
                    )
                    | models.Q(
                        kind__in=["spending", "spending_return"],
                        allocation__isnull=False,
                        project__isnull=False,
                    )
                ),
                name="ledger_entry_names_its_rows",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"
