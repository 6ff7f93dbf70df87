"""The orgs' object predicates (``rules.can_<verb>``), shared by services, buttons and API."""

from wulian.orgs import rules


def test_the_unit_itself_and_staff_over_its_area_change_an_org_others_do_not(world):
    huaxi = world.orgs["huaxi"]
    assert rules.can_change(world.users["huaxi_contact"], huaxi) is True
    assert rules.can_change(world.users["hongmenjie_admin"], huaxi) is True
    assert rules.can_change(world.users["library_contact"], huaxi) is False
    assert rules.can_change(world.users["xihuamen_admin"], huaxi) is False
    assert rules.can_update(world.users["huaxi_contact"], huaxi) is True
    assert rules.can_update(world.users["library_contact"], huaxi) is False


def test_only_the_level_above_changes_the_party_body(world):
    xihuamen = world.orgs["xihuamen"]
    assert rules.can_change_body(world.users["xiyuhe_admin"], xihuamen) is True
    assert rules.can_change_body(world.users["xihuamen_admin"], xihuamen) is False
    assert rules.can_change_body(world.users["huaxi_contact"], world.orgs["huaxi"]) is False
