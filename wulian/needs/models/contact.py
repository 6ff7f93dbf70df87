"""Contact while a need is held: messages and privacy-number bindings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wulian.needs.models.need import Need


class MessageSide(models.TextChoices):
    RESIDENT = "resident", _("需求人")
    PROVIDER = "provider", _("接单方")
    STAFF = "staff", _("社区工作人员")


class NeedMessage(models.Model):
    """A message on a held need, between the resident and the provider, seen by area staff."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("留言人"),
    )
    side = models.CharField(_("身份"), max_length=10, choices=MessageSide.choices)
    body = models.CharField(_("留言"), max_length=500)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("需求留言")
        verbose_name_plural = _("需求留言")

    def __str__(self) -> str:
        return f"{self.need_id} · {self.get_side_display()}"


class NumberBinding(models.Model):
    """A temporary virtual number (隐私号) binding the resident's and the provider's phones for
    one need, through ``core.gateways.number_privacy``; released when the need leaves contact."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="number_bindings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("接单账号"),
    )
    virtual_number = models.CharField(_("隐私号"), max_length=20)
    binding_id = models.CharField(_("绑定编号"), max_length=100)
    expires_at = models.DateTimeField(_("失效时间"))
    created_at = models.DateTimeField(_("绑定时间"), auto_now_add=True)
    released_at = models.DateTimeField(_("解绑时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("隐私号绑定")
        verbose_name_plural = _("隐私号绑定")

    def __str__(self) -> str:
        return f"{self.need_id} · {self.virtual_number}"
