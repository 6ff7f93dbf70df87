"""Pydantic's validation errors in the user's language: one message for every error type the
API's schemas can raise (``pydantic_core``'s ``ErrorType``), never pydantic's English.

A type not listed here falls back to a generic message naming the field; a check of the
platform's own raises ``PydanticCustomError`` with a type starting ``wulian_`` and its message
already translated (``core.bounds``), which is shown as it is."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_NUMBER = gettext_lazy("应为数字。")
_INTEGER = gettext_lazy("应为整数。")
_BOOLEAN = gettext_lazy("应为 true 或 false。")
_DATE = gettext_lazy("应为日期（YYYY-MM-DD）。")
_DATETIME = gettext_lazy("应为日期时间（YYYY-MM-DDTHH:MM）。")
_TIME = gettext_lazy("应为时间（HH:MM）。")
_OBJECT = gettext_lazy("应为 JSON 对象。")
_LIST = gettext_lazy("应为列表。")
_STRING = gettext_lazy("应为字符串。")
_URL = gettext_lazy("应为有效的网址。")
_UUID = gettext_lazy("应为有效的UUID。")

#: Messages without a parameter, by error type.
TYPE_MESSAGES = {
    "missing": gettext_lazy("必填。"),
    "missing_argument": gettext_lazy("必填。"),
    "missing_keyword_only_argument": gettext_lazy("必填。"),
    "missing_positional_only_argument": gettext_lazy("必填。"),
    "extra_forbidden": gettext_lazy("不能有此字段。"),
    "unexpected_keyword_argument": gettext_lazy("不能有此字段。"),
    "unexpected_positional_argument": gettext_lazy("不能有此字段。"),
    "multiple_argument_values": gettext_lazy("此字段给了多次。"),
    "frozen_field": gettext_lazy("不能修改此字段。"),
    "frozen_instance": gettext_lazy("不能修改此字段。"),
    "none_required": gettext_lazy("应为空（null）。"),
    "json_invalid": gettext_lazy("请求体不是有效的JSON。"),
    "json_type": gettext_lazy("应为 JSON 字符串。"),
    "recursion_loop": gettext_lazy("嵌套过深。"),
    "recursion_depth_exceeded": gettext_lazy("嵌套过深。"),
    "string_type": _STRING,
    "string_unicode": _STRING,
    "string_not_ascii": gettext_lazy("只能含有ASCII字符。"),
    "string_pattern_mismatch": gettext_lazy("格式不正确。"),
    "int_type": _INTEGER,
    "int_parsing": _INTEGER,
    "int_parsing_size": gettext_lazy("数字过大。"),
    "int_from_float": _INTEGER,
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "finite_number": gettext_lazy("应为有限的数字。"),
    "decimal_type": _NUMBER,
    "decimal_parsing": _NUMBER,
    "fraction_type": _NUMBER,
    "fraction_parsing": _NUMBER,
    "complex_type": _NUMBER,
    "complex_str_parsing": _NUMBER,
    "bool_type": _BOOLEAN,
    "bool_parsing": _BOOLEAN,
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "date_past": gettext_lazy("应为过去的日期。"),
    "date_future": gettext_lazy("应为将来的日期。"),
    "datetime_type": _DATETIME,
    "datetime_parsing": _DATETIME,
    "datetime_object_invalid": _DATETIME,
    "datetime_from_date_parsing": _DATETIME,
    "datetime_past": gettext_lazy("应为过去的时间。"),
    "datetime_future": gettext_lazy("应为将来的时间。"),
    "timezone_naive": gettext_lazy("不能带时区。"),
    "timezone_aware": gettext_lazy("应带时区。"),
    "timezone_offset": gettext_lazy("时区不正确。"),
    "time_type": _TIME,
    "time_parsing": _TIME,
    "time_delta_type": gettext_lazy("应为时长（秒数或 ISO 8601 时长）。"),
    "time_delta_parsing": gettext_lazy("应为时长（秒数或 ISO 8601 时长）。"),
    "uuid_type": _UUID,
    "uuid_parsing": _UUID,
    "uuid_version": _UUID,
    "url_type": _URL,
    "url_parsing": _URL,
    "url_syntax_violation": _URL,
    "url_too_long": gettext_lazy("网址过长。"),
    "url_scheme": gettext_lazy("网址的协议不被接受。"),
    "bytes_type": _STRING,
    "bytes_invalid_encoding": gettext_lazy("编码无效。"),
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "dataclass_type": _OBJECT,
    "dataclass_exact_type": _OBJECT,
    "dict_type": _OBJECT,
    "mapping_type": _OBJECT,
    "ordered_dict_type": _OBJECT,
    "frozen_dict_type": _OBJECT,
    "arguments_type": _OBJECT,
    "invalid_key": gettext_lazy("键应为字符串。"),
    "list_type": _LIST,
    "tuple_type": _LIST,
    "set_type": _LIST,
    "frozen_set_type": _LIST,
    "deque_type": _LIST,
    "iterable_type": _LIST,
    "iteration_error": _LIST,
    "set_item_not_hashable": gettext_lazy("列表中的值无效。"),
    "union_tag_invalid": gettext_lazy("类型不正确。"),
    "union_tag_not_found": gettext_lazy("缺少类型。"),
}


def _ctx(err: dict, key: str, default: Any = "") -> Any:
    return (err.get("ctx") or {}).get(key, default)


def _bounds(err: dict, kind: str) -> str | None:
    if kind in ("greater_than_equal", "greater_than"):
        return _("不能小于%(n)s。") % {"n": _ctx(err, "ge", _ctx(err, "gt"))}
    if kind in ("less_than_equal", "less_than"):
        return _("不能大于%(n)s。") % {"n": _ctx(err, "le", _ctx(err, "lt"))}
    if kind == "multiple_of":
        return _("应为%(n)s的倍数。") % {"n": _ctx(err, "multiple_of")}
    if kind in ("string_too_long", "bytes_too_long"):
        return _("不能超过%(n)s个字。") % {"n": _ctx(err, "max_length")}
    if kind in ("string_too_short", "bytes_too_short"):
        return _("不能少于%(n)s个字。") % {"n": _ctx(err, "min_length")}
    if kind == "too_long":
        return _("最多%(n)s项。") % {"n": _ctx(err, "max_length")}
    if kind == "too_short":
        return _("至少%(n)s项。") % {"n": _ctx(err, "min_length")}
    return None


def _digits(err: dict, kind: str) -> str | None:
    if kind == "decimal_max_digits":
        return _("最多%(n)s位数字。") % {"n": _ctx(err, "max_digits")}
    if kind == "decimal_max_places":
        return _("最多%(n)s位小数。") % {"n": _ctx(err, "decimal_places")}
    if kind == "decimal_whole_digits":
        return _("整数部分最多%(n)s位。") % {"n": _ctx(err, "whole_digits")}
    if kind in ("enum", "literal_error"):
        return _("应为以下之一：%(e)s。") % {"e": _ctx(err, "expected")}
    return None


def pydantic_message(err: dict, field: str) -> str:
    """The message of one of pydantic's errors (``ValidationError.errors()``) on ``field``."""
    kind = str(err.get("type", ""))
    if kind.startswith("wulian_"):
        return str(err.get("msg", ""))
    message = _bounds(err, kind) or _digits(err, kind)
    if message is not None:
        return message
    if kind in TYPE_MESSAGES:
        return str(TYPE_MESSAGES[kind])
    return _("“%(f)s”的值无效。") % {"f": field}
