"""A meeting's agenda and the decisions (议定事项) of a closed meeting."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wulian.meetings.models.meetings import JointMeeting


class AgendaItem(models.Model):
    """An item on a meeting's agenda; it may bring a case or a decision forwarded from a meeting
    of the level above or below."""

    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("序号"), default=1)
    title = models.CharField(_("议程"), max_length=200)
    note = models.TextField(_("说明"), blank=True)
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("矛盾纠纷"),
    )
    source_decision = models.ForeignKey(
        "meetings.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forwarded_as",
        verbose_name=_("转来的议定事项"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "source_decision"],
                condition=models.Q(source_decision__isnull=False),
                name="agenda_decision_forwarded_once",
            ),
            models.UniqueConstraint(
                fields=["meeting", "case"],
                condition=models.Q(case__isnull=False),
                name="agenda_case_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    """议定事项: one structured decision of a closed meeting."""

    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveSmallIntegerField(_("序号"), default=1)
    text = models.TextField(_("议定事项"))
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("对应议程"),
    )

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = _("议定事项")
        verbose_name_plural = _("议定事项")

    def __str__(self) -> str:
        return self.text[:40]
