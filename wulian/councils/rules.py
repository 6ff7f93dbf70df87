from django.utils.translation import gettext_lazy as _

from wulian.accounts.rules import ADMINS, PEOPLE, STAFF, UNIT, register
from wulian.notifications.kinds import Kind, To
from wulian.notifications.kinds import register as register_notifications

register({
    "council.view": STAFF | UNIT | PEOPLE,
    "council.create": ADMINS,
    "council.manage": STAFF,  # members, sessions, opening and closing votes, resolutions
    "council.raise_topic": STAFF | UNIT | PEOPLE,
    "council.comment": STAFF | UNIT | PEOPLE,
    "council.vote": UNIT | PEOPLE,
    "council.record_vote": STAFF,
    "council.export": STAFF,
})

register_notifications({
    "council.vote_opened": Kind(_("议题开始表决"), (To.COUNCIL,), _("议事会的在任成员（本人和成员单位联络员）")),
    "council.result_published": Kind(_("议题表决结果"), (To.COUNCIL,),
                                     _("议事会的在任成员（本人和成员单位联络员）和提出议题的人")),
})
