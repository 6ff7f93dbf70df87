from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DispatchKind(models.TextChoices):
    MONTHLY = "monthly", _("月度调度通报")
    CORRECTION = "correction", _("更正通报")


class DispatchStatus(models.TextChoices):
    DRAFT = "draft", _("待审核")
    PUBLISHED = "published", _("已发布")


class DocumentCounter(models.Model):
    """The last document number an issuer used in a year; locked while the next is taken."""

    issuer = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year"], name="doccounter_one_per_issuer_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.year}: {self.last_number}"


class Dispatch(models.Model):
    """调度通报: a month's figures per organization below a scope, a ranking, the overdue
    items and named criticisms; reviewed as a draft, then published as a frozen PDF."""

    kind = models.CharField(
        _("类型"), max_length=12, choices=DispatchKind.choices, default=DispatchKind.MONTHLY
    )
    scope_area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="dispatches", verbose_name=_("范围")
    )
    issuer = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="dispatches", verbose_name=_("发文单位")
    )
    period = models.DateField(_("月份"), help_text=_("所通报月份的第一天"))
    title = models.CharField(_("标题"), max_length=200)
    intro = models.TextField(_("正文导语"), blank=True)
    closing = models.TextField(_("工作要求"), blank=True)
    cc = models.CharField(_("抄送"), max_length=300, blank=True)
    figures = models.JSONField(_("数据"), default=dict)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=DispatchStatus.choices,
        default=DispatchStatus.DRAFT,
        db_index=True,
    )
    doc_prefix = models.CharField(_("发文代字"), max_length=20)
    doc_year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True)
    doc_number = models.PositiveIntegerField(_("序号"), null=True, blank=True)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("更正的通报"),
    )
    generated_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pdf = models.FileField(_("正式文件"), upload_to="dispatches/%Y/", blank=True)
    pdf_sm3 = models.CharField(_("文件SM3摘要"), max_length=64, blank=True)

    class Meta:
        ordering = ["-period", "scope_area__path", "-id"]
        verbose_name = _("调度通报")
        verbose_name_plural = _("调度通报")
        constraints = [
            models.UniqueConstraint(
                fields=["scope_area", "period"],
                condition=models.Q(kind="monthly"),
                name="dispatch_one_monthly_per_scope_period",
            ),
            models.UniqueConstraint(
                fields=["issuer", "doc_year", "doc_number"], name="dispatch_doc_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft", doc_number__isnull=True)
                | models.Q(status="published", doc_number__isnull=False),
                name="dispatch_number_iff_published",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def document_no(self) -> str:
        if self.doc_number is None:
            return ""
        return f"{self.doc_prefix}〔{self.doc_year}〕{self.doc_number}号"

    @property
    def is_published(self) -> bool:
        return self.status == DispatchStatus.PUBLISHED


class Criticism(models.Model):
    """通报批评: an org named in a dispatch for a failure, with a deadline to rectify it."""

    dispatch = models.ForeignKey(
        Dispatch, on_delete=models.CASCADE, related_name="criticisms", verbose_name=_("通报")
    )
    org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        related_name="criticisms",
        verbose_name=_("被通报单位"),
    )
    failure = models.TextField(_("存在问题"))
    deadline = models.DateField(_("整改期限"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the dispatch is published: a criticism counts as issued from then on (the figures
    # read it from this row, not from the dispatch's status).
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    objects = models.Manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("通报批评")
        verbose_name_plural = _("通报批评")

    def __str__(self) -> str:
        return f"{self.org}: {self.failure[:30]}"


class RectificationStatus(models.TextChoices):
    PENDING = "pending", _("待整改")
    REPORTED = "reported", _("已报告待核验")
    REJECTED = "rejected", _("核验未通过")
    VERIFIED = "verified", _("已核验通过")


class Rectification(models.Model):
    """限期整改 of one criticism: reported by the criticized org, verified by the issuer;
    escalated one level up once when overdue."""

    criticism = models.OneToOneField(
        Criticism, on_delete=models.CASCADE, related_name="rectification"
    )
    org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        related_name="rectifications",
        verbose_name=_("整改单位"),
    )
    deadline = models.DateField(_("整改期限"))
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=RectificationStatus.choices,
        default=RectificationStatus.PENDING,
        db_index=True,
    )
    verified_at = models.DateTimeField(_("核验时间"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    escalated_at = models.DateTimeField(_("升级时间"), null=True, blank=True)
    escalated_to = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("升级至"),
    )

    objects = models.Manager()

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("限期整改")
        verbose_name_plural = _("限期整改")

    def __str__(self) -> str:
        return f"{self.org} · {self.get_status_display()}"


class RectificationReport(models.Model):
    rectification = models.ForeignKey(
        Rectification, on_delete=models.CASCADE, related_name="reports"
    )
    text = models.TextField(_("整改情况"))
    evidence = models.FileField(
        _("佐证材料"), upload_to="dispatches/rectifications/%Y/%m/", blank=True
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField(auto_now_add=True)
    review = models.CharField(_("核验结果"), max_length=10, blank=True)
    review_note = models.TextField(_("核验意见"), blank=True)

    objects = models.Manager()

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = _("整改报告")
        verbose_name_plural = _("整改报告")

    def __str__(self) -> str:
        return self.text[:30]


class InspectionKind(models.TextChoices):
    ONSITE_MEETING = "onsite_meeting", _("现场推进会（每月）")
    SUPERVISION = "supervision", _("定期督导（每季度）")
    UNANNOUNCED = "unannounced", _("暗访督查")


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", _("计划中")
    DONE = "done", _("已完成")


class Inspection(models.Model):
    kind = models.CharField(_("类型"), max_length=16, choices=InspectionKind.choices)
    target = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("被督导单位"),
    )
    by_org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("督导单位"),
    )
    inspector = models.CharField(_("督导人员"), max_length=100)
    scheduled_on = models.DateField(_("督导日期"))
    checklist = models.JSONField(_("检查清单"), default=list, help_text=_("[{item, ok, note}]"))
    notes = models.TextField(_("督导情况"), blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=InspectionStatus.choices, default=InspectionStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-scheduled_on", "-id"]
        verbose_name = _("督导检查")
        verbose_name_plural = _("督导检查")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.target} · {self.scheduled_on}"


class Finding(models.Model):
    """A problem found in an inspection; it becomes a problem-list duty of the target."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    description = models.TextField(_("发现问题"))
    deadline = models.DateField(_("整改期限"))
    duty = models.OneToOneField(
        "duties.Duty",
        on_delete=models.PROTECT,
        related_name="finding",
        verbose_name=_("问题清单事项"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("督导发现问题")
        verbose_name_plural = _("督导发现问题")

    def __str__(self) -> str:
        return self.description[:40]


class Decision(models.TextChoices):
    NONE = "none", _("不予问责")
    REMINDER = "reminder", _("提醒谈话")
    CRITICISM = "criticism", _("通报批评")
    ADMONISHMENT = "admonishment", _("诫勉")
    ACCOUNTABILITY = "accountability", _("问责处理")


class Inquiry(models.Model):
    """问询问责: a formal question from an upper level to an org, its reply, and a decision."""

    from_org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("问询单位"),
    )
    to_org = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="inquiries", verbose_name=_("被问询单位")
    )
    subject = models.CharField(_("事由"), max_length=200)
    question = models.TextField(_("问询内容"))
    reply_due = models.DateField(_("答复期限"))
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reply = models.TextField(_("答复"), blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision = models.CharField(_("问责决定"), max_length=16, choices=Decision.choices, blank=True)
    decision_note = models.TextField(_("决定说明"), blank=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("问询问责")
        verbose_name_plural = _("问询问责")

    def __str__(self) -> str:
        return self.subject
