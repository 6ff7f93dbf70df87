"""The linkages' facts of the case-scale city (``scale.py`` builds the territory, orgs and people;
these steps add alliances, resources, funds, cases, needs, agreements, meetings, duties and an
evaluation round on top, with ``bulk_create`` inside ``counters.suspended()``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from wulian.areas.models import Area
from wulian.orgs.models import Kind, Org, PartyBody

CITY_CODE = "510100000000"
MARK = "规模演示"  # in the names of the generated rows; generation runs once
# More of Chengdu's departments whose money for communities is pooled (beside the demo's six).
DEPARTMENTS = [
    "成都市教育局",
    "成都市体育局",
    "成都市国有资产监督管理委员会",
    "成都市财政局",
    "成都市人力资源和社会保障局",
    "成都市农业农村局",
    "成都市生态环境局",
    "成都市城市管理委员会",
    "成都市交通运输局",
    "成都市水务局",
    "成都市商务局",
    "成都市公安局",
    "成都市司法局",
    "成都市应急管理局",
    "成都市退役军人事务局",
    "成都市医疗保障局",
]


class FactSteps:
    """One method per linkage; mixed into the generator, whose helpers (``bulk``, ``count``,
    ``day``, ``moment``, ``rng``, ``plan``) and territory (``streets``, ``communities``, ``units``,
    ``members``, ``residents``, ``leaders``) they use."""

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

    def _funds(self) -> None:
        from wulian.funds.models import (
            Allocation,
            EntryKind,
            Facility,
            FacilityKind,
            Fund,
            FundKind,
            FundSource,
            LedgerEntry,
            Project,
            ProjectCategory,
            ProjectStatus,
        )

        # 双轨并行: a guarantee and an incentive fund of one year, pooled from the city's departments.
        year = next(
            y
            for y in range(2025, 2000, -1)
            if not Fund.objects.filter(area=self.city, year=y).exists()
        )
        departments = self._departments()
        allocations = []
        for kind, per in (
            (FundKind.GUARANTEE, self.plan.guarantee_per_community),
            (FundKind.INCENTIVE, self.plan.incentive_per_community),
        ):
            fund = Fund.objects.create(
                year=year,
                kind=kind,
                area=self.city,
                name=f"{year}年社区发展治理{FundKind(kind).label}（{MARK}）",
            )
            total = Decimal(per) * len(self.communities)
            share, rest = divmod(total, len(departments))
            sources = [
                FundSource(
                    fund=fund,
                    department=d,
                    amount=share + (rest if i == 0 else 0),
                    received_on=dt.date(year, 1, 15) + dt.timedelta(days=i),
                )
                for i, d in enumerate(departments)
            ]
            self.bulk(FundSource, sources)
            sources = list(FundSource.objects.filter(fund=fund))
            made = self.bulk(
                Allocation,
                [
                    Allocation(
                        fund=fund,
                        community=c,
                        party_org=self.leaders[c.pk],
                        amount=Decimal(per),
                        allocated_on=dt.date(year, 3, 1),
                    )
                    for c in self.communities
                ],
            )
            fund_allocations = list(
                Allocation.objects.filter(fund=fund).select_related("community")
            )
            entries = [
                LedgerEntry(
                    fund=fund,
                    source=src,
                    kind=EntryKind.RECEIPT,
                    amount=src.amount,
                    reason="资金到账",
                )
                for src in sources
            ]
            entries += [
                LedgerEntry(
                    fund=fund,
                    allocation=a,
                    kind=EntryKind.ALLOCATION,
                    amount=a.amount,
                    reason="拨付社区",
                )
                for a in fund_allocations
            ]
            self.bulk(LedgerEntry, entries)
            self.count(f"allocations (拨付, {FundKind(kind).label})", len(made))
            allocations += fund_allocations
        self.count("fund sources (资金来源部门)", len(departments))
        self.count(
            "money received (万元)",
            int(
                sum(
                    Decimal(p)
                    for p in (self.plan.guarantee_per_community, self.plan.incentive_per_community)
                )
                * len(self.communities)
                / 10_000
            ),
        )
        fund_ids = {a.fund_id for a in allocations}
        categories = [k for k, _l in ProjectCategory.choices]
        statuses = (
            [ProjectStatus.ACCEPTED] * 5
            + [ProjectStatus.IN_PROGRESS] * 3
            + [ProjectStatus.APPROVED, ProjectStatus.PLANNED]
        )
        rows = []
        for i in range(self.plan.projects):
            a = allocations[i % len(allocations)]
            rows.append(
                Project(
                    allocation=a,
                    community=a.community,
                    name=f"{MARK}惠民项目{i + 1}",
                    category=categories[i % len(categories)],
                    budget=Decimal(1000 + (i % 50) * 100),
                    status=statuses[i % len(statuses)],
                    beneficiaries=20 + i % 200,
                )
            )
        self.bulk(Project, rows, "projects (项目)")
        projects = list(
            Project.objects.filter(allocation__fund__in=fund_ids)
            .only("pk", "community_id")
            .order_by("pk")[: self.plan.facilities]
        )
        kinds = [k for k, _l in FacilityKind.choices]
        self.bulk(
            Facility,
            [
                Facility(
                    project=pr,
                    community_id=pr.community_id,
                    kind=kinds[i % len(kinds)],
                    name=f"{MARK}设施{i + 1}",
                    place="社区",
                )
                for i, pr in enumerate(projects)
            ],
            "facilities (设施)",
        )

    def _departments(self) -> list[Org]:
        """The city's line departments that pool money into the funds ("政法、民政、文化等20多个部门"):
        the demo's six and more of Chengdu's, up to ``plan.departments``."""
        existing = list(Org.objects.filter(kind=Kind.DEPARTMENT, area=self.city).order_by("pk"))
        names = {o.name for o in existing}
        rows = [
            Org(name=name, kind=Kind.DEPARTMENT, area=self.city, party_body=PartyBody.COMMITTEE)
            for name in DEPARTMENTS
            if name not in names
        ][: max(0, self.plan.departments - len(existing))]
        self.bulk(Org, rows, "departments (条线部门) added")
        return list(Org.objects.filter(kind=Kind.DEPARTMENT, area=self.city).order_by("pk"))[
            : self.plan.departments
        ]

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

    def _agreements(self) -> None:
        from wulian.agreements.models import (
            Agreement,
            AgreementStatus,
            Delivery,
            DeliveryStatus,
            ServiceItem,
        )

        opening = self.units[: self.plan.units_opening]
        self.bulk(
            Agreement,
            [
                Agreement(
                    title=f"{u.name}共驻共建服务协议",
                    area=u.area,
                    party_org=self.leaders[u.area_id],
                    unit=u,
                    start=dt.date(2025, 1, 1),
                    end=dt.date(2025, 12, 31),
                    status=AgreementStatus.IN_FORCE,
                    in_force_at=self.now,
                )
                for u in opening
            ],
            "agreements (服务协议)",
        )
        agreements = list(
            Agreement.objects.filter(unit__name__startswith=MARK).select_related("unit")
        )
        self.bulk(
            ServiceItem,
            [
                ServiceItem(
                    agreement=a,
                    content="开放场地、志愿服务",
                    target_count=12,
                    target_unit="次",
                    responsible_org=a.unit,
                    responsible_person="联络员",
                )
                for a in agreements
            ],
        )
        items = list(ServiceItem.objects.filter(agreement__in=agreements))
        # The community has confirmed all but each item's last delivery, which is still pending.
        last = self.plan.deliveries_per_agreement - 1
        self.bulk(
            Delivery,
            [
                Delivery(
                    item=it,
                    date=self.day(),
                    count=1 + k % 3,
                    status=DeliveryStatus.PENDING if k == last else DeliveryStatus.CONFIRMED,
                )
                for it in items
                for k in range(self.plan.deliveries_per_agreement)
            ],
            "deliveries (履约)",
        )

    def _meetings(self) -> None:
        from wulian.meetings.models import (
            ActionItem,
            ActionStatus,
            Decision,
            JointMeeting,
            MeetingStatus,
        )

        rows = []
        for s in self.streets:
            for m in range(self.plan.meetings_per_street):
                month = 1 + m % 12
                starts = dt.datetime(2025, month, 15, 9, 0, tzinfo=timezone.get_current_timezone())
                rows.append(
                    JointMeeting(
                        area=s,
                        convener=self.leaders[s.pk],
                        topic=f"{MARK}{month}月联席会议",
                        place="街道",
                        starts_at=starts,
                        ends_at=starts + dt.timedelta(hours=2),
                        status=MeetingStatus.CLOSED,
                        closed_at=starts + dt.timedelta(hours=2),
                    )
                )
        self.bulk(JointMeeting, rows, "joint meetings (联席会议)")
        meetings = list(JointMeeting.objects.filter(topic__startswith=MARK))
        self.bulk(Decision, [Decision(meeting=m, text="议定事项") for m in meetings])
        decisions = list(Decision.objects.filter(meeting__in=meetings).select_related("meeting"))
        items = []
        for d in decisions:
            for k in range(3):
                due = d.meeting.starts_at.date() + dt.timedelta(days=30)
                accepted = k < 2
                done_at = d.meeting.starts_at + dt.timedelta(days=20 if k == 0 else 40)
                items.append(
                    ActionItem(
                        decision=d,
                        title=f"事项{k + 1}",
                        lead_org=self.leaders[d.meeting.area_id],
                        responsible="负责人",
                        due_on=due,
                        done_criteria="按期办结",
                        status=ActionStatus.ACCEPTED if accepted else ActionStatus.OPEN,
                        done_at=done_at if accepted else None,
                        accepted_at=done_at if accepted else None,
                    )
                )
        self.bulk(ActionItem, items, "action items (议定事项)")

    def _duties(self) -> None:
        from wulian.duties.models import Duty, DutyKind, DutyList, DutyStatus

        orgs = list(self.leaders.values())
        self.bulk(
            DutyList,
            [DutyList(org=o, year=2025, kind=DutyKind.RESPONSIBILITY) for o in orgs],
            "duty lists (清单)",
        )
        lists = list(
            DutyList.objects.filter(
                org__in=orgs, year=2025, kind=DutyKind.RESPONSIBILITY
            ).select_related("org")
        )
        rows = []
        for dl in lists:
            for k in range(self.plan.duties_per_org):
                assigned = dt.date(2025, 1 + k % 12, 1)
                due = assigned + dt.timedelta(days=60)
                done = k % 10 < 7
                rows.append(
                    Duty(
                        duty_list=dl,
                        title=f"{MARK}责任事项{k + 1}",
                        lead_org=dl.org,
                        assigned_on=assigned,
                        due_on=due,
                        status=DutyStatus.DONE if done else DutyStatus.OPEN,
                        done_on=(
                            due - dt.timedelta(days=5) if k % 10 < 6 else due + dt.timedelta(days=7)
                        )
                        if done
                        else None,
                    )
                )
        self.bulk(Duty, rows, "duties (责任事项)")

    def _evaluation(self) -> None:
        from wulian.evaluations import services as ev
        from wulian.evaluations.models import (
            Criterion,
            EvaluationRound,
            Respondent,
            Score,
            Side,
            SurveyAnswer,
            UnitRating,
        )

        year = 2024
        if EvaluationRound.objects.filter(scope=self.city, year=year).exists():
            return
        rnd = ev.create_round(
            by=None, scope=self.city, year=year, title=f"成都市{year}年度共驻共建双向评议（{MARK}）"
        )
        ev.set_criteria(
            round=rnd,
            by=None,
            criteria=[
                (Side.UNIT, "共驻共建参与度", 30),
                (Side.UNIT, "资源开放共享", 25),
                (Side.UNIT, "服务群众实效", 30),
                (Side.UNIT, "党建联建活动", 15),
                (Side.COMMUNITY, "服务驻区单位", 40),
                (Side.COMMUNITY, "组织协调能力", 30),
                (Side.COMMUNITY, "工作作风", 30),
            ],
        )
        ev.open_round(round=rnd, by=None)
        unit_c = list(Criterion.objects.filter(round=rnd, side=Side.UNIT))
        comm_c = list(Criterion.objects.filter(round=rnd, side=Side.COMMUNITY))
        scores = []
        for u in self.units:
            community = self.leaders[u.area_id]
            base = 70 + self.rng.randrange(30)
            scores += [
                Score(
                    round=rnd,
                    criterion=c,
                    rater=community,
                    ratee=u,
                    value=min(100, base + self.rng.randrange(5)),
                )
                for c in unit_c
            ]
            scores += [
                Score(
                    round=rnd,
                    criterion=c,
                    rater=u,
                    ratee=community,
                    value=75 + self.rng.randrange(25),
                )
                for c in comm_c
            ]
        self.bulk(Score, scores, "evaluation scores (互评)")
        units_by_area: dict[int, list[Org]] = {}
        for u in self.units:
            units_by_area.setdefault(u.area_id, []).append(u)
        self.bulk(Respondent, [Respondent(round=rnd, person=p) for p in self.residents])
        answers = self.bulk(
            SurveyAnswer,
            [
                SurveyAnswer(
                    round=rnd,
                    community=p.home_area,
                    community_org=self.leaders[p.home_area_id],
                    satisfaction=self.rng.choice([3, 4, 4, 5, 5, 5]),
                    answered_on=dt.date(year, 12, 1),
                )
                for p in self.residents
            ],
            "survey answers (满意度答卷)",
        )
        answers = list(SurveyAnswer.objects.filter(round=rnd).only("pk", "community_id"))
        ratings = []
        for a in answers:
            units = units_by_area.get(a.community_id, [])
            if units:
                ratings.append(
                    UnitRating(
                        answer=a,
                        unit=units[a.pk % len(units)],
                        satisfaction=self.rng.choice([4, 5, 5]),
                    )
                )
        self.bulk(UnitRating, ratings)
        ev.publish_round(
            round=rnd,
            by=None,
            now=dt.datetime(year + 1, 1, 20, 10, 0, tzinfo=timezone.get_current_timezone()),
        )
        self.count("evaluated organizations", rnd.results.count())
        self.count("共驻共建先进单位", rnd.results.filter(exemplary=True).count())
