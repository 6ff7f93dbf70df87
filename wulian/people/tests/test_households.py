"""A household (户) is the people of one home area with the same address: found by a blind index,
never by decrypting; a person without an address is a household of one."""

import pytest

from wulian.people import services
from wulian.web.demo import HONGMENJIE, XIHUAMEN

pytestmark = pytest.mark.django_db


def _person(world, name, phone, address, area=HONGMENJIE):
    return services.create_person(
        by=None, name=name, phone=phone, home_area=world.areas[area], address=address
    )


def test_same_address_in_the_same_area_is_one_household_however_it_is_typed(world):
    a = _person(world, "户主", "13900010001", "黉门街12号3栋2单元501")
    b = _person(world, "家人", "13900010002", " 黉门街１２号 3栋2单元501 ")
    assert a.household_index == b.household_index != ""
    assert (a.address_masked, a.address_encrypted != "黉门街12号3栋2单元501") == (
        "黉门街12号3****",
        True,
    )


def test_same_address_in_another_area_is_another_household(world):
    a = _person(world, "甲", "13900010003", "1栋101")
    b = _person(world, "乙", "13900010004", "1栋101", area=XIHUAMEN)
    assert a.household_index != b.household_index


def test_no_address_is_a_household_of_one_and_moving_keeps_the_index_in_step(world):
    alone = _person(world, "独居", "13900010005", "")
    assert alone.household_index == ""
    a = _person(world, "甲", "13900010006", "1栋101", area=XIHUAMEN)
    b = _person(world, "乙", "13900010007", "1栋101")
    services.update_person(person=a, by=None, home_area=world.areas[HONGMENJIE])
    assert a.household_index == b.household_index
