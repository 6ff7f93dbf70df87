"""What cases hold about a person (core.personal_data): the cases they reported. A case is a
record the community must keep: on erasure it stays, detached from its reporter."""

from django.utils.translation import gettext_lazy as _

from wulian.cases.models import Case
from wulian.core import counters
from wulian.core.personal_data import register_erasure, register_section


def _cases(user, person) -> list[dict]:
    if person is None:
        return []
    return [
        {
            str(_("标题")): c.title,
            str(_("类别")): c.get_category_display(),
            str(_("情况描述")): c.description,
            str(_("状态")): c.get_status_display(),
            str(_("登记时间")): c.registered_at,
            str(_("化解情况")): c.resolution,
        }
        for c in Case.objects.filter(reporter=person).order_by("-registered_at")
    ]


register_section("cases", _("我反映的问题"), _cases)
register_erasure(
    "cases",
    retained=lambda person: "",
    erase=lambda person, by: counters.update(Case.objects.filter(reporter=person), reporter=None),
)
