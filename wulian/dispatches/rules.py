from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wulian.accounts.rules import ADMINS, STAFF, UNIT, register
from wulian.notifications.kinds import Kind, To
from wulian.notifications.kinds import register as register_notifications
from wulian.orgs.rules import is_upper_staff

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_stubs_ext import StrOrPromise

    from wulian.accounts.models import User
    from wulian.orgs.models import Org

RECORD_REFUSAL = _("只有被督导单位的上级可以记录该督导。")
DECIDE_REFUSAL = _("只有被问询单位的上级可以作出问责决定。")


def can_supervise(user: User | AnonymousUser | None, org: Org) -> bool:
    """Inspections and inquiries go downwards: only staff of a level above ``org`` record its
    inspection, add findings or decide its inquiry (the platform itself, ``None``, always may).
    Used by the services, the API (before it reads the body) and the pages' buttons."""
    return user is None or is_upper_staff(user, org)


def require_supervising(user: User | AnonymousUser | None, org: Org, message: StrOrPromise) -> None:
    """``can_supervise`` or ``PermissionDenied`` (403 on pages and API) with ``message``: called by
    the services on an existing inspection or inquiry, and by the API before it reads the body."""
    if not can_supervise(user, org):
        raise PermissionDenied(message)


register(
    {
        "dispatch.view": STAFF
        | UNIT,  # the issuing side, and the orgs a published dispatch criticises
        "dispatch.create": STAFF,  # generate a month's draft, start a correction
        "dispatch.edit": STAFF,  # review a draft: text, criticisms
        "dispatch.publish": ADMINS,
        "dispatch.export": STAFF,
        "rectification.view": STAFF | UNIT,
        "rectification.report": STAFF | UNIT,
        "rectification.verify": STAFF,
        "inspection.view": STAFF | UNIT,  # the inspecting side, and the inspected org
        "inspection.create": STAFF,
        "inspection.record": STAFF,
        "inquiry.view": STAFF | UNIT,
        "inquiry.send": STAFF,
        "inquiry.reply": STAFF | UNIT,
        "inquiry.decide": ADMINS,
        "org_record.view": STAFF | UNIT,
    }
)

register_notifications(
    {
        "dispatch.generate": Kind(
            _("调度通报待审核"), (To.OFFICIALS,), _("发文单位的管理员和工作人员")
        ),
        "dispatch.criticism": Kind(
            _("通报批评与限期整改"),
            (To.OFFICIALS,),
            _("被通报单位的管理员、工作人员和联络员"),
            urgent=True,
        ),
        "rectification.report": Kind(
            _("整改情况待核验"), (To.OFFICIALS,), _("发文单位的管理员和工作人员")
        ),
        "rectification.verify": Kind(
            _("整改核验结果"), (To.OFFICIALS,), _("被通报单位的管理员、工作人员和联络员")
        ),
        "rectification.escalate": Kind(
            _("逾期整改提级督办"),
            (To.OFFICIALS,),
            _("发文单位和上一级单位的管理员和工作人员"),
            urgent=True,
        ),
        "inspection.create": Kind(
            _("督导检查安排"), (To.OFFICIALS,), _("被检查单位的管理员、工作人员和联络员")
        ),
        "inquiry.send": Kind(
            _("问询"), (To.OFFICIALS,), _("被问询单位的管理员、工作人员和联络员"), urgent=True
        ),
        "inquiry.reply": Kind(
            _("问询已答复"), (To.OFFICIALS,), _("发出问询的单位的管理员和工作人员")
        ),
        "inquiry.decide": Kind(
            _("问询处理决定"), (To.OFFICIALS,), _("被问询单位的管理员、工作人员和联络员")
        ),
    }
)
