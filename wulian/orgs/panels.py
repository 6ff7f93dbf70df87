"""What the orgs app adds to the area page (areas/panels.py): the leading party organization,
the organizations under the area and under each child, and each child's party body."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from wulian.areas.panels import Column, register_columns, register_line
from wulian.areas.selectors import child_counts
from wulian.orgs.models import Org
from wulian.orgs.selectors import visible_orgs


@register_line
def leading_org(request, area) -> str:
    leading = Org.objects.filter(leads=area).first()
    return render_to_string("orgs/area_line.html", {"leading": leading}, request=request)


@register_columns
def org_columns(request, area, children) -> list[Column]:
    orgs = visible_orgs(request.user)
    bodies = {o.leads_id: o for o in Org.objects.filter(leads__in=children)}
    return [
        Column(
            key="orgs",
            heading=_("组织数"),
            cells=child_counts(children, orgs, "area"),
            total=orgs.filter(area__path__startswith=area.path).count(),
            total_label=_("组织"),
            total_id="org-total",
            link="orgs:list",
            link_label=_("组织"),
        ),
        Column(
            key="party_body",
            heading=_("党组织形式"),
            numeric=False,
            cells={
                c.path: bodies[c.pk].get_party_body_display() for c in children if c.pk in bodies
            },
        ),
    ]
