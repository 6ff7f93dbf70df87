"""Who is invited to a meeting and their answers, and who came."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from wulian.meetings.models.meetings import JointMeeting


class Response(models.TextChoices):
    PENDING = "pending", _("待答复")
    ATTEND = "attend", _("参加")
    LEAVE = "leave", _("请假")
    DELEGATE = "delegate", _("委派")


class Invitation(models.Model):
    """An invited org or person, and its answer: 参加, 请假 (with a reason) or 委派 (a named delegate)."""

    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="invitations")
    org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_invitations",
        verbose_name=_("受邀单位"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_invitations",
        verbose_name=_("受邀人员"),
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    response = models.CharField(
        _("答复"), max_length=10, choices=Response.choices, default=Response.PENDING
    )
    reason = models.CharField(_("请假原因"), max_length=300, blank=True)
    delegate = models.CharField(_("委派人员"), max_length=50, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(org__isnull=False, person__isnull=True)
                    | models.Q(org__isnull=True, person__isnull=False)
                ),
                name="invitation_org_xor_person",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(response="pending", answered_at__isnull=True)
                    | (models.Q(response="attend", answered_at__isnull=False))
                    | (models.Q(response="leave", answered_at__isnull=False) & ~models.Q(reason=""))
                    | (
                        models.Q(response="delegate", answered_at__isnull=False)
                        & ~models.Q(delegate="")
                    )
                ),
                name="invitation_answer_complete",
            ),
            models.UniqueConstraint(fields=["meeting", "org"], name="invitation_unique_org"),
            models.UniqueConstraint(fields=["meeting", "person"], name="invitation_unique_person"),
        ]

    def __str__(self) -> str:
        return str(self.org or self.person)


class CheckinVia(models.TextChoices):
    MANUAL = "manual", _("登记")
    QR = "qr", _("扫码签到")


class Attendance(models.Model):
    """Who came, for which org."""

    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="attendances")
    name = models.CharField(_("姓名"), max_length=50)
    org = models.ForeignKey(
        "orgs.Org",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("代表单位"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_attendances",
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("签到人员"),
    )
    via = models.CharField(
        _("方式"), max_length=10, choices=CheckinVia.choices, default=CheckinVia.MANUAL
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_in_at = models.DateTimeField(_("签到时间"), auto_now_add=True)

    objects = models.Manager()

    class Meta:
        ordering = ["checked_in_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=models.Q(user__isnull=False),
                name="attendance_once_per_user",
            ),
            # The same name for the same org, or for no org (NULLs would not collide).
            models.UniqueConstraint(
                "meeting",
                "name",
                Coalesce("org", models.Value(0)),
                name="attendance_once_per_name_org",
            ),
        ]

    def __str__(self) -> str:
        return self.name
