"""党建活动 the case study names: 坝坝党课, 流动红色讲堂, 志愿服务 — a type, an organiser, a place and
time, and who signed in. The attendance figure is the number of sign-ins (one per person, held by
the database), never typed in."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyActivityKind(models.TextChoices):
    PARTY_CLASS = "party_class", _("坝坝党课")
    RED_LECTURE = "red_lecture", _("流动红色讲堂")
    VOLUNTEER = "volunteer", _("志愿服务")


class ActivityQuerySet(models.QuerySet):
    def search(self, *, q: str = "", kind: str = "", area=None):
        qs = self
        if q:
            qs = qs.filter(
                models.Q(title__contains=q)
                | models.Q(place__contains=q)
                | models.Q(organiser__name__contains=q)
            )
        if kind:
            qs = qs.filter(kind=kind)
        if area is not None:
            qs = qs.filter(area__path__startswith=area.path)
        return qs

    def with_attendance(self):
        return self.annotate(attendance=models.Count("signins", distinct=True))


class Activity(models.Model):
    kind = models.CharField(
        _("活动类型"), max_length=16, choices=PartyActivityKind.choices, db_index=True
    )
    title = models.CharField(_("活动名称"), max_length=100)
    organiser = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="activities", verbose_name=_("组织单位")
    )
    area = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("所在区域"),
    )
    place = models.CharField(_("地点"), max_length=200)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    description = models.TextField(_("活动内容"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("党建活动")
        verbose_name_plural = _("党建活动")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="activity_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SignInVia(models.TextChoices):
    MANUAL = "manual", _("登记")
    QR = "qr", _("扫码签到")


class SignIn(models.Model):
    """One attendee: a person (by the account's linked person) or, for an account without one or a
    sheet the staff type in, a name. Nobody signs in twice."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="signins")
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activity_signins",
        verbose_name=_("签到人员"),
    )
    name = models.CharField(_("姓名"), max_length=50)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activity_signins",
    )
    via = models.CharField(
        _("方式"), max_length=10, choices=SignInVia.choices, default=SignInVia.QR
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_in_at = models.DateTimeField(_("签到时间"), auto_now_add=True)

    class Meta:
        ordering = ["signed_in_at", "id"]
        verbose_name = _("活动签到")
        verbose_name_plural = _("活动签到")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "person"],
                condition=models.Q(person__isnull=False),
                name="activity_signin_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["activity", "user"],
                condition=models.Q(user__isnull=False),
                name="activity_signin_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["activity", "name"],
                condition=models.Q(person__isnull=True),
                name="activity_signin_once_per_unlinked_name",
            ),
            models.CheckConstraint(condition=~models.Q(name=""), name="activity_signin_has_name"),
        ]

    def __str__(self) -> str:
        return self.name


ActivityKind = PartyActivityKind  # a name of its own in the OpenAPI schema
