from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wulian.funds.money import parse_amount, rmb_upper, wan_yuan, yuan


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("1234.56", "壹仟贰佰叁拾肆元伍角陆分"),
        ("100000", "壹拾万元整"),
        ("1005.00", "壹仟零伍元整"),
        ("0", "零元整"),
        ("0.56", "伍角陆分"),
        ("0.06", "陆分"),
        ("0.50", "伍角整"),
        ("1.06", "壹元零陆分"),
        ("10", "壹拾元整"),
        ("10.50", "壹拾元伍角整"),
        ("1050", "壹仟零伍拾元整"),
        ("1020.30", "壹仟零贰拾元叁角整"),
        ("10010000", "壹仟零壹万元整"),
        ("100001000", "壹亿零壹仟元整"),
        ("110000000", "壹亿壹仟万元整"),
        ("100000001", "壹亿零壹元整"),
        ("105000", "壹拾万伍仟元整"),
        ("100500", "壹拾万零伍佰元整"),
        ("3000000", "叁佰万元整"),
        ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ],
)
def test_rmb_upper_writes_capitals_after_the_payment_rules(amount, text):
    assert rmb_upper(Decimal(amount)) == text


def test_yuan_and_wan_yuan_format_amounts():
    assert yuan(Decimal("1234567.8")) == "1,234,567.80 元"
    assert wan_yuan(Decimal("1234567.8")) == "123.46 万元"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "金额不能为负数。"),
        ("0", "金额必须大于零。"),
        ("abc", "金额“abc”不是有效的数字。"),
        ("1.234", "金额最多保留两位小数（分）。"),
    ],
)
def test_parse_amount_refuses_bad_amounts(value, message):
    with pytest.raises(ValidationError) as exc:
        parse_amount(value)
    assert exc.value.message_dict == {"amount": [message]}


def test_parse_amount_reads_commas():
    assert parse_amount("1,000.5") == Decimal("1000.50")
