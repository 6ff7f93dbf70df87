from django.db import models
from django.utils.translation import gettext_lazy as _

from wulian.core.crypto import decrypt_field


def is_personal_number(q: str) -> bool:
    """A full mobile or ID number: searched by its blind index, and never sent in a URL (URLs land
    in access logs), so only by POST (issue 16, defect 9)."""
    q = (q or "").strip()
    return (q.isdigit() and len(q) == 11) or len(q) == 18


class PersonQuerySet(models.QuerySet):
    def search(
        self, *, q: str = "", area=None, is_party_member: bool | None = None, party_org=None
    ):
        from wulian.core.crypto import blind_index
        from wulian.core.validators import normalize_id_number, normalize_phone

        qs = self
        if q:
            cond = models.Q(name__contains=q) | models.Q(skills__contains=q)
            if q.isdigit() and len(q) == 11:
                cond |= models.Q(phone_index=blind_index(normalize_phone(q), purpose="phone"))
            if len(q) == 18:
                cond |= models.Q(
                    id_number_index=blind_index(normalize_id_number(q), purpose="id_number")
                )
            qs = qs.filter(cond)
        if area is not None:
            qs = qs.filter(home_area__path__startswith=area.path)
        if is_party_member is not None:
            qs = qs.filter(is_party_member=is_party_member)
        if party_org is not None:
            qs = qs.filter(party_org=party_org)
        return qs


class Person(models.Model):
    """A resident (居民) or party member (党员). Phone and ID number are encrypted at rest."""

    name = models.CharField(_("姓名"), max_length=50)
    phone_encrypted = models.CharField(max_length=200)
    phone_index = models.CharField(max_length=64, db_index=True)
    phone_masked = models.CharField(_("电话"), max_length=20)
    id_number_encrypted = models.CharField(max_length=200, blank=True)
    id_number_index = models.CharField(max_length=64, null=True, blank=True, unique=True)
    id_number_masked = models.CharField(_("身份证号"), max_length=20, blank=True)
    is_party_member = models.BooleanField(_("党员"), default=False)
    party_org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="party_members",
        verbose_name=_("所在党组织"),
    )
    skills = models.CharField(_("爱好和专长"), max_length=200, blank=True)
    home_area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="residents", verbose_name=_("居住区域")
    )
    # The home address inside the home area (门牌: "3栋2单元501"), encrypted like the phone. One
    # household (户) = the people of one home area with the same address: ``household_index`` is a
    # blind index of both, so households are found without decrypting anything. Empty: the person
    # is a household of one.
    address_encrypted = models.CharField(max_length=400, blank=True)
    address_masked = models.CharField(_("家庭住址"), max_length=60, blank=True)
    household_index = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["home_area__path", "name", "id"]
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_party_member=True) | models.Q(party_org__isnull=True),
                name="person_party_org_only_for_members",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def skill_list(self) -> list[str]:
        return [s.strip() for s in self.skills.replace("，", ",").split(",") if s.strip()]

    def clear_phone(self) -> str:
        return decrypt_field(self.phone_encrypted)

    def clear_id_number(self) -> str:
        return decrypt_field(self.id_number_encrypted) if self.id_number_encrypted else ""

    def clear_address(self) -> str:
        return decrypt_field(self.address_encrypted) if self.address_encrypted else ""


class ErasureStatus(models.TextChoices):
    PENDING = "pending", _("待处理")
    APPROVED = "approved", _("已注销")
    REFUSED = "refused", _("不予删除")


class ErasureRequest(models.Model):
    """A person's request to delete their personal data (PIPL art. 47), decided by the community
    staff of their home area: approval anonymises the person, refusal names the retention."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="erasure_requests", verbose_name=_("人员")
    )
    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("所在社区")
    )
    requested_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("申请账号"),
    )
    reason = models.CharField(_("申请理由"), max_length=500, blank=True)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=ErasureStatus.choices,
        default=ErasureStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    decided_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("办理人"),
    )
    decision_note = models.CharField(_("办理意见"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("个人信息删除申请")
        verbose_name_plural = _("个人信息删除申请")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="pending"),
                name="erasure_one_pending_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_status_display()}"
