"""What the people app adds to the area page (areas/panels.py): the people living under the
area and under each child."""

from django.utils.translation import gettext as _

from wulian.areas.panels import Column, register_columns
from wulian.areas.selectors import child_counts
from wulian.people.selectors import visible_people


@register_columns
def people_columns(request, area, children) -> list[Column]:
    people = visible_people(request.user)
    return [
        Column(
            key="people",
            heading=_("人员数"),
            cells=child_counts(children, people, "home_area"),
            total=people.filter(home_area__path__startswith=area.path).count(),
            total_label=_("人员"),
            total_id="people-total",
            link="people:list",
            link_label=_("人员"),
        ),
    ]
