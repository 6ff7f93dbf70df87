"""The money: fund-source departments, pooled funds, their receipts and allocations, projects
and facilities."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from wulian.orgs.models import Kind, Org, PartyBody
from wulian_bench.scale_facts.marks import MARK

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


class FundSteps:
    """Departments and funds (see ``FactSteps`` for the generator they use)."""

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
