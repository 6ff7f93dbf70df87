"""Bad ID numbers and over-long names are refused with a message on the field; nothing is written."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from wulian.people.models import Person
from wulian.people.services import create_person, update_person
from wulian.web.demo import XIHUAMEN, id_number


def _refused(world, **fields) -> dict[str, list[str]]:
    data = {"name": "林青", "phone": "13912345678", "home_area": world.areas[XIHUAMEN], **fields}
    before = Person.objects.count()
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        create_person(by=world.users["xihuamen_admin"], **data)
    assert Person.objects.count() == before
    with translation.override("zh-hans"):
        return exc.value.message_dict


def test_id_number_with_bad_check_character_is_refused(world):
    good = id_number("510105", "19880808", 321)
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    assert _refused(world, id_number=wrong) == {
        "id_number": [f"身份证号校验位错误：第18位应为“{good[17]}”，实际为“{wrong[17]}”。"],
    }


@pytest.mark.parametrize(
    ("birth", "message"),
    [
        ("19990230", "身份证号中的出生日期“19990230”不是有效日期。"),
        ("20991231", "身份证号中的出生日期“20991231”不可能。"),
        ("18800101", "身份证号中的出生日期“18800101”不可能。"),
    ],
)
def test_id_number_with_impossible_birth_date_is_refused(world, birth, message):
    assert _refused(world, id_number=id_number("510105", birth, 321)) == {"id_number": [message]}


def test_over_long_name_is_refused(world):
    assert _refused(world, name="林" * 51) == {"name": ["姓名不能超过50个字（当前51个）。"]}


def test_over_long_name_is_refused_on_update_and_nothing_changes(world):
    person = world.people["zhang_min"]
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        update_person(person=person, by=world.users["xihuamen_admin"], name="张" * 51)
    assert exc.value.message_dict == {"name": ["姓名不能超过50个字（当前51个）。"]}
    assert Person.objects.get(pk=person.pk).name == "张敏"


def test_name_of_fifty_characters_is_accepted(world):
    person = create_person(
        by=world.users["xihuamen_admin"],
        name="林" * 50,
        phone="13912345678",
        home_area=world.areas[XIHUAMEN],
    )
    assert Person.objects.get(pk=person.pk).name == "林" * 50
