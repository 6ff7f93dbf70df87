import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from wulian.core.validators import (
    credit_code_check_char,
    id_number_check_char,
    mask_id_number,
    mask_phone,
    validate_credit_code,
    validate_id_number,
    validate_phone,
)


def test_real_credit_code_passes():
    validate_credit_code("91350100M000100Y43")  # a published example code


def test_credit_code_with_wrong_check_character_is_refused_naming_the_right_one():
    body = "91510100MA61234567"[:17]
    good = body + credit_code_check_char(body)
    bad = body + ("0" if good[-1] != "0" else "1")
    validate_credit_code(good)
    with pytest.raises(ValidationError) as exc:
        validate_credit_code(bad)
    assert exc.value.code == "checksum"
    assert f"应为“{good[-1]}”" in exc.value.messages[0]


@pytest.mark.parametrize(("value", "code"), [("123", "length"), ("91350100M000100YI3", "alphabet")])
def test_malformed_credit_codes_say_why(value, code):
    with pytest.raises(ValidationError) as exc:
        validate_credit_code(value)
    assert exc.value.code == code


def test_id_number_checksum():
    body = "51010419800101123"
    validate_id_number(body + id_number_check_char(body))
    wrong = "0" if id_number_check_char(body) != "0" else "1"
    with pytest.raises(ValidationError) as exc:
        validate_id_number(body + wrong)
    assert exc.value.code == "checksum"


@pytest.mark.parametrize("birth", ["19800230", "20991231", "18000101"])
def test_id_number_with_impossible_birth_date_is_refused(birth):
    body = f"510104{birth}123"
    with pytest.raises(ValidationError) as exc:
        validate_id_number(body + id_number_check_char(body), today=dt.date(2026, 11, 26))
    assert exc.value.code == "birth_date"


def test_id_number_with_historical_region_code_is_accepted():
    body = "51210219800101123"  # a region code no longer in use
    validate_id_number(body + id_number_check_char(body))


def test_phone_formats():
    validate_phone("13812341234")
    validate_phone("028-85501234")
    with pytest.raises(ValidationError):
        validate_phone("12345")


def test_masks():
    assert mask_phone("13812341234") == "138****1234"
    assert mask_id_number("510104198001011234") == "510104********1234"
