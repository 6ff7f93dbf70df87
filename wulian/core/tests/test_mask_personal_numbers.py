"""``mask_personal_numbers``: every way people write a phone, ID number or e-mail address is
masked; dates, counts, amounts and house numbers are left alone."""

import pytest

from wulian.core.text import mask_personal_numbers


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("13800001111", "138****1111"),
        ("+8613880001002", "138****1002"),
        ("+86 138 8000 1002", "138****1002"),
        ("008613880001002", "138****1002"),
        ("0086-138-8000-1002", "138****1002"),
        ("138 8000 1002", "138****1002"),
        ("138-8000-1002", "138****1002"),
        ("510107195808212026", "51****************"),
        ("510107 19580821 2026", "51****************"),
        ("5101 0719 5808 2120 2X", "51****************"),
        ("028 8765 4321", "****"),
        ("028-87654321", "****"),
        ("02887654321", "****"),
        ("电话(028)87654321", "电话****"),
        ("邮箱 wang.jianguo@example.com。", "邮箱 w***@example.com。"),
        (
            "国学巷37号 联系王建国 13800001111 身份证510107195808212026",
            "国学巷37号 联系王建国 138****1111 身份证51****************",
        ),
    ],
)
def test_personal_numbers_are_masked(text, masked):
    assert mask_personal_numbers(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "2026年5月24日共37人，120平方米，3000元",
        "2026-05-24 14:30",
        "国学巷37号3栋2单元",
        "第12345号",
        "",
        "ISO 8601",
    ],
)
def test_other_numbers_are_left_alone(text):
    assert mask_personal_numbers(text) == text
