"""Action items (督办事项) turned out of decisions, and their history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wulian.meetings.models.decisions import Decision


class ActionStatus(models.TextChoices):
    OPEN = "open", _("办理中")
    DONE = "done", _("已办结待验收")
    ACCEPTED = "accepted", _("已验收")


class ActionItemQuerySet(models.QuerySet):
    def unfinished(self):
        return self.exclude(status=ActionStatus.ACCEPTED)

    def overdue(self, today):
        return self.filter(status=ActionStatus.OPEN, due_on__lt=today)

    def search(self, *, q: str = "", status: str = "", escalated: bool = False, area=None):
        qs = self
        if q:
            qs = qs.filter(
                models.Q(title__contains=q)
                | models.Q(responsible__contains=q)
                | models.Q(lead_org__name__contains=q)
            )
        if status:
            qs = qs.filter(status=status)
        if escalated:
            qs = qs.filter(escalated_at__isnull=False)
        if area is not None:
            qs = qs.filter(decision__meeting__area__path__startswith=area.path)
        return qs


class ActionItem(models.Model):
    """督办事项: a decision turned into work for one lead org, followed until accepted."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="action_items")
    title = models.CharField(_("督办事项"), max_length=200)
    lead_org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        related_name="led_action_items",
        verbose_name=_("牵头单位"),
    )
    co_orgs = models.ManyToManyField(
        "orgs.Org", blank=True, related_name="co_action_items", verbose_name=_("配合单位")
    )
    responsible = models.CharField(_("责任人"), max_length=50)
    due_on = models.DateField(_("完成时限"), db_index=True)
    done_criteria = models.CharField(_("完成标准"), max_length=300)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=ActionStatus.choices,
        default=ActionStatus.OPEN,
        db_index=True,
    )
    done_at = models.DateTimeField(_("报结时间"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("验收时间"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    escalated_at = models.DateTimeField(_("升级督办时间"), null=True, blank=True)
    escalated_to = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="escalated_action_items",
        verbose_name=_("升级至"),
    )
    # How many levels up the item has escalated (0: none); escalated_at/_to name the latest.
    escalation_level = models.PositiveSmallIntegerField(_("升级层级数"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActionItemQuerySet.as_manager()

    # Not a field: set on each item of a list by ``selectors.with_colours``.
    colour: str

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("督办事项")
        verbose_name_plural = _("督办事项")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(responsible=""), name="action_item_has_responsible"
            ),
            models.CheckConstraint(
                condition=models.Q(escalated_at__isnull=True)
                | models.Q(escalated_to__isnull=False),
                name="action_item_escalated_to_someone",
            ),
            models.CheckConstraint(
                condition=models.Q(escalation_level=0, escalated_at__isnull=True)
                | models.Q(escalation_level__gt=0, escalated_at__isnull=False),
                name="action_item_escalation_level_fits",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EventKind(models.TextChoices):
    CREATED = "created", _("下达")
    PROGRESS = "progress", _("进展")
    DONE = "done", _("报结")
    ACCEPTED = "accepted", _("验收通过")
    RETURNED = "returned", _("退回")
    ESCALATED = "escalated", _("升级督办")


class ActionEvent(models.Model):
    """The history of an action item: progress reports with evidence, done, checks, escalation."""

    item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("类型"), max_length=10, choices=EventKind.choices)
    text = models.TextField(_("内容"), blank=True)
    evidence = models.FileField(_("佐证材料"), upload_to="meetings/evidence/%Y/%m/", blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_org = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # An escalation's level: the area whose org it reached (street, district or city).
    to_area = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("升级至层级"),
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            # Exactly once per level: an item reaches each level above its meeting at most once.
            models.UniqueConstraint(
                fields=["item", "to_area"],
                condition=models.Q(kind="escalated"),
                name="action_event_escalated_once_per_level",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="escalated") | models.Q(to_area__isnull=False),
                name="action_event_escalation_has_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:30]}"
