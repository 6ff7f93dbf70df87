from django.db import models
from django.utils.translation import gettext_lazy as _

from wulian.core.validators import validate_credit_code


class Kind(models.TextChoices):
    PARTY_ORG = "party_org", _("街道/社区党组织")
    GOVERNANCE_COMMITTEE = "governance_committee", _("城乡社区发展治理委员会")
    DEPARTMENT = "department", _("条线部门")
    AGENCY = "agency", _("机关单位")
    PUBLIC_INSTITUTION = "public_institution", _("事业单位")
    STATE_FIRM = "state_firm", _("国有企业")
    PRIVATE_FIRM = "private_firm", _("非公企业")
    NEW_ECONOMIC = "new_economic", _("新经济组织")
    NEW_SOCIAL = "new_social", _("新社会组织")
    SECTOR = "sector", _("行业性党组织")
    PROPERTY_MANAGER = "property_manager", _("物业机构")
    OWNERS_COMMITTEE = "owners_committee", _("业主委员会")


# 驻区单位: the kinds that are resident units (not the area's own leadership or a line).
UNIT_KINDS = [
    Kind.AGENCY,
    Kind.PUBLIC_INSTITUTION,
    Kind.STATE_FIRM,
    Kind.PRIVATE_FIRM,
    Kind.NEW_ECONOMIC,
    Kind.NEW_SOCIAL,
    Kind.SECTOR,
    Kind.PROPERTY_MANAGER,
    Kind.OWNERS_COMMITTEE,
]


class PartyBody(models.TextChoices):
    COMMITTEE = "committee", _("党委")
    GENERAL_BRANCH = "general_branch", _("党总支")
    BRANCH = "branch", _("党支部")
    NONE = "none", _("未建党组织")


class OrgQuerySet(models.QuerySet):
    def units(self):
        return self.filter(kind__in=UNIT_KINDS)

    def departments(self):
        return self.filter(kind=Kind.DEPARTMENT)

    def in_line(self, department_id: int):
        """The orgs of a line: those whose line is the department, or a department under it (a
        district department whose line is the city's), and those departments."""
        return self.filter(models.Q(line_id=department_id) | models.Q(line__line_id=department_id))

    def search(
        self,
        *,
        q: str = "",
        kind: str = "",
        area=None,
        party_body: str = "",
        line: int | None = None,
    ):
        qs = self
        if line:
            qs = qs.in_line(line)
        if q:
            qs = qs.filter(models.Q(name__contains=q) | models.Q(credit_code__startswith=q.upper()))
        if kind:
            qs = qs.filter(kind=kind)
        if party_body:
            qs = qs.filter(party_body=party_body)
        if area is not None:
            qs = qs.filter(area__path__startswith=area.path)
        return qs


class Org(models.Model):
    """Any organization on the platform, with its party organization (党组织)."""

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类别"), max_length=24, choices=Kind.choices, db_index=True)
    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="orgs", verbose_name=_("所在区域")
    )
    leads = models.OneToOneField(
        "areas.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leading_org",
        verbose_name=_("领导区域"),
        help_text=_("街道党工委、社区党委等领导其区域的党组织。"),
    )
    line = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="line_units",
        limit_choices_to={"kind": Kind.DEPARTMENT},
        verbose_name=_("条线部门"),
    )
    party_body = models.CharField(
        _("党组织形式"),
        max_length=16,
        choices=PartyBody.choices,
        default=PartyBody.BRANCH,
        blank=True,
        help_text=_("空白：未登记。"),
    )
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_credit_code],
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    # The contact's phone, SM4-encrypted like people's phones; pages, API, exports and the audit
    # trail show the masked form except to those who may see it (rules.can_see_contact_phone).
    contact_phone_encrypted = models.CharField(max_length=200, blank=True)
    contact_phone_masked = models.CharField(_("联系电话"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["area__path", "name"]
        verbose_name = _("组织")
        verbose_name_plural = _("组织")
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="org_name_unique_in_area"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def contact_phone(self) -> str:
        """The phone in clear: for services and those allowed (``rules.can_see_contact_phone``)."""
        from wulian.core.crypto import decrypt_field

        return decrypt_field(self.contact_phone_encrypted) if self.contact_phone_encrypted else ""

    @contact_phone.setter
    def contact_phone(self, value: str) -> None:
        from wulian.core.crypto import encrypt_field
        from wulian.core.validators import mask_phone, normalize_phone

        phone = normalize_phone(value or "")
        self.contact_phone_encrypted = encrypt_field(phone) if phone else ""
        self.contact_phone_masked = mask_phone(phone) if phone else ""

    @property
    def is_unit(self) -> bool:
        return self.kind in UNIT_KINDS

    @property
    def scope_area_id(self) -> int | None:
        """The area over which roles held here give rights: the led area, or, for a governance
        committee, the area it sits in."""
        if self.leads_id:
            return self.leads_id
        if self.kind == Kind.GOVERNANCE_COMMITTEE:
            return self.area_id
        return None


class PartyBodyChange(models.Model):
    """A recorded change of party body, e.g. a community branch upgraded to a committee."""

    org = models.ForeignKey(Org, on_delete=models.CASCADE, related_name="body_changes")
    from_body = models.CharField(_("原形式"), max_length=16, choices=PartyBody.choices)
    to_body = models.CharField(_("新形式"), max_length=16, choices=PartyBody.choices)
    changed_on = models.DateField(_("变更日期"))
    document_no = models.CharField(_("批复文号"), max_length=60, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-id"]
        verbose_name = _("党组织形式变更")
        verbose_name_plural = _("党组织形式变更")

    def __str__(self) -> str:
        return f"{self.org}: {self.get_from_body_display()} → {self.get_to_body_display()}"
