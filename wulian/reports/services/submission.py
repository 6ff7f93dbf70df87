"""A resident's report: its place checked (coordinates inside Chengdu, the community found),
submitted from the phone page or Open311, and the reporter's answer to a question."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require
from wulian.areas.models import Area, Level
from wulian.audit.services import record, snapshot
from wulian.core.images import reencode_photo
from wulian.core.text import strip_controls
from wulian.notifications.services import notify
from wulian.reports import rules
from wulian.reports.models import Answer, Category, Channel, EventKind, Report, ReportPhoto, Status
from wulian.reports.services._common import _event, _staff_of, community_of


def parse_coordinate(value: object, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {field: _("坐标“%(v)s”不是数字。") % {"v": str(value)[:30]}}
        ) from None
    if not number.is_finite() or abs(number) > 1000:
        raise ValidationError({field: _("坐标“%(v)s”不是有效的经纬度。") % {"v": str(value)[:30]}})
    return number.quantize(Decimal("0.000001"))


def check_in_chengdu(lat: Decimal | None, long: Decimal | None) -> None:
    """Both coordinates or neither; and inside Chengdu's bounding box (WGS-84)."""
    if (lat is None) != (long is None):
        raise ValidationError({"lat" if lat is None else "long": _("定位需同时提供纬度和经度。")})
    if lat is None or long is None:
        return
    south, west, north, east = settings.WULIAN_REPORT_BBOX
    if not (
        Decimal(str(south)) <= lat <= Decimal(str(north))
        and Decimal(str(west)) <= long <= Decimal(str(east))
    ):
        raise ValidationError(
            {
                "lat": _(
                    "定位（纬度%(lat)s，经度%(long)s）不在成都市范围内，请在地图上确认位置或选择网格。"
                )
                % {"lat": lat, "long": long}
            }
        )


def _city() -> Area | None:
    return Area.objects.filter(level=Level.CITY).order_by("code").first()


def submit_report(
    *,
    by: User | None,
    category: str,
    description: str,
    photos: Sequence = (),
    area: Area | None = None,
    lat: object = None,
    long: object = None,
    address: str = "",
    channel: str = Channel.PAGE,
) -> Report:
    """A resident reports a problem: a category, what they saw, up to three photos and where —
    a grid (or the community) picked from a list, or the phone's coordinates inside Chengdu.
    Nothing is written unless everything is valid."""
    require(by, "report.submit")
    person = getattr(by, "person", None) if by is not None else None
    errors: dict[str, list[str]] = {}
    if category not in Category.values:
        errors["category"] = [
            _("请选择问题类别（%(c)s 不是可选类别）。") % {"c": str(category)[:30]}
        ]
    description = strip_controls(description or "").strip()
    if not description:
        errors["description"] = [_("请描述您看到的问题。")]
    elif len(description) > 2000:
        errors["description"] = [_("问题描述不能超过2000字。")]
    address = strip_controls(address or "").strip()[:200]
    if errors:
        raise ValidationError(errors)
    lat, long = parse_coordinate(lat, "lat"), parse_coordinate(long, "long")
    check_in_chengdu(lat, long)
    if area is not None:
        if area.level not in (Level.COMMUNITY, Level.GRID):
            raise ValidationError(
                {
                    "area": _("请选择社区或网格（%(a)s 是%(l)s）。")
                    % {"a": area.name, "l": area.get_level_display()}
                }
            )
    elif lat is not None:
        area = (
            community_of(person.home_area) if person is not None and person.home_area_id else None
        )
        area = area or _city()
    if area is None:
        raise ValidationError({"area": _("请选择所在网格，或使用手机定位。")})
    if len(photos) > settings.WULIAN_REPORT_MAX_PHOTOS:
        raise ValidationError(
            {"photos": _("最多上传%(n)d张照片。") % {"n": settings.WULIAN_REPORT_MAX_PHOTOS}}
        )
    clean = [
        reencode_photo(
            p,
            field="photos",
            max_bytes=settings.WULIAN_REPORT_PHOTO_BYTES,
            max_pixels=settings.WULIAN_REPORT_PHOTO_PIXELS,
        )
        for p in photos
    ]
    with transaction.atomic():
        report = Report.objects.create(
            category=category,
            description=description,
            area=area,
            lat=lat,
            long=long,
            address=address,
            reporter=person,
            submitted_by=by,
            channel=channel,
        )
        for position, content in enumerate(clean, start=1):
            photo = ReportPhoto(report=report, position=position)
            photo.image.save(f"{report.pk}-{position}.jpg", content, save=True)
        _event(report, EventKind.SUBMITTED, by, text=report.get_channel_display())
        record(
            actor=by,
            action="report.submit",
            obj=report,
            after=snapshot(report, exclude=("description",)),
        )
        notify(
            kind="report.new",
            to=[_staff_of(report)],
            title=_("新的随手拍：%(t)s") % {"t": report.title},
            body=report.get_category_display(),
            url=f"/reports/{report.pk}/",
        )
    return report


def answer_report(*, report: Report, by: User | None, answer: str) -> Report:
    """The reporter's one tap: 已解决 closes the report, 未解决 opens it again and tells the
    community. The same answer twice changes nothing."""
    require(by, "report.follow")
    if not rules.can_answer(by, report):
        raise PermissionDenied("not the reporter")
    if answer not in Answer.values:
        raise ValidationError({"answer": _("请选择“已解决”或“未解决”。")})
    with transaction.atomic():
        current = Report.objects.select_for_update().get(pk=report.pk)
        if current.answer == answer:
            return current
        before = snapshot(current, exclude=("description",))
        status = current.status
        if current.status != Status.DUPLICATE:
            status = Status.CLOSED if answer == Answer.RESOLVED else Status.OPEN
        Report.objects.filter(pk=current.pk).update(
            answer=answer, answered_at=timezone.now(), status=status, updated_at=timezone.now()
        )
        current.refresh_from_db()
        _event(
            current, EventKind.RESOLVED if answer == Answer.RESOLVED else EventKind.UNRESOLVED, by
        )
        record(
            actor=by,
            action="report.answer",
            obj=current,
            before=before,
            after=snapshot(current, exclude=("description",)),
        )
        if answer == Answer.UNRESOLVED:
            notify(
                kind="report.unresolved",
                to=[_staff_of(current)],
                title=_("居民反馈未解决：%(t)s") % {"t": current.title},
                url=f"/reports/{current.pk}/",
            )
    return current
