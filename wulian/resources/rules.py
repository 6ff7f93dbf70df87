"""Shared resources: units publish and manage, area roles oversee (the inventory), people book."""

from django.utils.translation import gettext_lazy as _

from wulian.accounts.rules import DEPARTMENT, PEOPLE, STAFF, UNIT, register
from wulian.notifications.kinds import Kind, To
from wulian.notifications.kinds import register as register_notifications

register({
    "resource.view": STAFF | DEPARTMENT | UNIT,  # the inventory and a resource's page with its history
    "resource.create": STAFF | UNIT,
    "resource.update": STAFF | UNIT,  # edit, open, close
    "resource.export": STAFF | UNIT,
    "resource.browse": PEOPLE,  # the phone pages: resources I may book
    "resource.book": PEOPLE,  # book, my bookings, cancel my booking, its .ics
    "booking.view": STAFF | DEPARTMENT | UNIT,
    "booking.decide": STAFF | UNIT,  # approve / reject / cancel on the unit's side
    "booking.check_in": STAFF | UNIT,
})

register_notifications({
    "booking.pending": Kind(_("新的预约待审核"), (To.UNIT_CONTACTS,), _("开放资源的单位的联络员")),
    "booking.approved": Kind(_("预约已通过"), (To.PERSON,), _("预约人本人")),
    "booking.rejected": Kind(_("预约未通过"), (To.PERSON,), _("预约人本人")),
    "booking.no_show": Kind(_("预约未签到已释放"), (To.PERSON,), _("预约人本人")),
    "booking.expired": Kind(_("预约已自动失效"), (To.PERSON,), _("预约人本人")),
})
