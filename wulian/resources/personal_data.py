"""What shared resources hold about a person (core.personal_data): their bookings; a booking
still to come keeps its person until it is over or cancelled."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wulian.core import counters
from wulian.core.personal_data import register_erasure, register_section
from wulian.resources.models import Booking


def _bookings(user, person) -> list[dict]:
    if person is None:
        return []
    return [
        {
            str(_("资源")): b.resource.name,
            str(_("开始时间")): b.start,
            str(_("结束时间")): b.end,
            str(_("数量")): b.quantity,
            str(_("车牌号")): b.plate,
            str(_("备注")): b.note,
            str(_("状态")): b.get_status_display(),
            str(_("提交时间")): b.created_at,
        }
        for b in Booking.objects.filter(person=person).select_related("resource").order_by("-start")
    ]


def _retained(person) -> str:
    if Booking.objects.filter(
        person=person, status__in=["pending", "approved"], end__gt=timezone.now()
    ).exists():
        return str(_("有尚未结束的预约，请先取消"))
    return ""


def _erase(person, by) -> int:
    # Past bookings stay for the resource's statistics; the plate number identifies a person.
    return counters.update(Booking.objects.filter(person=person).exclude(plate=""), plate="")


register_section("bookings", _("我的预约"), _bookings)
register_erasure("bookings", retained=_retained, erase=_erase)
