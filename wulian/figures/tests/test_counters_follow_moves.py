"""A fact placed through another row (a duty at its lead org's area, a rectification report at its
criticized org's area) moves with that row: moving an org moves its facts' counters."""

import pytest

from wulian.areas.models import Area
from wulian.core import counters
from wulian.duties.models import Duty
from wulian.figures import services as figures
from wulian.figures.selectors import counter_value
from wulian.orgs.services import update_org

pytestmark = pytest.mark.django_db


def _value(area, key):
    return counter_value(area, key)


def test_moving_an_org_moves_its_duties_counters_to_the_new_area(world):
    duty = (
        Duty.objects.select_related("lead_org__area")
        .filter(lead_org__area__level="community")
        .first()
    )
    assert duty is not None, "the demo has duties led by a community's org"
    org = duty.lead_org
    old = org.area
    new = (
        Area.objects.filter(level="community", leading_org__isnull=True)
        .exclude(parent=old.parent)
        .first()
    )
    n = Duty.objects.filter(lead_org=org).count()
    before = {a.pk: _value(a, "duties.total") for a in (old, old.parent, new, new.parent)}

    changes = {"area": new, "leads": new} if org.leads_id else {"area": new}
    update_org(org=org, by=world.users["city_admin"], **changes)

    assert _value(old, "duties.total") == before[old.pk] - n
    assert _value(old.parent, "duties.total") == before[old.parent.pk] - n
    assert _value(new, "duties.total") == before[new.pk] + n
    assert _value(new.parent, "duties.total") == before[new.parent.pk] + n
    assert figures.check() == []


def test_saving_an_org_without_moving_it_reads_no_facts(world, django_assert_max_num_queries):
    org = Duty.objects.select_related("lead_org").first().lead_org
    org.name = org.name + "（更名）"
    # the org read before, the UPDATE, the org read after
    with django_assert_max_num_queries(3), counters.tracking(org):
        org.save()
    assert figures.check() == []
