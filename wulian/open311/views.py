"""Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) over resident reports (随手拍).

- ``GET v2/services.{json,xml}``: the report categories as services (``service_code`` = category).
- ``GET v2/requests.{json,xml}``: public reports, newest first, at most 1000, by default of the
  last 90 days; filters ``service_request_id`` (comma list), ``service_code``, ``start_date``,
  ``end_date`` (ISO 8601), ``status`` (open / closed). No personal data: no reporter, no photo;
  numbers that look like phone or ID numbers in the text are masked; coordinates rounded to
  three decimals (about 100 m).
- ``POST v2/requests.{json,xml}``: creates a report through ``reports.services.submit_report``.
  It needs ``api_key``: a wulian API token of a resident's or party member's account (made on
  their account page); the report is that account's person's. The contact fields of the spec
  (email, first_name, last_name, phone, device_id, account_id) and ``media_url`` are not kept.
  Location: ``lat`` + ``long`` (inside Chengdu), or ``address_id`` (a community or grid code),
  or ``address_string`` (then placed in the account's home community).
- ``GET v2/requests/{id}.{json,xml}``: one request, as a list of one.

Errors are the spec's list of ``{code, description}`` (``<errors><error>…``), with the HTTP
status of the first: 400 bad or missing parameter (nothing is created), 403 api_key, 404
unknown request or jurisdiction, 429 over the per-address rate.
"""

from __future__ import annotations

import datetime as dt
import json
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from wulian.accounts.rules import has_action
from wulian.accounts.services import authenticate_token
from wulian.accounts.throttling import throttle_public
from wulian.areas.models import Area, Level
from wulian.core.bounds import DATE_MAX, DATE_MIN, ID_MAX, date_in_range
from wulian.core.channels import using
from wulian.core.text import visible_controls
from wulian.reports import selectors
from wulian.reports import services as report_services
from wulian.reports.models import Category, Channel, Report, Status

MAX_REQUESTS = 1000
DEFAULT_DAYS = 90


# ----------------------------------------------------------------------------------- output


def _text(value) -> str:
    return visible_controls(str(value))


def _render(fmt: str, root: str, item: str, rows: list[dict], status: int = 200) -> HttpResponse:
    if fmt == "json":
        clean = [
            {k: (_text(v) if isinstance(v, str) else v) for k, v in row.items()} for row in rows
        ]
        return HttpResponse(
            json.dumps(clean, ensure_ascii=False),
            status=status,
            content_type="application/json; charset=utf-8",
        )
    top = ElementTree.Element(root)
    for row in rows:
        element = ElementTree.SubElement(top, item)
        for key, value in row.items():
            child = ElementTree.SubElement(element, key)
            if value is not None:
                child.text = (
                    ("true" if value else "false") if isinstance(value, bool) else _text(value)
                )
    body = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(
        top, encoding="utf-8", xml_declaration=False
    )
    return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")


def _errors(fmt: str, status: int, *descriptions: str) -> HttpResponse:
    return _render(
        fmt, "errors", "error", [{"code": status, "description": d} for d in descriptions], status
    )


def _throttled(request, seconds: int) -> HttpResponse:
    fmt = "xml" if request.path.endswith(".xml") else "json"
    return _errors(fmt, 429, _("请求过于频繁，请%(s)d秒后再试。") % {"s": seconds})


def _iso(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _coordinate(value) -> float | None:
    return None if value is None else float(round(value, 3))


def serialize(report: Report) -> dict:
    """One report as GeoReport v2 shows a service request, without personal data."""
    return {
        "service_request_id": str(report.pk),
        "status": selectors.OPEN311_STATUS[report.status],
        "status_notes": selectors.status_notes(report),
        "service_name": report.get_category_display(),
        "service_code": report.category,
        "description": selectors.redact(report.description),
        "agency_responsible": report.routed_to.name if report.routed_to_id else "",
        "service_notice": "",
        "requested_datetime": _iso(report.created_at),
        "updated_datetime": _iso(report.updated_at),
        "expected_datetime": None,
        "address": "".join(filter(None, [report.area.name, selectors.redact(report.address)])),
        "address_id": report.area.code,
        "zipcode": None,
        "lat": _coordinate(report.lat),
        "long": _coordinate(report.long),
        "media_url": None,
    }


def _check_jurisdiction(request, fmt: str) -> HttpResponse | None:
    given = (
        request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id") or ""
    ).strip()
    if given and given != settings.WULIAN_OPEN311_JURISDICTION:
        return _errors(
            fmt,
            404,
            _("jurisdiction_id “%(j)s” 不存在（本平台为 “%(ours)s”）。")
            % {"j": given[:50], "ours": settings.WULIAN_OPEN311_JURISDICTION},
        )
    return None


# ------------------------------------------------------------------------------------ views


@throttle_public(refuse=_throttled)
def services(request, fmt):
    if request.method != "GET":
        return _errors(fmt, 405, _("只支持 GET。"))
    if (refused := _check_jurisdiction(request, fmt)) is not None:
        return refused
    rows = [
        {
            "service_code": c.value,
            "service_name": str(c.label),
            "description": _("随手拍：%(c)s") % {"c": c.label},
            "metadata": False,
            "type": "realtime",
            "keywords": str(c.label),
            "group": _("随手拍"),
        }
        for c in Category
    ]
    return _render(fmt, "services", "service", rows)


@csrf_exempt
@throttle_public(refuse=_throttled)
def requests(request, fmt):
    if (refused := _check_jurisdiction(request, fmt)) is not None:
        return refused
    if request.method == "POST":
        return _create(request, fmt)
    if request.method != "GET":
        return _errors(fmt, 405, _("只支持 GET 和 POST。"))
    return _list(request, fmt)


def _parse_date(request, name: str) -> dt.datetime | None:
    raw = (request.GET.get(name) or "").strip()
    if not raw:
        return None
    bad = _("%(n)s “%(v)s” 不是 ISO 8601 时间（如 2026-05-24T00:00:00+08:00）。") % {
        "n": name,
        "v": raw[:40],
    }
    try:
        value = parse_datetime(raw.replace(" ", "+"))
    except (ValueError, OverflowError):  # a month 13, 30 February, an offset of 99 hours
        raise ValidationError(bad) from None
    if value is None:
        raise ValidationError(bad)
    if not date_in_range(value.date()):
        raise ValidationError(
            _("%(n)s “%(v)s” 应在%(a)s至%(b)s之间。")
            % {"n": name, "v": raw[:40], "a": DATE_MIN, "b": DATE_MAX}
        )
    try:
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    except (ValueError, OverflowError):
        raise ValidationError(bad) from None


def _by_ids(qs, raw: str):
    """The requests named in ``service_request_id`` (a comma-separated list), or an error."""
    wanted = [part.strip() for part in raw.split(",") if part.strip()]
    if not all(part.isascii() and part.isdecimal() and 1 <= int(part) <= ID_MAX for part in wanted):
        raise ValidationError(
            _("service_request_id 应为以逗号分隔的编号（1至%(max)d）。") % {"max": ID_MAX}
        )
    return qs.filter(pk__in=[int(p) for p in wanted[:MAX_REQUESTS]])


def _filter_code(qs, code: str):
    if not code:
        return qs
    if code not in Category.values:
        raise ValidationError(
            _("service_code “%(c)s” 不存在，可选：%(all)s。")
            % {"c": code[:40], "all": ", ".join(Category.values)}
        )
    return qs.filter(category=code)


_STATUSES = {"open": [Status.OPEN, Status.HANDLED], "closed": [Status.CLOSED, Status.DUPLICATE]}


def _filter_status(qs, status: str):
    if not status:
        return qs
    chosen = [s for part in status.split(",") for s in _STATUSES.get(part.strip(), [None])]
    if None in chosen:
        raise ValidationError(_("status 只能是 open 或 closed。"))
    return qs.filter(status__in=chosen)


def _filter_dates(qs, start, end):
    if start is None and end is None:
        start = timezone.now() - dt.timedelta(days=DEFAULT_DAYS)
    if start is not None:
        qs = qs.filter(created_at__gte=start)
    if end is not None:
        qs = qs.filter(created_at__lte=end)
    return qs


def _list(request, fmt) -> HttpResponse:
    qs = selectors.public_reports()
    ids = (request.GET.get("service_request_id") or "").strip()
    try:
        if ids:
            return _render(
                fmt, "service_requests", "request", [serialize(r) for r in _by_ids(qs, ids)]
            )
        start, end = _parse_date(request, "start_date"), _parse_date(request, "end_date")
        qs = _filter_code(qs, (request.GET.get("service_code") or "").strip())
        qs = _filter_status(qs, (request.GET.get("status") or "").strip())
    except ValidationError as exc:
        return _errors(fmt, 400, *exc.messages)
    qs = _filter_dates(qs, start, end)
    return _render(fmt, "service_requests", "request", [serialize(r) for r in qs[:MAX_REQUESTS]])


def _request_problems(data) -> tuple[list, Area | None]:
    """What is wrong with a posted service request's parameters, and the area named by
    ``address_id`` (checked before the api_key: a bad request creates nothing)."""
    problems = []
    code = (data.get("service_code") or "").strip()
    if not code:
        problems.append(_("缺少 service_code。"))
    elif code not in Category.values:
        problems.append(
            _("service_code “%(c)s” 不存在，可选：%(all)s。")
            % {"c": code[:40], "all": ", ".join(Category.values)}
        )
    lat, long = (data.get("lat") or "").strip(), (data.get("long") or "").strip()
    address_id, address_string = (
        (data.get("address_id") or "").strip(),
        (data.get("address_string") or "").strip(),
    )
    if not ((lat and long) or address_id or address_string):
        problems.append(_("缺少位置：请提供 lat 和 long，或 address_string，或 address_id。"))
    area = None
    if address_id:
        area = Area.objects.filter(code=address_id, level__in=[Level.COMMUNITY, Level.GRID]).first()
        if area is None:
            problems.append(
                _("address_id “%(a)s” 不是本市的社区或网格代码。") % {"a": address_id[:30]}
            )
    if not (data.get("description") or "").strip():
        problems.append(_("缺少 description（问题描述）。"))
    return problems, area


def _home_community(user):
    person = getattr(user, "person", None)
    if person is None or not person.home_area_id:
        return None
    return report_services.community_of(person.home_area)


def _create(request, fmt) -> HttpResponse:
    """POST a service request: parameters first (400, nothing created), then the api_key (403)."""
    data = request.POST
    problems, area = _request_problems(data)
    if problems:
        return _errors(fmt, 400, *problems)
    user = authenticate_token((data.get("api_key") or request.GET.get("api_key") or "").strip())
    if user is None or not has_action(user, "report.submit"):
        return _errors(
            fmt, 403, _("api_key 无效：请使用居民或党员账号在“我的账号”中生成的接口令牌。")
        )
    lat, long = (data.get("lat") or "").strip(), (data.get("long") or "").strip()
    if area is None and not (lat and long):
        area = _home_community(user)
        if area is None:
            return _errors(
                fmt, 400, _("仅凭 address_string 无法确定位置：请提供 lat 和 long，或 address_id。")
            )
    try:
        with using("api"):
            report = report_services.submit_report(
                by=user,
                category=data.get("service_code").strip(),
                description=data.get("description") or "",
                area=area,
                lat=lat or None,
                long=long or None,
                address=(data.get("address_string") or "").strip(),
                channel=Channel.OPEN311,
            )
    except ValidationError as exc:
        return _errors(fmt, 400, *exc.messages)
    except PermissionDenied:
        return _errors(fmt, 403, _("该账号不能提交随手拍。"))
    notice = _("已受理，社区会尽快处理。")
    return _render(
        fmt,
        "service_requests",
        "request",
        [{"service_request_id": str(report.pk), "service_notice": notice, "account_id": None}],
    )


@throttle_public(refuse=_throttled)
def request_detail(request, fmt, pk):
    if request.method != "GET":
        return _errors(fmt, 405, _("只支持 GET。"))
    if (refused := _check_jurisdiction(request, fmt)) is not None:
        return refused
    report = selectors.public_reports().filter(pk=pk).first()
    if report is None:
        return _errors(fmt, 404, _("服务请求 %(n)d 不存在。") % {"n": pk})
    return _render(fmt, "service_requests", "request", [serialize(report)])
