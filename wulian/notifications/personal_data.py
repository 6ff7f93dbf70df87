"""What notifications hold about a person (core.personal_data): their bell, kept a year."""

from django.utils.translation import gettext_lazy as _

from wulian.core.personal_data import register_erasure, register_purge, register_section
from wulian.notifications.models import Notification


def _notifications(user, person) -> list[dict]:
    return [
        {
            str(_("时间")): n.created_at,
            str(_("标题")): n.title,
            str(_("内容")): n.body,
            str(_("已读时间")): n.read_at,
        }
        for n in Notification.objects.filter(user=user)
    ]


def _erase(person, by) -> int:
    deleted, _rows = Notification.objects.filter(user__person=person).delete()
    return deleted


register_section("notifications", _("站内消息"), _notifications)
register_erasure("notifications", retained=lambda person: "", erase=_erase)
register_purge("notifications", lambda cutoff: Notification.objects.filter(created_at__lt=cutoff))
