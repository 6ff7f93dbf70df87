"""The agreements' object predicates (``rules.can_<verb>``), shared by services, buttons and API."""

from wulian.agreements import rules


def test_the_party_side_updates_a_draft_the_unit_and_others_do_not(world, draft):
    assert rules.can_update(world.users["hongmenjie_admin"], draft) is True
    assert rules.can_update(world.users["huaxi_contact"], draft) is False
    assert rules.can_update(world.users["xihuamen_admin"], draft) is False
    assert rules.can_draft(world.users["hongmenjie_admin"], draft) is True
    assert rules.can_draft(world.users["xihuamen_admin"], draft) is False


def test_either_side_confirms_someone_else_does_not(world, draft):
    assert rules.can_confirm(world.users["hongmenjie_admin"], draft) is True
    assert rules.can_confirm(world.users["huaxi_contact"], draft) is True
    assert rules.can_confirm(world.users["library_contact"], draft) is False


def test_either_side_records_a_delivery_only_the_party_side_confirms_it(world, in_force):
    item = in_force.items.get()
    assert rules.can_record_delivery(world.users["huaxi_contact"], item) is True
    assert rules.can_record_delivery(world.users["hongmenjie_admin"], item) is True
    assert rules.can_record_delivery(world.users["library_contact"], item) is False
    assert rules.can_confirm_deliveries(world.users["hongmenjie_admin"], in_force) is True
    assert rules.can_confirm_deliveries(world.users["huaxi_contact"], in_force) is False
