"""National code checks: GB 32100-2015 credit codes, GB 11643 ID numbers, phones; masking."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# GB 32100-2015: 18 characters from this alphabet (no I, O, Z, S, V).
_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"
_PHONE_RE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}$")


def normalize_credit_code(value: str | None) -> str:
    return (value or "").strip().upper()


def credit_code_check_char(first17: str) -> str:
    total = sum(
        _CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True)
    )
    return _CREDIT_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    code = normalize_credit_code(value)
    if len(code) != 18:
        raise ValidationError(
            _("统一社会信用代码应为18位，当前为%(n)d位。") % {"n": len(code)}, code="length"
        )
    bad = [c for c in code if c not in _CREDIT_ALPHABET]
    if bad:
        raise ValidationError(
            _("统一社会信用代码含有非法字符“%(c)s”。") % {"c": bad[0]}, code="alphabet"
        )
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _("统一社会信用代码校验位错误：第18位应为“%(e)s”，实际为“%(a)s”。")
            % {"e": expected, "a": code[17]},
            code="checksum",
        )


def normalize_id_number(value: str) -> str:
    return (value or "").strip().upper()


def id_number_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def id_number_birth_date(value: str) -> dt.date:
    return dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


def validate_id_number(value: str, *, today: dt.date | None = None) -> None:
    """GB 11643: 17 digits, a real birth date, and the check character. Region codes are not
    checked against a list: they are historical."""
    number = normalize_id_number(value)
    if (
        len(number) != 18
        or not number[:17].isdigit()
        or not (number[17].isdigit() or number[17] == "X")
    ):
        raise ValidationError(_("身份证号应为18位（前17位为数字，末位为数字或X）。"), code="format")
    try:
        birth = id_number_birth_date(number)
    except ValueError:
        raise ValidationError(
            _("身份证号中的出生日期“%(d)s”不是有效日期。") % {"d": number[6:14]}, code="birth_date"
        ) from None
    today = today or timezone.localdate()  # the date in Asia/Shanghai
    if birth > today or birth.year < 1890:
        raise ValidationError(
            _("身份证号中的出生日期“%(d)s”不可能。") % {"d": number[6:14]}, code="birth_date"
        )
    expected = id_number_check_char(number[:17])
    if number[17] != expected:
        raise ValidationError(
            _("身份证号校验位错误：第18位应为“%(e)s”，实际为“%(a)s”。")
            % {"e": expected, "a": number[17]},
            code="checksum",
        )


def normalize_phone(value: str) -> str:
    return re.sub(r"[\s]", "", (value or "")).removeprefix("+86")


def validate_phone(value: str) -> None:
    phone = normalize_phone(value)
    if not (_PHONE_RE.match(phone) or _LANDLINE_RE.match(phone)):
        raise ValidationError(
            _("电话号码“%(p)s”格式不正确：应为11位手机号或带区号的固定电话。") % {"p": value},
            code="phone",
        )


def mask_phone(phone: str) -> str:
    if len(phone) >= 7:
        return phone[:3] + "****" + phone[-4:]
    return "****"


def mask_id_number(number: str) -> str:
    if len(number) == 18:
        return number[:6] + "********" + number[-4:]
    return "****"


def normalize_address(text: str) -> str:
    """An address as compared for households: full-width forms folded (NFKC), spaces removed,
    letters upper-case."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text or "").split()).upper()


def mask_address(address: str) -> str:
    """The street-level part of an address, the door number hidden: "黉门街12号3栋****"."""
    if len(address) <= 4:
        return "****"
    return address[: max(2, len(address) // 2)] + "****"


# Mainland licence plates (GA 36): a province's abbreviation, the issuing office's letter (no I or
# O), then five characters (ordinary plates, the last may be 挂/学/警/港/澳), or six for new-energy
# vehicles: small ones D/F (and the 2021 letters A B C E / G H J K) + a letter or digit + four
# digits, large ones five digits + D/F (or those letters).
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = re.compile(
    rf"^[{_PROVINCES}][A-HJ-NP-Z](?:"
    r"[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳]"
    r"|[A-HJ-K][A-HJ-NP-Z0-9][0-9]{4}"
    r"|[0-9]{5}[A-HJ-K]"
    r")$"
)


def normalize_plate(plate: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKC", plate or "")
    return "".join(ch for ch in text if not ch.isspace() and ch not in "·•.-").upper()


def validate_plate(plate: str) -> None:
    if not _PLATE.match(plate):
        raise ValidationError(
            _(
                "车牌号“%(p)s”格式不对：应为省份简称、字母和5位号码（如 川A12345），新能源车为6位（如 川AD12345）。"
            )
            % {"p": plate}
        )
