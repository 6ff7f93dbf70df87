"""The holiday table (法定节假日 and 调休 working days): entered, changed, removed, synced from the
official package, and a year confirmed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require
from wulian.audit.services import record, snapshot
from wulian.duties import holidays_cn
from wulian.duties.models import Holiday, HolidaySource, HolidayYear


def _holiday_errors(date: dt.date | None, name: str) -> dict:
    errors: dict[str, list[str]] = {}
    if date is None:
        errors["date"] = [_("请填写日期。")]
    if not (name or "").strip():
        errors["name"] = [_("请填写名称，例如“春节”或“春节调休上班”。")]
    return errors


def create_holiday(
    *, by: User | None, date: dt.date, name: str, is_workday: bool = False
) -> Holiday:
    require(by, "holiday.manage")
    errors = _holiday_errors(date, name)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        try:
            with transaction.atomic():
                holiday = Holiday.objects.create(
                    date=date, name=name.strip()[:30], is_workday=is_workday
                )
        except IntegrityError:
            raise ValidationError({"date": _("%(d)s 已在节假日表中。") % {"d": date}}) from None
        record(actor=by, action="holiday.create", obj=holiday, after=snapshot(holiday))
    return holiday


def update_holiday(
    *, by: User | None, holiday: Holiday, date: dt.date, name: str, is_workday: bool
) -> Holiday:
    require(by, "holiday.manage")
    errors = _holiday_errors(date, name)
    if errors:
        raise ValidationError(errors)
    before = snapshot(holiday)
    holiday.date, holiday.name, holiday.is_workday = date, name.strip()[:30], is_workday
    with transaction.atomic():
        try:
            with transaction.atomic():
                holiday.save()
        except IntegrityError:
            raise ValidationError({"date": _("%(d)s 已在节假日表中。") % {"d": date}}) from None
        record(
            actor=by, action="holiday.update", obj=holiday, before=before, after=snapshot(holiday)
        )
    return holiday


def delete_holiday(*, by: User | None, holiday: Holiday) -> None:
    require(by, "holiday.manage")
    with transaction.atomic():
        record(actor=by, action="holiday.delete", obj=holiday, before=snapshot(holiday))
        holiday.delete()


def sync_official_holidays(
    *, by: User | None = None, years: Iterable[int] | None = None
) -> list[int]:
    """Seed the table from the official package (``holidays_cn``) for every year it covers from
    ``FIRST_YEAR`` on (or the given ``years``) that is not confirmed yet: the year's rows are replaced by the package's
    days and the year is marked confirmed. A confirmed year is never overwritten (its differences
    from the package are shown by ``selectors.official_differences``). Returns the years written."""
    if by is not None:
        require(by, "holiday.manage")
    covered = holidays_cn.covered_years()
    wanted = [
        y
        for y in (years if years is not None else covered)
        if y in covered and y >= holidays_cn.FIRST_YEAR
    ]
    confirmed = set(HolidayYear.objects.filter(year__in=wanted).values_list("year", flat=True))
    written = []
    label = holidays_cn.package_label()
    for year in sorted(set(wanted) - confirmed):
        days = holidays_cn.official_days(year)
        if not days:
            continue
        with transaction.atomic():
            before = list(
                Holiday.objects.filter(date__year=year).values_list("date", "name", "is_workday")
            )
            Holiday.objects.filter(date__year=year).delete()
            Holiday.objects.bulk_create(
                [Holiday(date=d.date, name=d.name[:30], is_workday=d.is_workday) for d in days]
            )
            entry = HolidayYear.objects.create(
                year=year,
                source=HolidaySource.PACKAGE,
                confirmed_by=by,
                note=_("国务院办公厅关于%(y)d年部分节假日安排的通知（%(p)s）")
                % {"y": year, "p": label},
            )
            record(
                actor=by,
                action="holiday.sync",
                obj=entry,
                before={"days": before},
                after={"days": [(d.date, d.name, d.is_workday) for d in days], "source": label},
            )
        written.append(year)
    return written


def confirm_holiday_year(*, by: User | None, year: int, note: str) -> HolidayYear:
    """An admin confirms that the table holds the year's arrangement as the State Council's notice
    gives it (for a year the official package does not cover yet)."""
    require(by, "holiday.manage")
    errors: dict[str, list[str]] = {}
    if not (note or "").strip():
        errors["note"] = [
            _("请填写依据，例如“国务院办公厅关于%(y)d年部分节假日安排的通知”。") % {"y": year}
        ]
    if not Holiday.objects.filter(date__year=year, name__contains="春节").exists():
        errors["year"] = [
            _("%(y)d年的节假日表中还没有春节，请先按国务院通知录入全年安排。") % {"y": year}
        ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        try:
            with transaction.atomic():
                entry = HolidayYear.objects.create(
                    year=year, source=HolidaySource.NOTICE, note=note.strip()[:200], confirmed_by=by
                )
        except IntegrityError:
            raise ValidationError(
                {"year": _("%(y)d年的节假日安排已确认。") % {"y": year}}
            ) from None
        record(actor=by, action="holiday.confirm", obj=entry, after=snapshot(entry))
    return entry
