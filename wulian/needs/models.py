"""The needs menu (群众需求 → 接单 → 服务 → 评价), community registration of party members
(在职党员到社区报到) and the compensation ledger (利益补偿)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NeedCategory(models.TextChoices):
    ELDERLY = "elderly", _("助老助残")
    HEALTH = "health", _("医疗健康")
    REPAIR = "repair", _("维修服务")
    LEGAL = "legal", _("法律咨询")
    EDUCATION = "education", _("教育辅导")
    CULTURE = "culture", _("文体活动")
    CHILDCARE = "childcare", _("儿童关爱")
    ENVIRONMENT = "environment", _("环境整治")
    OTHER = "other", _("其他")


Category = NeedCategory  # named apart from cases' category so that OpenAPI names stay unique


class State(models.TextChoices):
    POSTED = "posted", _("待接单")
    CLAIMED = "claimed", _("已接单")
    IN_SERVICE = "in_service", _("服务中")
    DONE = "done", _("已完成")
    CONFIRMED = "confirmed", _("已确认")
    REJECTED = "rejected", _("未予认定")
    CANCELLED = "cancelled", _("已取消")
    EXPIRED = "expired", _("已过期")


# States in which exactly one provider holds the need.
HELD_STATES = [State.CLAIMED, State.IN_SERVICE, State.DONE, State.CONFIRMED, State.REJECTED]
# States in which the provider and the resident are in contact (address, number, messages).
CONTACT_STATES = [State.CLAIMED, State.IN_SERVICE, State.DONE]
OPEN_STATES = [State.POSTED, State.CLAIMED, State.IN_SERVICE, State.DONE]

# The one table of allowed transitions: verb → (from states, to state). "release" puts a need
# back on the menu (state posted) with the reason recorded.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "claim": (frozenset({State.POSTED}), State.CLAIMED),
    "start": (frozenset({State.CLAIMED}), State.IN_SERVICE),
    "fulfil": (frozenset({State.CLAIMED, State.IN_SERVICE}), State.DONE),
    "confirm": (frozenset({State.DONE}), State.CONFIRMED),
    # After the confirmation deadline the community decides: confirm (as above) or reject.
    "reject": (frozenset({State.DONE}), State.REJECTED),
    "cancel": (frozenset({State.POSTED, State.CLAIMED}), State.CANCELLED),
    "release": (frozenset({State.CLAIMED, State.IN_SERVICE}), State.POSTED),
    "expire": (frozenset({State.POSTED}), State.EXPIRED),
}


def allowed(verb: str, state: str) -> bool:
    return state in TRANSITIONS[verb][0]


class NeedQuerySet(models.QuerySet):
    def open_on_menu(self):
        return self.filter(state=State.POSTED)

    def held_by(self, *, org_id: int | None = None, person_id: int | None = None):
        if org_id is not None:
            return self.filter(provider_org_id=org_id)
        return self.filter(provider_person_id=person_id)

    def search(
        self, *, q: str = "", state: str = "", category: str = "", area=None, skill: str = ""
    ):
        qs = self
        if q:
            qs = qs.filter(Q(title__contains=q) | Q(description__contains=q) | Q(posted_by__name=q))
        if state:
            qs = qs.filter(state=state)
        if category:
            qs = qs.filter(category=category)
        if area is not None:
            qs = qs.filter(area__path__startswith=area.path)
        if skill:
            qs = qs.filter(skills__contains=skill)
        return qs


class Need(models.Model):
    """A resident's need on the menu, claimed by exactly one provider: a unit or a party member."""

    title = models.CharField(_("标题"), max_length=60)
    category = models.CharField(_("类别"), max_length=16, choices=Category.choices, db_index=True)
    description = models.TextField(_("需求描述"), max_length=2000)
    skills = models.CharField(_("所需技能"), max_length=200, blank=True)
    # The home community or grid; the community / street / district above it are denormalised
    # so that menus and scopes are equality filters.
    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("所在社区/网格")
    )
    community = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("社区")
    )
    street = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("街道")
    )
    district = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("区(市)县")
    )
    wished_from = models.DateTimeField(_("期望开始时间"), null=True, blank=True)
    wished_until = models.DateTimeField(_("期望结束时间"), null=True, blank=True)
    posted_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="needs", verbose_name=_("需求人")
    )
    posted_on_behalf_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("代办人"),
    )
    state = models.CharField(
        _("状态"), max_length=12, choices=State.choices, default=State.POSTED, db_index=True
    )
    # The provider: a unit (驻区单位) or a party member (在职党员) — exactly one while held.
    provider_org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claimed_needs",
        verbose_name=_("接单单位"),
    )
    provider_person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claimed_needs",
        verbose_name=_("接单党员"),
    )
    claimed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("接单账号"),
    )
    created_at = models.DateTimeField(_("发布时间"), auto_now_add=True)
    listed_at = models.DateTimeField(_("上架时间"), db_index=True)
    claimed_at = models.DateTimeField(_("接单时间"), null=True, blank=True)
    started_at = models.DateTimeField(_("开始服务时间"), null=True, blank=True)
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    released_at = models.DateTimeField(_("退单时间"), null=True, blank=True)
    expired_at = models.DateTimeField(_("过期时间"), null=True, blank=True)
    flagged_at = models.DateTimeField(_("超时提醒时间"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("上报街道时间"), null=True, blank=True)
    release_reason = models.CharField(_("退单原因"), max_length=200, blank=True)
    release_count = models.PositiveIntegerField(_("退单次数"), default=0)
    cancel_reason = models.CharField(_("取消原因"), max_length=200, blank=True)
    evidence_note = models.TextField(_("服务记录"), max_length=2000, blank=True)
    hours_spent = models.DecimalField(
        _("服务时长（小时）"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    # Confirmation: the resident confirms until ``confirm_due_at``; after it the community's staff
    # decide (confirm or reject), told once when the deadline passes (``confirm_flagged_at``).
    confirm_due_at = models.DateTimeField(_("群众确认截止"), null=True, blank=True, db_index=True)
    confirm_flagged_at = models.DateTimeField(_("逾期未确认提醒时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("社区认定人"),
    )
    decision_note = models.CharField(_("社区认定意见"), max_length=200, blank=True)
    # Where the service is given (上门): by default the resident's home address; encrypted, shown
    # in full only to the provider holding the need (while in contact), the resident and staff.
    address_encrypted = models.CharField(max_length=400, blank=True)
    address_masked = models.CharField(_("服务地址"), max_length=60, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = NeedQuerySet.as_manager()

    class Meta:
        ordering = ["-listed_at", "-id"]
        verbose_name = _("群众需求")
        verbose_name_plural = _("群众需求")
        indexes = [
            models.Index(fields=["state", "street"]),
            models.Index(fields=["state", "community"]),
            # A staff list: one community's, street's or district's needs, newest first.
            models.Index(fields=["community", "listed_at"], name="need_community_listed"),
            models.Index(fields=["street", "listed_at"], name="need_street_listed"),
            models.Index(fields=["district", "listed_at"], name="need_district_listed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=[s.value for s in State]), name="need_state_valid"
            ),
            # Never two providers; exactly one while the need is held; none on the menu.
            models.CheckConstraint(
                condition=~Q(provider_org__isnull=False, provider_person__isnull=False),
                name="need_at_most_one_provider",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=[s.value for s in HELD_STATES])
                | Q(provider_org__isnull=False)
                | Q(provider_person__isnull=False),
                name="need_held_has_provider",
            ),
            models.CheckConstraint(
                condition=~Q(state="posted")
                | Q(provider_org__isnull=True, provider_person__isnull=True),
                name="need_posted_has_no_provider",
            ),
            models.CheckConstraint(
                condition=Q(hours_spent__isnull=True) | Q(hours_spent__gte=0),
                name="need_hours_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def provider(self):
        return self.provider_org or self.provider_person

    @property
    def provider_name(self) -> str:
        provider = self.provider
        return str(provider) if provider is not None else ""

    @property
    def skill_list(self) -> list[str]:
        return split_skills(self.skills)

    def clear_address(self) -> str:
        from wulian.core.crypto import decrypt_field

        return decrypt_field(self.address_encrypted) if self.address_encrypted else ""


def split_skills(text: str) -> list[str]:
    return [
        s.strip()
        for s in (text or "").replace("，", ",").replace("、", ",").split(",")
        if s.strip()
    ]


class PhotoKind(models.TextChoices):
    REQUEST = "request", _("需求照片")
    EVIDENCE = "evidence", _("服务照片")


class NeedPhoto(models.Model):
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="photos")
    kind = models.CharField(_("类型"), max_length=10, choices=PhotoKind.choices)
    image = models.FileField(_("照片"), upload_to="needs/%Y/%m/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("需求照片")
        verbose_name_plural = _("需求照片")

    def __str__(self) -> str:
        return self.image.name


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


class MessageSide(models.TextChoices):
    RESIDENT = "resident", _("需求人")
    PROVIDER = "provider", _("接单方")
    STAFF = "staff", _("社区工作人员")


class NeedMessage(models.Model):
    """A message on a held need, between the resident and the provider, seen by area staff."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("留言人"),
    )
    side = models.CharField(_("身份"), max_length=10, choices=MessageSide.choices)
    body = models.CharField(_("留言"), max_length=500)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("需求留言")
        verbose_name_plural = _("需求留言")

    def __str__(self) -> str:
        return f"{self.need_id} · {self.get_side_display()}"


class NumberBinding(models.Model):
    """A temporary virtual number (隐私号) binding the resident's and the provider's phones for
    one need, through ``core.gateways.number_privacy``; released when the need leaves contact."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="number_bindings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("接单账号"),
    )
    virtual_number = models.CharField(_("隐私号"), max_length=20)
    binding_id = models.CharField(_("绑定编号"), max_length=100)
    expires_at = models.DateTimeField(_("失效时间"))
    created_at = models.DateTimeField(_("绑定时间"), auto_now_add=True)
    released_at = models.DateTimeField(_("解绑时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("隐私号绑定")
        verbose_name_plural = _("隐私号绑定")

    def __str__(self) -> str:
        return f"{self.need_id} · {self.virtual_number}"
