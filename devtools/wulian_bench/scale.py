"""``wulian demo --scale chengdu``: a synthetic city on the real Chengdu territory, calibrated to the
case study's table (see docs/figures.md for the proportions).

Speed: facts are written with ``bulk_create`` inside ``counters.suspended()`` and the counters are
then built with ONE ``figures.services.recompute()`` — the one sanctioned exception to "counters
follow every fact change" (services never bulk-load registered facts).

Every fact model of the installed linkages is used; a linkage that is not installed is skipped
and reported.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from wulian.areas.models import Area, Level
from wulian.core import counters
from wulian.core.crypto import blind_index, encrypt_field
from wulian.figures import services
from wulian.orgs.models import Kind, Org, PartyBody
from wulian_bench.scale_facts import CITY_CODE, MARK, FactSteps


@dataclass(frozen=True)
class Plan:
    """Counts at scale 1 (the case study); ``facts`` multiplies every fact count (not orgs, people
    or territory); ``size`` shrinks everything (tests)."""

    streets: int = 136
    communities: int = 797
    units: int = 1600
    units_opening: int = 1050
    part_time_members: int = 3520
    residents: int = 8000
    projects: int = 96000
    facilities: int = 10400
    property_disputes_resolved: int = 1050
    other_cases: int = 450
    lecture_activities: int = 800
    lecture_attendance_each: int = 25
    bookings: int = 30000
    needs: int = 24000
    duties_per_org: int = 5
    meetings_per_street: int = 12
    deliveries_per_agreement: int = 6
    departments: int = 22  # fund-source departments (the demo's six and more of the city's)
    guarantee_per_community: int = 10_000_000  # yuan, 保障资金
    incentive_per_community: int = 2_800_000  # yuan, 激励资金

    def scaled(self, *, size: float = 1.0, facts: float = 1.0) -> Plan:
        def n(v: int, f: float) -> int:
            return max(1, int(round(v * f)))

        base = {k: n(v, size) for k, v in self.__dict__.items()}
        for k in ("departments", "guarantee_per_community", "incentive_per_community"):
            base[k] = getattr(self, k)
        for k in (
            "projects",
            "facilities",
            "property_disputes_resolved",
            "other_cases",
            "lecture_activities",
            "bookings",
            "needs",
        ):
            base[k] = n(base[k], facts)
        for k in ("duties_per_org", "meetings_per_street", "deliveries_per_agreement"):
            base[k] = n(getattr(self, k), facts)
        base["lecture_attendance_each"] = self.lecture_attendance_each
        base["units_opening"] = min(base["units_opening"], base["units"])
        return Plan(**base)


def _say(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def already_generated() -> bool:
    return Org.objects.filter(name__startswith=f"{MARK}单位").exists()


def pick_territory(plan: Plan) -> tuple[list[Area], list[Area]]:
    """``plan.streets`` urban streets (街道) of Chengdu: every street of the functional areas
    (天府新区, 高新区), then the others taken round-robin over the districts by code, so that every
    district and both functional areas take part (the case's 22 区(市)县); and ``plan.communities``
    urban communities under them, taken round-robin so every street has some."""
    from wulian.areas.models import FunctionalArea

    urban = list(
        Area.objects.filter(
            level=Level.STREET, is_urban=True, path__startswith=f"{CITY_CODE}/"
        ).order_by("code")
    )
    functional = set(
        FunctionalArea.objects.filter(city__code=CITY_CODE).values_list("streets", flat=True)
    )
    streets = [s for s in urban if s.pk in functional][: plan.streets]
    by_district: dict[int, list[Area]] = {}
    for s in urban:
        if s.pk not in functional:
            by_district.setdefault(s.parent_id, []).append(s)
    depth = 0
    while len(streets) < plan.streets and any(len(v) > depth for v in by_district.values()):
        for district in sorted(by_district):
            if len(streets) < plan.streets and len(by_district[district]) > depth:
                streets.append(by_district[district][depth])
        depth += 1
    streets.sort(key=lambda s: s.code)
    by_street: dict[int, list[Area]] = {s.pk: [] for s in streets}
    for c in Area.objects.filter(level=Level.COMMUNITY, is_urban=True, parent__in=streets).order_by(
        "code"
    ):
        by_street[c.parent_id].append(c)
    picked: list[Area] = []
    depth = 0
    while len(picked) < plan.communities and any(len(v) > depth for v in by_street.values()):
        for s in streets:
            if len(picked) >= plan.communities:
                break
            if len(by_street[s.pk]) > depth:
                picked.append(by_street[s.pk][depth])
        depth += 1
    return streets, picked


def generate_chengdu(
    stdout=None,
    *,
    size: float = 1.0,
    facts: float = 1.0,
    seed: int = 2026,
    plan: Plan | None = None,
) -> dict[str, Any]:
    """Generate the synthetic city (once) and rebuild the counters; returns what was made."""
    if already_generated():
        _say(stdout, "scale data already generated; nothing to do.")
        return {}
    plan = (plan or Plan()).scaled(size=size, facts=facts)
    rng = random.Random(seed)
    started = time.monotonic()
    made: dict[str, Any] = {}
    with counters.suspended(), transaction.atomic():
        gen = _Generator(plan, rng, stdout, made)
        gen.run()
    _say(stdout, f"rebuilding counters ... ({time.monotonic() - started:.1f}s so far)")
    made["counters"] = services.recompute()
    _say(stdout, f"counters: {made['counters']} rows.")
    analyze()
    _say(stdout, f"ANALYZE done. done in {time.monotonic() - started:.1f}s.")
    return made


def analyze() -> None:
    """Refresh the planner's statistics after the bulk load (SQLite and PostgreSQL alike), so the
    first requests do not plan against the empty tables the migrations left."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


class _Generator(FactSteps):
    def __init__(self, plan: Plan, rng: random.Random, stdout, made: dict[str, Any]):
        self.plan, self.rng, self.stdout, self.made = plan, rng, stdout, made
        self.now = timezone.now()
        self.start_day = dt.date(2025, 1, 1)
        self.days = max(1, (timezone.localdate() - self.start_day).days)

    # -------------------------------------------------------------------- helpers
    def day(self) -> dt.date:
        return self.start_day + dt.timedelta(days=self.rng.randrange(self.days))

    def moment(self) -> dt.datetime:
        d = self.day()
        return dt.datetime(
            d.year,
            d.month,
            d.day,
            self.rng.randrange(8, 20),
            self.rng.randrange(60),
            tzinfo=timezone.get_current_timezone(),
        )

    def count(self, key: str, n: int) -> None:
        self.made[key] = self.made.get(key, 0) + n
        _say(self.stdout, f"  {key:28s} {n:>9,}")

    def bulk(self, model, rows: list, key: str | None = None):
        created = model.objects.bulk_create(rows, batch_size=2000)
        if key:
            self.count(key, len(created))
        return created

    # -------------------------------------------------------------------- run
    def run(self) -> None:
        p = self.plan
        self.streets, self.communities = pick_territory(p)
        self.count("streets (街道)", len(self.streets))
        self.count("communities (社区)", len(self.communities))
        self.city = Area.objects.get(code=CITY_CODE)
        self._district_units()
        self.leaders = self._leading_orgs()
        self.units = self._units()
        self.members, self.residents = self._people()
        for app, step in [
            ("alliances", self._alliances),
            ("resources", self._resources),
            ("funds", self._funds),
            ("cases", self._cases),
            ("needs", self._needs),
            ("agreements", self._agreements),
            ("meetings", self._meetings),
            ("duties", self._duties),
            ("evaluations", self._evaluation),
        ]:
            if apps.is_installed(f"wulian.{app}"):
                step()
            else:
                self.made.setdefault("skipped", []).append(app)
                _say(self.stdout, f"  ({app} is not installed: skipped)")

    def _district_units(self) -> None:
        """区(市)县 taking part: the districts of the picked streets and the functional areas
        that hold some of them (22 = 20 + 天府新区 + 高新区)."""
        from wulian.areas.models import FunctionalArea

        picked = {s.pk for s in self.streets}
        districts = {s.parent_id for s in self.streets}
        functional = {
            fa
            for fa, street in FunctionalArea.objects.filter(city=self.city).values_list(
                "pk", "streets"
            )
            if street in picked
        }
        self.count("districts (区(市)县)", len(districts))
        self.count("functional areas (功能区)", len(functional))
        self.count("区(市)县 in the evaluation", len(districts) + len(functional))

    def _leading_orgs(self) -> dict[int, Org]:
        areas = self.streets + self.communities
        existing = {o.leads_id: o for o in Org.objects.filter(leads__in=areas)}
        rows = []
        for a in areas:
            if a.pk in existing:
                continue
            body = (
                PartyBody.COMMITTEE
                if a.level == Level.STREET
                else self.rng.choice(
                    [PartyBody.COMMITTEE, PartyBody.GENERAL_BRANCH, PartyBody.BRANCH]
                )
            )
            suffix = "街道工作委员会" if a.level == Level.STREET else "社区党组织"
            rows.append(
                Org(name=f"{a.name}{suffix}", kind=Kind.PARTY_ORG, area=a, leads=a, party_body=body)
            )
        self.bulk(Org, rows, "party orgs leading areas")
        return {o.leads_id: o for o in Org.objects.filter(leads__in=areas)}

    def _units(self) -> list[Org]:
        kinds = [
            Kind.AGENCY,
            Kind.PUBLIC_INSTITUTION,
            Kind.STATE_FIRM,
            Kind.PRIVATE_FIRM,
            Kind.NEW_ECONOMIC,
            Kind.NEW_SOCIAL,
            Kind.PROPERTY_MANAGER,
        ]
        rows = []
        for i in range(self.plan.units):
            community = self.communities[i % len(self.communities)]
            rows.append(
                Org(
                    name=f"{MARK}单位{i + 1:05d}",
                    kind=kinds[i % len(kinds)],
                    area=community,
                    party_body=self.rng.choice(
                        [
                            PartyBody.BRANCH,
                            PartyBody.GENERAL_BRANCH,
                            PartyBody.COMMITTEE,
                            PartyBody.NONE,
                        ]
                    ),
                )
            )
        self.bulk(Org, rows, "resident units (驻区单位)")
        return list(Org.objects.filter(name__startswith=f"{MARK}单位").order_by("name"))

    def _person(self, Person, name: str, i: int, area: Area, member_of: Org | None):
        phone = f"139{i:08d}"
        return Person(
            name=name,
            phone_encrypted=encrypt_field(phone),
            phone_index=blind_index(phone, purpose="phone"),
            phone_masked=f"{phone[:3]}****{phone[-4:]}",
            home_area=area,
            is_party_member=member_of is not None,
            party_org=member_of,
        )

    def _people(self):
        from wulian.people.models import Person

        rows = []
        for i in range(self.plan.part_time_members):
            unit = self.units[i % len(self.units)]
            rows.append(self._person(Person, f"{MARK}兼职委员{i + 1:05d}", i, unit.area, unit))
        rows.extend(
            self._person(
                Person,
                f"{MARK}居民{i + 1:05d}",
                50_000_000 + i,
                self.communities[i % len(self.communities)],
                None,
            )
            for i in range(self.plan.residents)
        )
        self.bulk(Person, rows, "people")
        people = list(Person.objects.filter(name__startswith=MARK).order_by("name"))
        members = [x for x in people if x.is_party_member]
        residents = [x for x in people if not x.is_party_member]
        return members, residents
