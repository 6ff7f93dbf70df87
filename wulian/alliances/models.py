"""Alliances (联盟) of organizations led by an area's party organization, their shared
activities, and part-time committee members (兼职委员) from resident units."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Alliance(models.Model):
    name = models.CharField(_("名称"), max_length=100)
    lead_org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        related_name="led_alliances",
        verbose_name=_("牵头党组织"),
    )
    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="alliances", verbose_name=_("所在区域")
    )
    description = models.TextField(_("简介"), blank=True)
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    members = models.ManyToManyField(
        "orgs.Org", through="AllianceMember", related_name="alliances", verbose_name=_("成员单位")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = models.Manager()

    class Meta:
        ordering = ["area__path", "name"]
        verbose_name = _("联盟")
        verbose_name_plural = _("联盟")
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="alliance_name_unique_in_area")
        ]

    def __str__(self) -> str:
        return self.name


class AllianceMember(models.Model):
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="memberships")
    org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        related_name="alliance_memberships",
        verbose_name=_("成员单位"),
    )
    joined_on = models.DateField(_("加入日期"), null=True, blank=True)

    class Meta:
        ordering = ["alliance", "org__name"]
        verbose_name = _("联盟成员")
        verbose_name_plural = _("联盟成员")
        constraints = [
            models.UniqueConstraint(fields=["alliance", "org"], name="alliance_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.alliance} · {self.org}"


class ActivityKind(models.TextChoices):
    CO_BUILDING = "co_building", _("组织共建")
    CO_HOSTING = "co_hosting", _("活动共办")
    SHARING = "sharing", _("资源共享")


class AllianceActivity(models.Model):
    alliance = models.ForeignKey(
        Alliance, on_delete=models.CASCADE, related_name="activities", verbose_name=_("联盟")
    )
    kind = models.CharField(_("类别"), max_length=12, choices=ActivityKind.choices)
    title = models.CharField(_("活动名称"), max_length=200)
    held_on = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    attendance = models.PositiveIntegerField(_("参加人数"), default=0)
    attendees = models.ManyToManyField(
        "people.Person", blank=True, related_name="alliance_activities", verbose_name=_("参加人员")
    )
    orgs = models.ManyToManyField(
        "orgs.Org", blank=True, related_name="alliance_activities", verbose_name=_("参与单位")
    )
    description = models.TextField(_("内容"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = models.Manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("联盟活动")
        verbose_name_plural = _("联盟活动")

    def __str__(self) -> str:
        return self.title


class PartTimeMember(models.Model):
    """A person from a resident unit serving on a street or community party committee."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="part_time_posts",
        verbose_name=_("姓名"),
    )
    unit = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        related_name="part_time_members",
        verbose_name=_("所在驻区单位"),
    )
    committee = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        related_name="part_time_committee_members",
        verbose_name=_("兼职党组织"),
    )
    area = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        related_name="part_time_members",
        verbose_name=_("党组织领导区域"),
    )
    post = models.CharField(_("岗位"), max_length=50)
    duties = models.TextField(_("职责"), blank=True)
    term_start = models.DateField(_("任期开始"))
    term_end = models.DateField(_("任期结束"))
    reminded_at = models.DateTimeField(_("到期提醒时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = models.Manager()

    class Meta:
        ordering = ["area__path", "committee__name", "term_end"]
        verbose_name = _("兼职委员")
        verbose_name_plural = _("兼职委员")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__gte=models.F("term_start")),
                name="parttime_term_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.committee} {self.post}"


class LedActivity(models.Model):
    """An activity a part-time member led (坝坝党课, 流动红色讲堂 …)."""

    member = models.ForeignKey(
        PartTimeMember,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("兼职委员"),
    )
    title = models.CharField(_("活动名称"), max_length=200)
    held_on = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    attendance = models.PositiveIntegerField(_("参加人数"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = models.Manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("兼职委员活动")
        verbose_name_plural = _("兼职委员活动")

    def __str__(self) -> str:
        return self.title
