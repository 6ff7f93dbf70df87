"""Bounded numbers and dates: the one place that says how big an id, an offset, a page, a year
or a date sent by a user may be (issue 16, defect 5).

Every API schema and filter uses these types (``Id``, ``Year``, ``Date``, ``DateTime``) and the
API's lists use ``Pagination``; page views parse their GET filters with ``parse_id``,
``parse_year`` and ``parse_date`` (or the forms' ``min_value`` / ``max_value`` built from the same
constants). Out of range is a 422 naming the field in the API and a clear message on a page, never
a 500 from the database (an id beyond 64 bits) or from Python's calendar (year 10000, a day after
9999-12-31).
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django import forms
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

ID_MAX = 2**63 - 1  # a BIGINT / SQLite INTEGER primary key
YEAR_MIN, YEAR_MAX = 2000, 2100
DATE_MIN, DATE_MAX = dt.date(YEAR_MIN, 1, 1), dt.date(YEAR_MAX, 12, 31)
MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 100
MAX_OFFSET = 1_000_000_000
INT_MAX = 2**31 - 1  # counts, amounts of people, hours…: a 32-bit column at most

RANGE_ERROR = "wulian_range"


def _out_of_range(message: str) -> PydanticCustomError:
    return PydanticCustomError(RANGE_ERROR, "{message}", {"message": message})


def date_in_range(value: dt.date) -> bool:
    return DATE_MIN <= value <= DATE_MAX


def _check_date(value: dt.date) -> dt.date:
    if not date_in_range(value):
        raise _out_of_range(_("日期应在%(a)s至%(b)s之间。") % {"a": DATE_MIN, "b": DATE_MAX})
    return value


def _check_datetime(value: dt.datetime) -> dt.datetime:
    if not date_in_range(value.date()):
        raise _out_of_range(_("时间应在%(a)s至%(b)s之间。") % {"a": DATE_MIN, "b": DATE_MAX})
    return value


#: A primary key or foreign key sent by a client: 1 … 2^63-1 (what the column can hold).
Id = Annotated[int, Field(ge=1, le=ID_MAX)]
#: A calendar year the platform plans or reports on.
Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]
#: Any other whole number sent by a client (a count, a score, points): what a 32-bit column holds.
Int = Annotated[int, Field(ge=-INT_MAX, le=INT_MAX)]
#: A page of a list: ``limit`` and ``offset`` where an endpoint pages by hand.
Limit = Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]
#: A date or datetime sent by a client: 2000-01-01 … 2100-12-31.
Date = Annotated[dt.date, AfterValidator(_check_date)]
DateTime = Annotated[dt.datetime, AfterValidator(_check_datetime)]


def decimal(max_digits: int, decimal_places: int, *, signed: bool = False) -> Any:
    """A decimal sent by a client that fits a ``DecimalField(max_digits, decimal_places)``
    column: beyond it (too big, too many decimals, NaN) is a 422 naming the field, never a 500
    from the database or a value stored that no read can load again."""
    top = Decimal(10) ** (max_digits - decimal_places) - Decimal(1).scaleb(-decimal_places)
    return Annotated[
        Decimal,
        Field(
            ge=-top if signed else 0,
            le=top,
            max_digits=max_digits,
            decimal_places=decimal_places,
            allow_inf_nan=False,
        ),
    ]


#: An amount of money in yuan (funds: ``DecimalField(max_digits=14, decimal_places=2)``).
Money = decimal(14, 2)
#: A fee in yuan (resources: ``DecimalField(max_digits=8, decimal_places=2)``).
Fee = decimal(8, 2)
#: Service hours (needs: ``DecimalField(max_digits=6, decimal_places=1)``); corrections may be negative.
Hours = decimal(6, 1)
SignedHours = decimal(8, 1, signed=True)


class Pagination(LimitOffsetPagination):
    """Every API list: ``limit`` 1…200, ``offset`` 0…10^9; beyond is a 422 naming the parameter."""

    class Input(Schema):
        limit: Limit = DEFAULT_PAGE_SIZE
        offset: Offset = 0

    def __init__(self, **kwargs: Any) -> None:
        kwargs["max_limit"] = MAX_PAGE_SIZE
        super().__init__(**kwargs)


# --- page views: the same bounds for GET filters ----------------------------------------------


def parse_id(value: Any) -> int | None:
    """An id from a query string, or ``None`` when it is empty, not a number or out of range."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= ID_MAX else None


def parse_int(value: Any, *, low: int = 0, high: int = INT_MAX) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def parse_year(value: Any) -> int | None:
    return parse_int(value, low=YEAR_MIN, high=YEAR_MAX)


def parse_date(value: Any) -> dt.date | None:
    try:
        parsed = dt.date.fromisoformat(str(value).strip())
    except (TypeError, ValueError):
        return None
    return parsed if date_in_range(parsed) else None


def range_message(field_label: str) -> str:
    return _("%(f)s超出范围，已忽略。") % {"f": field_label}


# --- forms: every date, datetime and whole number a page accepts ------------------------------


def _date_validator(value: dt.date | dt.datetime) -> None:
    day = value.date() if isinstance(value, dt.datetime) else value
    if not date_in_range(day):
        raise forms.ValidationError(
            _("日期应在%(a)s至%(b)s之间。") % {"a": DATE_MIN, "b": DATE_MAX}, code="out_of_range"
        )


class DateField(forms.DateField):
    """``forms.DateField`` bounded to 2000-01-01 … 2100-12-31."""

    default_validators = [_date_validator]


class DateTimeField(forms.DateTimeField):
    """``forms.DateTimeField`` bounded to 2000-01-01 … 2100-12-31."""

    default_validators = [_date_validator]


class IntegerField(forms.IntegerField):
    """``forms.IntegerField`` bounded to what a 32-bit column holds unless the form says less."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("max_value") is None:
            kwargs["max_value"] = INT_MAX
        if kwargs.get("min_value") is None:
            kwargs["min_value"] = -INT_MAX
        super().__init__(*args, **kwargs)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """``forms.ModelMultipleChoiceField`` that refuses ids beyond the column's range as invalid
    choices before they reach ``pk__in`` (where SQLite raises OverflowError)."""

    def _check_values(self, value: Any) -> Any:
        key = self.to_field_name or "pk"
        if (
            key == "pk"
            and self.queryset is not None
            and self.queryset.model._meta.pk.get_internal_type()
            in ("AutoField", "BigAutoField", "IntegerField", "BigIntegerField")
        ):
            for pk in value:
                if parse_id(pk) is None:
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": pk},
                    )
        return super()._check_values(value)  # type: ignore[misc]  # Django's own, not in the stubs
