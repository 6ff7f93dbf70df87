"""The councils' object predicates (``rules.can_<verb>``), shared by services, buttons and API."""

from wulian.councils import rules


def test_staff_over_the_community_manage_the_council_others_do_not(world, hongmenjie_council):
    assert rules.can_manage(world.users["hongmenjie_admin"], hongmenjie_council) is True
    assert rules.can_manage(world.users["xihuamen_admin"], hongmenjie_council) is False
    assert rules.can_manage(world.users["resident_demo"], hongmenjie_council) is False


def test_members_residents_and_area_staff_take_part_staff_elsewhere_do_not(
    world, hongmenjie_council
):
    assert rules.can_take_part(world.users["resident_demo"], hongmenjie_council) is True
    assert rules.can_take_part(world.users["hongmenjie_admin"], hongmenjie_council) is True
    assert rules.can_take_part(world.users["xihuamen_admin"], hongmenjie_council) is False


def test_only_members_vote(world, topic):
    assert rules.can_vote(world.users["resident_demo"], topic) is True
    assert rules.can_vote(world.users["huaxi_contact"], topic) is True
    assert rules.can_vote(world.users["hongmenjie_admin"], topic) is False
    assert rules.can_vote(world.users["library_contact"], topic) is False
