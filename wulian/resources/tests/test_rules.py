"""The resources' object predicates (``rules.can_<verb>``), shared by services, buttons and API."""

from wulian.resources import rules, services
from wulian.resources.tests.conftest import at


def test_the_publishing_unit_and_the_area_staff_manage_a_resource_another_unit_does_not(
    world, parking
):
    assert rules.can_manage(world.users["huaxi_contact"], parking) is True
    assert rules.can_manage(world.users["hongmenjie_admin"], parking) is True
    assert rules.can_manage(world.users["library_contact"], parking) is False
    assert rules.can_manage(world.users["xihuamen_admin"], parking) is False


def test_update_needs_the_action_as_well_as_the_resource(world, parking):
    assert rules.can_update(world.users["huaxi_contact"], parking) is True
    assert rules.can_update(world.users["library_contact"], parking) is False
    assert rules.can_update(world.users["resident_demo"], parking) is False


def test_only_the_managing_side_decides_and_checks_in_a_booking(world, parking):
    booking = services.book_resource(
        resource=parking, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )
    assert (
        rules.can_decide(world.users["huaxi_contact"], booking),
        rules.can_check_in(world.users["huaxi_contact"], booking),
    ) == (True, True)
    assert (
        rules.can_decide(world.users["library_contact"], booking),
        rules.can_check_in(world.users["library_contact"], booking),
    ) == (False, False)
    assert rules.can_decide(world.users["resident_demo"], booking) is False


def test_an_account_books_for_its_own_person_only(world):
    resident = world.users["resident_demo"]
    assert rules.can_book_for(resident, resident.person) is True
    assert rules.can_book_for(world.users["member_demo"], resident.person) is False
    assert rules.can_book_for(None, resident.person) is True
