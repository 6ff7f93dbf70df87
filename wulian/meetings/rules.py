from django.utils.translation import gettext_lazy as _

from wulian.accounts.rules import EVERYONE_BUSINESS, STAFF, UNIT, register
from wulian.notifications.kinds import Kind, To
from wulian.notifications.kinds import register as register_notifications

register({
    "meeting.view": STAFF | UNIT,  # a unit contact sees the meetings its unit is invited to
    "meeting.create": STAFF,  # convene (as the level's leading org or governance committee)
    "meeting.update": STAFF,  # invitations and agenda
    "meeting.attend": STAFF,  # record attendance, show the check-in QR code
    "meeting.checkin": EVERYONE_BUSINESS,  # 扫码签到 by a logged-in invitee
    "meeting.close": STAFF,  # minutes and decisions
    "meeting.reschedule": STAFF,  # 改期, by the convening org, before the meeting is held
    "meeting.cancel": STAFF,  # 取消, by the convening org, before the meeting is held
    "meeting.export": STAFF,
    "decision.forward": STAFF,
    "action_item.view": STAFF | UNIT,
    "action_item.create": STAFF,
    "action_item.report": STAFF | UNIT,  # progress and "done", by the lead (or a co-) org
    "action_item.accept": STAFF,  # accept or send back, by the convening org
    "action_item.export": STAFF | UNIT,
})

register_notifications({
    "meeting.invitation": Kind(_("联席会议邀请"), (To.OFFICIALS, To.PERSON),
                               _("受邀单位的管理员、工作人员和联络员，受邀个人本人")),
    "meeting.rescheduled": Kind(_("联席会议改期"), (To.OFFICIALS, To.PERSON),
                                _("受邀单位的管理员、工作人员和联络员，受邀个人本人"), urgent=True),
    "meeting.cancelled": Kind(_("联席会议取消"), (To.OFFICIALS, To.PERSON),
                              _("受邀单位的管理员、工作人员和联络员，受邀个人本人"), urgent=True),
    "action_item.new": Kind(_("新的督办事项"), (To.OFFICIALS,), _("牵头和配合单位的管理员、工作人员和联络员")),
    "action_item.done": Kind(_("督办事项报结待验收"), (To.OFFICIALS,), _("召集单位的管理员和工作人员")),
    "action_item.accepted": Kind(_("督办事项已验收"), (To.OFFICIALS,), _("牵头单位的管理员、工作人员和联络员")),
    "action_item.returned": Kind(_("督办事项被退回"), (To.OFFICIALS,), _("牵头单位的管理员、工作人员和联络员")),
    "action_item.escalated": Kind(_("督办事项逾期升级"), (To.OFFICIALS,),
                                  _("牵头单位、召集单位和升级到的上级单位的管理员、工作人员和联络员"), urgent=True),
    "decision.forwarded": Kind(_("转来议定事项"), (To.OFFICIALS,), _("接收会议的召集单位的管理员和工作人员")),
})
