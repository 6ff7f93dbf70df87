"""What the needs menu holds about a person (core.personal_data): the needs they posted and the
ratings they gave; a need still being served keeps its requester."""

from django.utils.translation import gettext_lazy as _

from wulian.core.personal_data import register_erasure, register_section
from wulian.needs.models import Need, Rating

OPEN_STATES = ("posted", "claimed", "in_service", "done")


def _needs(user, person) -> list[dict]:
    if person is None:
        return []
    return [
        {
            str(_("标题")): n.title,
            str(_("类别")): n.get_category_display(),
            str(_("需求描述")): n.description,
            str(_("状态")): n.get_state_display(),
            str(_("发布时间")): n.created_at,
            str(_("完成时间")): n.done_at,
        }
        for n in Need.objects.filter(posted_by=person).order_by("-created_at")
    ]


def _ratings(user, person) -> list[dict]:
    return [
        {
            str(_("需求")): r.need.title,
            str(_("评价方")): r.get_side_display(),
            str(_("评分")): r.score,
            str(_("评语")): r.comment,
            str(_("评价时间")): r.created_at,
        }
        for r in Rating.objects.filter(by=user).select_related("need").order_by("-created_at")
    ]


def _retained(person) -> str:
    if Need.objects.filter(posted_by=person, state__in=OPEN_STATES).exists():
        return str(_("有尚未办结的需求，请先取消或待服务确认后再申请"))
    return ""


register_section("needs", _("我的需求"), _needs)
register_section("ratings", _("我的评价"), _ratings)
# Finished needs stay (the counters and the providers' records need them) with the anonymised person.
register_erasure("needs", retained=_retained, erase=lambda person, by: 0)
