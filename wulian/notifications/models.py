from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An in-app notification (the bell): one row per recipient."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("类型"), max_length=40)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("消息")
        verbose_name_plural = _("消息")
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title


class Channel(models.TextChoices):
    """Where a notification goes besides the bell. In-app is always on: it is the record."""

    IN_APP = "in_app", _("站内消息")
    SMS = "sms", _("短信")
    EMAIL = "email", _("电子邮件")
    WECHAT = "wechat", _("微信")
    DIGEST = "digest", _("每日摘要")


# The channels a user chooses per kind (in-app is not a choice), in the order the page shows them.
CHOSEN_CHANNELS = (Channel.SMS, Channel.EMAIL, Channel.WECHAT, Channel.DIGEST)
# The channels that carry one message each (the digest gathers a day's items into one).
EXTERNAL_CHANNELS = (Channel.SMS, Channel.EMAIL, Channel.WECHAT)


class Preference(models.Model):
    """A user's choice for one kind and channel; without a row the default holds (urgent kinds by
    SMS, the rest in the daily digest, e-mail and WeChat off)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("类型"), max_length=40)
    channel = models.CharField(
        _("渠道"), max_length=10, choices=[(c.value, c.label) for c in CHOSEN_CHANNELS]
    )
    enabled = models.BooleanField(_("开启"))

    class Meta:
        verbose_name = _("通知偏好")
        verbose_name_plural = _("通知偏好")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "channel"], name="preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.channel} {self.enabled}"


class DeliverySettings(models.Model):
    """A user's quiet hours and WeChat binding; without a row, the defaults
    (``settings.WULIAN_QUIET_HOURS``, no WeChat)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delivery_settings"
    )
    quiet_enabled = models.BooleanField(_("免打扰时段"), default=True)
    quiet_from = models.TimeField(_("免打扰开始"), null=True, blank=True)
    quiet_until = models.TimeField(_("免打扰结束"), null=True, blank=True)
    # The user's openid in the platform's WeChat official account (set when they follow and bind it).
    wechat_openid = models.CharField(_("微信 openid"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("通知设置")
        verbose_name_plural = _("通知设置")

    def __str__(self) -> str:
        return str(self.user_id)


class Digest(models.Model):
    """One day's items of one user gathered into one message: once per user and day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests"
    )
    day = models.DateField(_("日期"))
    count = models.PositiveIntegerField(_("条数"))
    notification_ids = models.JSONField(_("消息"), default=list)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))
    run = models.CharField(max_length=32, db_index=True)  # the planning run that made it
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("每日摘要")
        verbose_name_plural = _("每日摘要")
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="digest_once_per_user_and_day")
        ]

    def __str__(self) -> str:
        return self.title


class ChannelDeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class Delivery(models.Model):
    """The delivery log: one row per message (a notification or a digest) and channel."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries"
    )
    digest = models.ForeignKey(
        Digest, on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries"
    )
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=ChannelDeliveryStatus.choices,
        default=ChannelDeliveryStatus.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    reason = models.CharField(_("原因"), max_length=300, blank=True)
    not_before = models.DateTimeField(
        _("最早发送时间"), null=True, blank=True
    )  # end of quiet hours
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True)
    provider_id = models.CharField(_("服务方编号"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("投递记录")
        verbose_name_plural = _("投递记录")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(notification__isnull=False, digest__isnull=True)
                    | models.Q(notification__isnull=True, digest__isnull=False)
                ),
                name="delivery_of_one_message",
            ),
            models.UniqueConstraint(
                fields=["notification", "channel"],
                condition=models.Q(notification__isnull=False),
                name="delivery_once_per_notification_and_channel",
            ),
            models.UniqueConstraint(
                fields=["digest", "channel"],
                condition=models.Q(digest__isnull=False),
                name="delivery_once_per_digest_and_channel",
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.channel} {self.status}"


DeliveryStatus = ChannelDeliveryStatus  # a name of its own in the OpenAPI schema
