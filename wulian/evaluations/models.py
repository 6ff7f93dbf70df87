from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundState(models.TextChoices):
    DRAFT = "draft", _("筹备中")
    OPEN = "open", _("评议中")
    PUBLISHED = "published", _("已公布")


class Side(models.TextChoices):
    UNIT = "unit", _("驻区单位（由社区/街道评议）")
    COMMUNITY = "community", _("社区/街道（由驻区单位评议）")


class EvaluationRoundQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=RoundState.PUBLISHED)


class EvaluationRound(models.Model):
    """A yearly two-way evaluation (双向评议) over a scope."""

    title = models.CharField(_("名称"), max_length=100)
    year = models.PositiveSmallIntegerField(_("年度"))
    scope = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("评议范围")
    )
    state = models.CharField(
        _("状态"), max_length=12, choices=RoundState.choices, default=RoundState.DRAFT
    )
    # The three components of a total, in percent; they must sum to 100.
    weight_satisfaction = models.DecimalField(
        _("群众满意度权重(%)"), max_digits=5, decimal_places=2, default=Decimal("50")
    )
    weight_criteria = models.DecimalField(
        _("互评指标权重(%)"), max_digits=5, decimal_places=2, default=Decimal("30")
    )
    weight_service = models.DecimalField(
        _("服务实绩权重(%)"), max_digits=5, decimal_places=2, default=Decimal("20")
    )
    exemplary_share = models.PositiveSmallIntegerField(
        _("先进单位比例(%)"), default=20, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    exemplary_min = models.DecimalField(
        _("先进单位最低得分"), max_digits=5, decimal_places=2, default=Decimal("85")
    )
    appeal_days = models.PositiveSmallIntegerField(_("申诉期(天)"), default=7)
    opened_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    appeal_until = models.DateTimeField(_("申诉截止"), null=True, blank=True)
    # Frozen at publication: the canonical JSON of the inputs and results, and its SM3 hash.
    frozen_json = models.TextField(_("冻结数据"), blank=True)
    frozen_hash = models.CharField(_("SM3摘要"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = EvaluationRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "scope__path"]
        verbose_name = _("评议轮次")
        verbose_name_plural = _("评议轮次")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "year"], name="evaluation_round_one_per_scope_year"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="criteria")
    side = models.CharField(_("评议对象"), max_length=10, choices=Side.choices)
    name = models.CharField(_("指标"), max_length=60)
    weight = models.DecimalField(_("权重(%)"), max_digits=5, decimal_places=2)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["side", "order", "id"]
        verbose_name = _("评议指标")
        verbose_name_plural = _("评议指标")
        constraints = [
            models.UniqueConstraint(fields=["round", "side", "name"], name="criterion_unique_name"),
            models.CheckConstraint(
                condition=models.Q(weight__gt=0, weight__lte=100), name="criterion_weight_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight}%)"


class Score(models.Model):
    """One rater's score (0–100) of one ratee on one criterion."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    rater = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=_("评议方")
    )
    ratee = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=_("被评议方")
    )
    value = models.PositiveSmallIntegerField(_("分值"), validators=[MaxValueValidator(100)])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("评分")
        verbose_name_plural = _("评分")
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "rater", "ratee"], name="score_one_per_rater"
            ),
            models.CheckConstraint(condition=models.Q(value__lte=100), name="score_value_range"),
        ]

    def __str__(self) -> str:
        return f"{self.rater_id}→{self.ratee_id}: {self.value}"


class Respondent(models.Model):
    """Who has answered a round's survey: kept apart from the answers, which name no one."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="respondents")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    answered_on = models.DateField(auto_now_add=True)

    class Meta:
        verbose_name = _("已答卷居民")
        verbose_name_plural = _("已答卷居民")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person"], name="respondent_one_answer_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.person_id}"


class SurveyAnswer(models.Model):
    """An anonymous answer: satisfaction (1–5) with the community, and with units serving it."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="answers")
    community = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("社区")
    )
    community_org = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", null=True
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("对社区满意度"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.CharField(_("意见建议"), max_length=300, blank=True)
    answered_on = models.DateField(
        _("日期")
    )  # a date, not a time: no linking to the respondent row

    objects = models.Manager()

    class Meta:
        verbose_name = _("满意度答卷")
        verbose_name_plural = _("满意度答卷")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="survey_satisfaction_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.pk}"


class UnitRating(models.Model):
    answer = models.ForeignKey(SurveyAnswer, on_delete=models.CASCADE, related_name="unit_ratings")
    unit = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    satisfaction = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "unit"], name="unit_rating_once_per_answer"),
            models.CheckConstraint(
                condition=models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="unit_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.satisfaction}"


class Result(models.Model):
    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="results")
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="evaluation_results")
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    side = models.CharField(_("类别"), max_length=10, choices=Side.choices)
    criteria_score = models.DecimalField(_("互评得分"), max_digits=6, decimal_places=2, null=True)
    satisfaction_score = models.DecimalField(
        _("满意度得分"), max_digits=6, decimal_places=2, null=True
    )
    service_score = models.DecimalField(
        _("服务实绩得分"), max_digits=6, decimal_places=2, null=True
    )
    total = models.DecimalField(_("总分"), max_digits=6, decimal_places=2)
    rank = models.PositiveIntegerField(_("排名"))
    exemplary = models.BooleanField(_("共驻共建先进单位"), default=False)
    breakdown = models.JSONField(_("明细"), default=dict)

    objects = models.Manager()
    # Not a field: set by ``selectors.ranking_tables`` when the rank is shared (并列).
    tied: bool

    class Meta:
        ordering = ["side", "rank"]
        verbose_name = _("评议结果")
        verbose_name_plural = _("评议结果")
        constraints = [models.UniqueConstraint(fields=["round", "org"], name="result_one_per_org")]

    def __str__(self) -> str:
        return f"{self.org_id}: {self.total} (#{self.rank})"


class AppealState(models.TextChoices):
    PENDING = "pending", _("待处理")
    UPHELD = "upheld", _("已采纳")
    REJECTED = "rejected", _("不予采纳")


class Appeal(models.Model):
    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="appeals")
    org = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=_("申诉单位")
    )
    reason = models.TextField(_("申诉理由"), max_length=2000)
    state = models.CharField(
        _("状态"), max_length=10, choices=AppealState.choices, default=AppealState.PENDING
    )
    reply = models.TextField(_("答复"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("申诉")
        verbose_name_plural = _("申诉")
        constraints = [
            models.UniqueConstraint(fields=["round", "org"], name="appeal_one_per_org_round")
        ]

    def __str__(self) -> str:
        return f"{self.org_id}: {self.get_state_display()}"
