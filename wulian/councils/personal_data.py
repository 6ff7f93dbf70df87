"""What resident councils hold about a person (core.personal_data): seats and topics raised."""

from django.utils.translation import gettext_lazy as _

from wulian.core.personal_data import register_section
from wulian.councils.models import CouncilMember, Topic


def _seats(user, person) -> list[dict]:
    if person is None:
        return []
    return [
        {
            str(_("议事会")): m.council.name,
            str(_("席位号")): m.seat,
            str(_("职务")): m.title,
            str(_("加入日期")): m.joined_on,
            str(_("在任")): m.active,
        }
        for m in CouncilMember.objects.filter(person=person).select_related("council")
    ]


def _topics(user, person) -> list[dict]:
    if person is None:
        return []
    return [
        {
            str(_("议事会")): t.council.name,
            str(_("议题")): t.title,
            str(_("内容")): t.description,
            str(_("状态")): t.get_status_display(),
        }
        for t in Topic.objects.filter(raised_by_person=person).select_related("council")
    ]


register_section("council_seats", _("议事会席位"), _seats)
register_section("council_topics", _("我提出的议题"), _topics)
