"""A resident's need on the menu and its photos."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wulian.needs.models.states import HELD_STATES, Category, State


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
