"""The areas' object predicates (``rules.can_<verb>``), and the grid service that uses them."""

import pytest
from django.core.exceptions import PermissionDenied

from wulian.areas import rules, services
from wulian.areas.models import Area
from wulian.audit.models import AuditEntry
from wulian.web.demo import HONGMENJIE, XIHUAMEN


def test_staff_over_the_community_create_its_grids_others_do_not(world):
    xihuamen = world.areas[XIHUAMEN]
    assert rules.can_create_grid(world.users["xihuamen_admin"], xihuamen) is True
    assert rules.can_create_grid(world.users["xiyuhe_admin"], xihuamen) is True
    assert rules.can_create_grid(world.users["hongmenjie_admin"], xihuamen) is False
    assert rules.can_create_grid(world.users["resident_demo"], xihuamen) is False


@pytest.mark.parametrize("username", ["hongmenjie_admin", "resident_demo", "huaxi_contact"])
def test_a_grid_in_someone_elses_community_or_without_the_action_is_refused(world, username):
    before = (Area.objects.count(), AuditEntry.objects.count())
    with pytest.raises(PermissionDenied):
        services.create_grid(
            community=world.areas[XIHUAMEN], name="越权网格", by=world.users[username]
        )
    assert (Area.objects.count(), AuditEntry.objects.count()) == before


def test_the_communitys_own_staff_create_a_grid(world):
    grid = services.create_grid(
        community=world.areas[HONGMENJIE], name="国学巷网格", by=world.users["hongmenjie_admin"]
    )
    assert (grid.parent, grid.name) == (world.areas[HONGMENJIE], "国学巷网格")
