"""The city's figures straight from the fact tables: the raw SQL aggregate that ``wulian bench
figures`` times against the dashboard's figures endpoint (and checks, figure by figure, against
its answer).

The definitions are the counters' (each app's ``figures.py``, counted by ``wulian/core/counters``),
written here as grouped SQL aggregates, one per fact table and area path, per district of the city
(the endpoint's children; their sum is the city's). One function per app below, run only when the
app is installed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.apps import apps
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Substr, TruncDate
from django.utils import timezone

CITY = "510100000000"


class Figures:
    """``{counter key: {district path prefix: value}}`` under construction for one city."""

    def __init__(self, city) -> None:
        self.city = city
        self.length = len(city.path) + 13  # the district's path prefix
        self.out: dict[str, dict[str, int]] = {}

    def grouped(self, qs, area_field: str, *by: str, prefix: str = "", **aggregates) -> None:
        """Add ``aggregates`` (key → aggregate) per district, and per value of ``by`` (then the
        key is ``prefix`` + the value, e.g. ``orgs.kind.agency``)."""
        rows = (
            qs.filter(**{f"{area_field}__path__startswith": self.city.path})
            .annotate(district_prefix=Substr(f"{area_field}__path", 1, self.length))
            .values("district_prefix", *by)
            .annotate(**aggregates)
        )
        for r in rows:
            for key in aggregates:
                name = prefix + str(r[by[0]]) if by else key
                cell = self.out.setdefault(name, {})
                cell[r["district_prefix"]] = cell.get(r["district_prefix"], 0) + int(r[key] or 0)

    def add_up(self, key: str, parts: list[str]) -> None:
        total: dict[str, int] = {}
        for part in parts:
            for district, value in self.out.get(part, {}).items():
                total[district] = total.get(district, 0) + value
        self.out[key] = total

    def starting(self, prefix: str) -> list[str]:
        return [k for k in self.out if k.startswith(prefix)]


def _local_date(field: str) -> TruncDate:
    return TruncDate(field, tzinfo=timezone.get_current_timezone())


def _orgs(f: Figures) -> None:
    from wulian.orgs.models import UNIT_KINDS, Org, PartyBody

    orgs = Org.objects.all()  # one scan per grouping; the totals are sums of the groups
    f.grouped(orgs, "area", "kind", prefix="orgs.kind.", n=Count("id"))
    f.grouped(
        orgs.exclude(party_body__in=["", PartyBody.NONE]),
        "area",
        "party_body",
        prefix="orgs.body.",
        n=Count("id"),
    )
    f.add_up("orgs.total", f.starting("orgs.kind."))
    f.add_up("orgs.units", [f"orgs.kind.{k}" for k in UNIT_KINDS])
    f.add_up("orgs.party_bodies", f.starting("orgs.body."))


def _people(f: Figures) -> None:
    from wulian.people.models import Person

    f.grouped(
        Person.objects,
        "home_area",
        **{
            "people.total": Count("id"),
            "people.party_members": Count("id", filter=Q(is_party_member=True)),
        },
    )


def _needs(f: Figures) -> None:
    from wulian.needs.models import HELD_STATES, Need, Rating, State

    f.grouped(Need.objects, "area", "state", prefix="needs.state.", n=Count("id"))
    f.add_up("needs.posted", f.starting("needs.state."))
    f.add_up("needs.claimed", [f"needs.state.{s}" for s in HELD_STATES])
    f.add_up("needs.served", [f"needs.state.{State.CONFIRMED}"])
    f.grouped(
        Rating.objects,
        "need__area",
        **{"needs.ratings": Count("id"), "needs.rating_sum": Sum("score")},
    )


def _resources(f: Figures) -> None:
    from wulian.resources.models import Booking, BookingStatus, Resource

    f.grouped(
        Resource.objects,
        "area",
        **{"resources.total": Count("id"), "resources.opened": Count("id", filter=Q(is_open=True))},
    )
    counted = [
        BookingStatus.PENDING,
        BookingStatus.APPROVED,
        BookingStatus.CHECKED_IN,
        BookingStatus.NO_SHOW,
    ]
    f.grouped(
        Booking.objects,
        "resource__area",
        **{
            "resources.bookings": Count("id", filter=Q(status__in=counted)),
            "resources.checked_in": Count("id", filter=Q(status=BookingStatus.CHECKED_IN)),
        },
    )


def _agreements(f: Figures) -> None:
    from wulian.agreements.models import Agreement, AgreementStatus, Delivery, DeliveryStatus

    f.grouped(
        Agreement.objects,
        "area",
        **{
            "agreements.signed": Count(
                "id", filter=Q(status__in=[AgreementStatus.IN_FORCE, AgreementStatus.ENDED])
            ),
            "agreements.in_force": Count("id", filter=Q(status=AgreementStatus.IN_FORCE)),
        },
    )
    f.grouped(
        Delivery.objects.filter(status=DeliveryStatus.CONFIRMED),
        "item__agreement__area",
        **{"agreements.fulfilled": Count("id"), "agreements.delivered": Sum("count")},
    )


def _meetings(f: Figures) -> None:
    from wulian.meetings.models import ActionItem, ActionStatus, Attendance, JointMeeting

    f.grouped(
        JointMeeting.objects,
        "area",
        **{
            "meetings.total": Count("id", filter=~Q(status="cancelled")),
            "meetings.held": Count("id", filter=Q(status="closed")),
        },
    )
    f.grouped(Attendance.objects, "meeting__area", **{"meetings.attendances": Count("id")})
    accepted = Q(status=ActionStatus.ACCEPTED)
    f.grouped(
        ActionItem.objects.annotate(done_day=_local_date("done_at")),
        "decision__meeting__area",
        **{
            "meetings.items": Count("id"),
            "meetings.items_closed": Count("id", filter=accepted),
            "meetings.items_closed_on_time": Count(
                "id", filter=accepted & Q(done_day__lte=F("due_on"))
            ),
        },
    )


def _cases(f: Figures) -> None:
    from wulian.cases.models import Case, Category, Status

    resolved = Q(status=Status.RESOLVED)
    f.grouped(
        Case.objects,
        "area",
        **{
            "cases.total": Count("id"),
            "cases.resolved": Count("id", filter=resolved),
            "cases.property_resolved": Count(
                "id", filter=resolved & Q(category=Category.PROPERTY_MANAGEMENT)
            ),
        },
    )


def _alliances(f: Figures) -> None:
    from wulian.alliances.models import Alliance, AllianceActivity, LedActivity, PartTimeMember

    f.grouped(Alliance.objects, "area", **{"alliances.alliances": Count("id")})
    f.grouped(PartTimeMember.objects, "area", **{"alliances.part_time_members": Count("id")})
    f.grouped(
        LedActivity.objects,
        "member__area",
        **{"activities.led": Count("id"), "activities.lecture_attendances": Sum("attendance")},
    )
    f.grouped(
        AllianceActivity.objects,
        "alliance__area",
        **{"alliances.activities": Count("id"), "alliances.attendance": Sum("attendance")},
    )


def _councils(f: Figures) -> None:
    from wulian.councils.models import Council

    f.grouped(Council.objects, "community", **{"councils.councils": Count("id")})


def _funds(f: Figures) -> None:
    from wulian.funds.models import EntryKind, Facility, LedgerEntry, Project

    f.grouped(Project.objects, "community", "status", prefix="funds.projects.", n=Count("id"))
    f.add_up("funds.projects", f.starting("funds.projects."))
    f.grouped(Facility.objects, "community", **{"funds.facilities": Count("id")})

    def fen(kind):  # amounts in fen, as the counters keep them
        return Sum(F("amount") * 100, filter=Q(kind=kind))

    f.grouped(
        LedgerEntry.objects,
        "fund__area",
        received=fen(EntryKind.RECEIPT),
        corrected=fen(EntryKind.RECEIPT_CORRECTION),
    )
    f.grouped(
        LedgerEntry.objects,
        "allocation__community",
        allocated=fen(EntryKind.ALLOCATION),
        returned=fen(EntryKind.ALLOCATION_RETURN),
        spent=fen(EntryKind.SPENDING),
        spent_back=fen(EntryKind.SPENDING_RETURN),
    )
    for key, plus, minus in [
        ("funds.received_fen", "received", "corrected"),
        ("funds.allocated_fen", "allocated", "returned"),
        ("funds.spent_fen", "spent", "spent_back"),
    ]:
        signed = {d: v - f.out.get(minus, {}).get(d, 0) for d, v in f.out.pop(plus, {}).items()}
        for d, v in f.out.pop(minus, {}).items():
            signed.setdefault(d, -v)
        f.out[key] = signed


def _duties(f: Figures) -> None:
    from wulian.duties.models import Duty, DutyStatus
    from wulian.figures.selectors import months

    done = Q(status=DutyStatus.DONE)
    first_of_month = dt.date.fromisoformat(months(1)[0] + "-01")
    f.grouped(
        Duty.objects,
        "lead_org__area",
        **{
            "duties.total": Count("id"),
            "duties.done": Count("id", filter=done),
            "duties.done_on_time": Count("id", filter=done & Q(done_on__lte=F("due_on"))),
            "duties.done_late": Count("id", filter=done & Q(done_on__gt=F("due_on"))),
            "duties.open": Count("id", filter=~done),
            "duties.overdue": Count("id", filter=~done & Q(due_on__lt=first_of_month)),
        },
    )


def _dispatches(f: Figures) -> None:
    from wulian.dispatches.models import (
        Criticism,
        Rectification,
        RectificationReport,
        RectificationStatus,
    )

    verified = RectificationStatus.VERIFIED
    f.grouped(
        Criticism.objects,
        "org__area",
        **{"dispatches.criticisms": Count("id", filter=Q(published_at__isnull=False))},
    )
    f.grouped(
        Rectification.objects,
        "org__area",
        **{"dispatches.rectified": Count("id", filter=Q(status=verified))},
    )
    f.grouped(
        RectificationReport.objects.annotate(day=_local_date("reported_at")),
        "rectification__org__area",
        **{
            "dispatches.rectified_on_time": Count(
                "id", filter=Q(review=verified, day__lte=F("rectification__deadline"))
            )
        },
    )


def _evaluations(f: Figures) -> None:
    from wulian.evaluations.models import Result, SurveyAnswer

    f.grouped(
        SurveyAnswer.objects,
        "community",
        **{
            "evaluations.answers": Count("id"),
            "evaluations.satisfaction_sum": Sum("satisfaction"),
            "evaluations.satisfied": Count("id", filter=Q(satisfaction__gte=4)),
        },
    )
    f.grouped(
        Result.objects,
        "area",
        **{
            "evaluations.evaluated": Count("id"),
            "evaluations.exemplary": Count("id", filter=Q(exemplary=True)),
        },
    )


#: Each app's part of the aggregate, in the order the figures were written (orgs and people are
#: always installed).
PARTS: list[tuple[str | None, Callable[[Figures], None]]] = [
    (None, _orgs),
    (None, _people),
    ("wulian.needs", _needs),
    ("wulian.resources", _resources),
    ("wulian.agreements", _agreements),
    ("wulian.meetings", _meetings),
    ("wulian.cases", _cases),
    ("wulian.alliances", _alliances),
    ("wulian.councils", _councils),
    ("wulian.funds", _funds),
    ("wulian.duties", _duties),
    ("wulian.dispatches", _dispatches),
    ("wulian.evaluations", _evaluations),
]


def raw_aggregate() -> dict[str, dict[str, int]]:
    """The all-time figures the endpoint serves, straight from the fact tables, per district (the
    endpoint's children; their sum is the city's): ``{counter key: {district path: value}}``.
    All but the needs' response-time sums (``needs.responded``, ``needs.response_minutes``).

    The parent checks the city's sums against the endpoint's answer, so both sides of the ratio
    serve the same figures."""
    from wulian.areas.models import Area

    figures = Figures(Area.objects.get(code=CITY))
    for app, part in PARTS:
        if app is None or apps.is_installed(app):
            part(figures)
    return figures.out


def city_totals(raw: dict[str, dict[str, int]]) -> dict[str, int]:
    return {key: sum(by_district.values()) for key, by_district in raw.items()}
