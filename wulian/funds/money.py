"""Money as text: 元, 万元, and 人民币大写 for printed documents."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999999.99")  # 14 digits, 2 after the point
DIGITS = "零壹贰叁肆伍陆柒捌玖"
SECTION_UNITS = ["", "万", "亿", "万亿"]


def parse_amount(value, *, field: str = "amount", allow_zero: bool = False) -> Decimal:
    """A positive yuan amount with at most two decimals, or a ValidationError naming the field."""
    if isinstance(value, float):
        value = repr(value)
    try:
        amount = Decimal(str(value).strip().replace(",", "").replace("，", ""))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({field: _("金额“%(v)s”不是有效的数字。") % {"v": value}}) from None
    if not amount.is_finite():
        raise ValidationError({field: _("金额不是有效的数字。")})
    if amount < 0:
        raise ValidationError({field: _("金额不能为负数。")})
    if amount == 0 and not allow_zero:
        raise ValidationError({field: _("金额必须大于零。")})
    if amount != amount.quantize(CENT):
        raise ValidationError({field: _("金额最多保留两位小数（分）。")})
    if amount > MAX_AMOUNT:
        raise ValidationError({field: _("金额过大。")})
    return amount.quantize(CENT)


def yuan(amount) -> str:
    """12345.6 → "12,345.60 元"."""
    return f"{Decimal(amount or 0).quantize(CENT):,} 元"


def wan_yuan(amount) -> str:
    """1234567 → "123.46 万元"."""
    return f"{(Decimal(amount or 0) / 10000).quantize(CENT, ROUND_HALF_UP):,} 万元"


def _section(n: int) -> str:
    """1..9999 in capitals, with inner zeros collapsed: 1005 → 壹仟零伍."""
    out, pending_zero = "", False
    for pos, unit in ((1000, "仟"), (100, "佰"), (10, "拾"), (1, "")):
        digit = n // pos % 10
        if digit == 0:
            pending_zero = pending_zero or bool(out)
            continue
        if pending_zero:
            out += "零"
            pending_zero = False
        out += DIGITS[digit] + unit
    return out


def _integer(n: int) -> str:
    sections = []
    while n:
        n, rest = divmod(n, 10000)
        sections.append(rest)
    out, gap = "", False
    for i in reversed(range(len(sections))):
        part = sections[i]
        if part == 0:
            gap = True
            continue
        if out and (gap or part < 1000):
            out += "零"
        out += _section(part) + SECTION_UNITS[i]
        gap = False
    return out


def rmb_upper(amount) -> str:
    """人民币大写, after the rules of 《支付结算办法》: 1234.56 → 壹仟贰佰叁拾肆元伍角陆分,
    100000 → 壹拾万元整, 1005 → 壹仟零伍元整, 1.06 → 壹元零陆分, 0.5 → 伍角整."""
    value = Decimal(amount).quantize(CENT, ROUND_HALF_UP)
    if value < 0:
        return "负" + rmb_upper(-value)
    cents = int(value * 100)
    whole, rest = divmod(cents, 100)
    jiao, fen = divmod(rest, 10)
    if whole == 0 and rest == 0:
        return "零元整"
    out = _integer(whole) + "元" if whole else ""
    if rest == 0:
        return out + "整"
    if jiao:
        out += DIGITS[jiao] + "角"
    elif whole:
        out += "零"
    if fen:
        return out + DIGITS[fen] + "分"
    return out + "整"
