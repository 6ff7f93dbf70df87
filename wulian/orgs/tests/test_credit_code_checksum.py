"""A credit code with a wrong check character is refused, and the message names the right one."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from wulian.orgs.models import Kind, Org
from wulian.orgs.services import create_org
from wulian.web.demo import XIHUAMEN, credit_code


def test_wrong_check_character_is_refused_naming_the_expected_one(world):
    good = credit_code(4242, prefix="91510100")
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    before = Org.objects.count()
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        create_org(
            by=world.users["xihuamen_admin"],
            name="校验单位",
            kind=Kind.PRIVATE_FIRM,
            area=world.areas[XIHUAMEN],
            credit_code=wrong,
        )
    with translation.override("zh-hans"):
        assert exc.value.message_dict == {
            "credit_code": [
                f"统一社会信用代码校验位错误：第18位应为“{good[17]}”，实际为“{wrong[17]}”。"
            ],
        }
    assert Org.objects.count() == before
    assert not Org.objects.filter(name="校验单位").exists()


def test_right_check_character_is_accepted_and_normalised(world):
    good = credit_code(4242, prefix="91510100")
    org = create_org(
        by=world.users["xihuamen_admin"],
        name="校验单位",
        kind=Kind.PRIVATE_FIRM,
        area=world.areas[XIHUAMEN],
        credit_code=f"  {good.lower()} ",
    )
    assert Org.objects.get(pk=org.pk).credit_code == good
