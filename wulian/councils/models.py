"""Resident councils (居民议事会): members with seats, sessions, topics, deliberation, votes and
resolutions.

Who voted (``VoteCast``, one per member per topic, a unique constraint) is stored apart from
what was chosen. In an open ballot the cast also carries the choice; in a secret ballot the
choice only increments the topic's tally (``Tally``): no row links a member to a choice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Council(models.Model):
    community = models.OneToOneField(
        "areas.Area", on_delete=models.PROTECT, related_name="council", verbose_name=_("社区")
    )
    name = models.CharField(_("名称"), max_length=100)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = models.Manager()

    class Meta:
        ordering = ["community__path"]
        verbose_name = _("居民议事会")
        verbose_name_plural = _("居民议事会")

    def __str__(self) -> str:
        return self.name


class MemberKind(models.TextChoices):
    RESIDENT = "resident", _("居民代表")
    UNIT = "unit", _("驻区单位")
    SOCIAL_ORG = "social_org", _("社会组织")


class CouncilMember(models.Model):
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="members", verbose_name=_("议事会")
    )
    kind = models.CharField(_("类别"), max_length=12, choices=MemberKind.choices)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_seats",
        verbose_name=_("居民"),
    )
    org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_seats",
        verbose_name=_("单位/组织"),
    )
    seat = models.PositiveSmallIntegerField(_("席位号"))
    title = models.CharField(_("职务"), max_length=50, blank=True)
    joined_on = models.DateField(_("加入日期"), null=True, blank=True)
    active = models.BooleanField(_("在任"), default=True)

    class Meta:
        ordering = ["council", "seat"]
        verbose_name = _("议事会成员")
        verbose_name_plural = _("议事会成员")
        constraints = [
            models.UniqueConstraint(fields=["council", "seat"], name="councilmember_seat_unique"),
            models.UniqueConstraint(
                fields=["council", "person"], name="councilmember_person_unique"
            ),
            models.UniqueConstraint(fields=["council", "org"], name="councilmember_org_unique"),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="resident", person__isnull=False, org__isnull=True)
                    | (
                        ~models.Q(kind="resident")
                        & models.Q(person__isnull=True, org__isnull=False)
                    )
                ),
                name="councilmember_resident_is_a_person_others_an_org",
            ),
        ]

    def __str__(self) -> str:
        return str(self.person or self.org)

    @property
    def display(self) -> str:
        return f"{self.seat}号席 {self.person or self.org}"


class Session(models.Model):
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("议事会")
    )
    title = models.CharField(_("名称"), max_length=100)
    held_at = models.DateTimeField(_("时间"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    notes = models.TextField(_("纪要"), blank=True)

    class Meta:
        ordering = ["-held_at"]
        verbose_name = _("议事会会议")
        verbose_name_plural = _("议事会会议")

    def __str__(self) -> str:
        return self.title


class TopicStatus(models.TextChoices):
    DELIBERATING = "deliberating", _("议事中")
    VOTING = "voting", _("表决中")
    CLOSED = "closed", _("已表决")


class Ballot(models.TextChoices):
    OPEN = "open", _("记名表决")
    SECRET = "secret", _("无记名表决")


class Outcome(models.TextChoices):
    PASSED = "passed", _("通过")
    REJECTED = "rejected", _("未通过")
    NO_QUORUM = "no_quorum", _("未达法定人数")


class Choice(models.TextChoices):
    YES = "yes", _("赞成")
    NO = "no", _("反对")
    ABSTAIN = "abstain", _("弃权")


class Topic(models.Model):
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="topics", verbose_name=_("议事会")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="topics",
        verbose_name=_("会议"),
    )
    title = models.CharField(_("议题"), max_length=200)
    description = models.TextField(_("内容"), blank=True)
    raised_by_person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("提出人"),
    )
    raised_by_member = models.ForeignKey(
        CouncilMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("提出成员"),
    )
    raised_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("登记人"),
    )
    status = models.CharField(
        _("状态"),
        max_length=14,
        choices=TopicStatus.choices,
        default=TopicStatus.DELIBERATING,
        db_index=True,
    )
    ballot = models.CharField(
        _("表决方式"), max_length=8, choices=Ballot.choices, default=Ballot.OPEN
    )
    quorum = models.PositiveSmallIntegerField(_("法定票数"), default=0)
    voting_opened_at = models.DateTimeField(_("表决开始"), null=True, blank=True)
    voting_closed_at = models.DateTimeField(_("表决结束"), null=True, blank=True)
    outcome = models.CharField(_("表决结果"), max_length=10, choices=Outcome.choices, blank=True)
    created_at = models.DateTimeField(_("提出时间"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("议题")
        verbose_name_plural = _("议题")

    def __str__(self) -> str:
        return self.title


class Comment(models.Model):
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="comments", verbose_name=_("议题")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("发言人"),
    )
    member = models.ForeignKey(
        CouncilMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("意见"))
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("议事意见")
        verbose_name_plural = _("议事意见")

    def __str__(self) -> str:
        return self.body[:30]


class VoteCast(models.Model):
    """That a member voted (and, in an open ballot only, how)."""

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="casts", verbose_name=_("议题")
    )
    member = models.ForeignKey(
        CouncilMember, on_delete=models.PROTECT, related_name="casts", verbose_name=_("成员")
    )
    choice = models.CharField(_("选择"), max_length=8, choices=Choice.choices, blank=True)
    offline = models.BooleanField(_("线下代录"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("代录人"),
    )
    cast_at = models.DateTimeField(_("投票时间"), auto_now_add=True)

    class Meta:
        ordering = ["member__seat"]
        verbose_name = _("投票记录")
        verbose_name_plural = _("投票记录")
        constraints = [
            models.UniqueConstraint(fields=["topic", "member"], name="vote_one_member_one_vote"),
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.topic}"


class Tally(models.Model):
    """The count of one choice on one topic, incremented with F(): carries no voter."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tallies")
    choice = models.CharField(max_length=8, choices=Choice.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("计票")
        verbose_name_plural = _("计票")
        constraints = [
            models.UniqueConstraint(fields=["topic", "choice"], name="tally_unique_per_choice")
        ]

    def __str__(self) -> str:
        return f"{self.choice}: {self.count}"


class Resolution(models.Model):
    """What a council resolved on a passed topic; it can become a project or an action item."""

    topic = models.OneToOneField(
        Topic, on_delete=models.PROTECT, related_name="resolution", verbose_name=_("议题")
    )
    text = models.TextField(_("决议内容"))
    decided_on = models.DateField(_("决议日期"))
    project = models.ForeignKey(
        "funds.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_resolutions",
        verbose_name=_("转为项目"),
    )
    action_item_id = models.PositiveBigIntegerField(_("转为督办事项"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("决议")
        verbose_name_plural = _("决议")

    def __str__(self) -> str:
        return self.text[:40]
