"""The linkages residents meet in their neighbourhood: the streets' alliances, bookable resources,
cases and needs."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from wulian.areas.models import Area
from wulian_bench.scale_facts.marks import MARK


class NeighbourhoodSteps:
    """Alliances, resources, cases and needs (see ``FactSteps`` for the generator they use)."""

    def _alliances(self) -> None:
        from wulian.alliances.models import Alliance, LedActivity, PartTimeMember

        self.bulk(
            Alliance,
            [
                Alliance(name=f"{s.name}区域化党建联盟", lead_org=self.leaders[s.pk], area=s)
                for s in self.streets
            ],
            "alliances (联盟)",
        )
        rows = []
        posts = ["兼职副书记", "兼职委员"]
        for i, person in enumerate(self.members):
            unit = person.party_org
            community = unit.area
            # One in five serves on the street's committee, the rest on the community's.
            area = community.parent if i % 5 == 0 else community
            committee = self.leaders.get(area.pk) or self.leaders[community.pk]
            rows.append(
                PartTimeMember(
                    person=person,
                    unit=unit,
                    committee=committee,
                    area=area,
                    post=posts[i % 2],
                    term_start=dt.date(2024, 1, 1),
                    term_end=dt.date(2026, 12, 31),
                )
            )
        members = self.bulk(PartTimeMember, rows, "part-time members (兼职委员)")
        members = list(PartTimeMember.objects.filter(person__name__startswith=MARK))
        acts = [
            LedActivity(
                member=members[i % len(members)],
                title=f"坝坝党课·{MARK}{i + 1}",
                held_on=self.day(),
                place="社区党群服务中心",
                attendance=self.plan.lecture_attendance_each,
            )
            for i in range(self.plan.lecture_activities)
        ]
        self.bulk(LedActivity, acts, "party lectures (党课)")
        self.count("lecture attendances (听课人次)", sum(a.attendance for a in acts))

    def _resources(self) -> None:
        from wulian.resources.models import Booking, BookingStatus, Resource, ResourceKind

        kinds = [k for k, _l in ResourceKind.choices]
        rows = []
        opening = self.units[: self.plan.units_opening]
        for i, unit in enumerate(opening):
            rows.append(
                Resource(
                    org=unit,
                    name=f"{unit.name}活动场地",
                    kind=kinds[i % len(kinds)],
                    area=unit.area,
                    capacity=20 + i % 80,
                    is_open=True,
                    opened_since=self.now,
                )
            )
        self.bulk(Resource, rows, "resources opened (开放资源)")
        self.count("units opening resources", len(opening))
        resources = list(Resource.objects.filter(org__name__startswith=MARK))
        statuses = (
            [BookingStatus.CHECKED_IN] * 6
            + [BookingStatus.APPROVED] * 2
            + [BookingStatus.CANCELLED, BookingStatus.NO_SHOW]
        )
        bookings = []
        # The j-th booking of a resource starts j steps after the first: bookings of one resource
        # never overlap (PostgreSQL refuses overlapping bookings by one person).
        per_resource = -(-self.plan.bookings // len(resources))
        step = dt.timedelta(hours=max(3, self.days * 24 // per_resource))
        first = dt.datetime(
            self.start_day.year,
            self.start_day.month,
            self.start_day.day,
            8,
            0,
            tzinfo=timezone.get_current_timezone(),
        )
        for i in range(self.plan.bookings):
            start = first + (i // len(resources)) * step
            bookings.append(
                Booking(
                    resource=resources[i % len(resources)],
                    person=self.residents[i % len(self.residents)],
                    start=start,
                    end=start + dt.timedelta(hours=2),
                    status=statuses[i % len(statuses)],
                )
            )
        self.bulk(Booking, bookings, "bookings (预约)")

    def _cases(self) -> None:
        from wulian.cases.models import Case, Category, Method, Status

        rows = []
        n = self.plan.property_disputes_resolved
        for i in range(n + self.plan.other_cases):
            c = self.communities[i % len(self.communities)]
            resolved = i < n or i % 3 == 0
            category = (
                Category.PROPERTY_MANAGEMENT
                if i < n
                else self.rng.choice(
                    [
                        Category.NEIGHBOURHOOD,
                        Category.PARKING,
                        Category.SANITATION,
                        Category.PROPERTY_MANAGEMENT,
                    ]
                )
            )
            rows.append(
                Case(
                    area=c,
                    category=category,
                    title=f"{MARK}纠纷{i + 1}",
                    description="—",
                    status=Status.RESOLVED if resolved else Status.OPEN,
                    method=Method.MEDIATION if resolved else "",
                    resolved_on=self.day() if resolved else None,
                    resolution="经调解达成一致" if resolved else "",
                    resolved_by_org=self.leaders[c.pk] if resolved else None,
                )
            )
        self.bulk(Case, rows, "cases (矛盾纠纷)")

    def _needs(self) -> None:
        from wulian.needs.models import Category, Need, State

        cats = [k for k, _l in Category.choices]
        plan = (
            [State.CONFIRMED] * 12
            + [State.DONE] * 2
            + [State.CLAIMED] * 2
            + [State.POSTED] * 3
            + [State.CANCELLED]
        )
        rows = []
        for i in range(self.plan.needs):
            person = self.residents[i % len(self.residents)]
            area = person.home_area
            street = next(s for s in [self._street_of(area)])
            listed = self.moment()
            state = plan[i % len(plan)]
            held = state in (State.CONFIRMED, State.DONE, State.CLAIMED)
            provider = self.units[i % len(self.units)] if held else None
            claimed = (
                listed + dt.timedelta(minutes=30 + self.rng.randrange(60 * 24)) if held else None
            )
            rows.append(
                Need(
                    title=f"{MARK}需求{i + 1}",
                    category=cats[i % len(cats)],
                    description="—",
                    area=area,
                    community=area,
                    street=street,
                    district_id=street.parent_id,
                    posted_by=person,
                    listed_at=listed,
                    state=state,
                    provider_org=provider,
                    claimed_at=claimed,
                    done_at=claimed + dt.timedelta(days=1)
                    if state in (State.DONE, State.CONFIRMED)
                    else None,
                    confirm_due_at=claimed + dt.timedelta(days=8)
                    if state in (State.DONE, State.CONFIRMED)
                    else None,
                    confirmed_at=claimed + dt.timedelta(days=2)
                    if state == State.CONFIRMED
                    else None,
                )
            )
        self.bulk(Need, rows, "needs (需求)")

    def _street_of(self, community: Area) -> Area:
        if not hasattr(self, "_streets_by_id"):
            self._streets_by_id = {s.pk: s for s in self.streets}
        return self._streets_by_id[community.parent_id]
