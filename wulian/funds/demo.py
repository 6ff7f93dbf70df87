"""Demo: the 2025 guarantee and incentive funds of 成都市 with their sources, allocations to the
demo communities, projects and facilities (清源社区's council resolution becomes a project in councils/demo.py)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from wulian.core import counters
from wulian.funds import services
from wulian.funds.models import Allocation, Fund, FundSource, Project
from wulian.web.demo import CITY, HONGMENJIE, QINGYUAN, XIHUAMEN, ZHIQIANG, World

SET_UP = dt.datetime(2025, 4, 15, 10, tzinfo=timezone.get_default_timezone())  # Asia/Shanghai


def load(world: World) -> None:
    o, a = world.orgs, world.areas
    guarantee = services.create_fund(by=None, year=2025, kind="guarantee", area=a[CITY])
    incentive = services.create_fund(by=None, year=2025, kind="incentive", area=a[CITY])
    for fund, dept, amount, day in [
        (guarantee, "dept_civil", "3000000", dt.date(2025, 1, 20)),
        (guarantee, "dept_culture", "1000000", dt.date(2025, 2, 10)),
        (guarantee, "dept_law", "800000", dt.date(2025, 2, 18)),
        (guarantee, "dept_housing", "1200000", dt.date(2025, 3, 3)),
        (incentive, "dept_civil", "1500000", dt.date(2025, 1, 25)),
        (incentive, "dept_housing", "500000", dt.date(2025, 3, 5)),
    ]:
        services.add_fund_source(
            by=None, fund=fund, department=o[dept], amount=Decimal(amount), received_on=day
        )
    alloc = {}
    for key, fund, code, amount, doc in [
        ("xhm_g", guarantee, XIHUAMEN, "400000", "成民发〔2025〕12号"),
        ("qy_g", guarantee, QINGYUAN, "350000", "成民发〔2025〕12号"),
        ("hmj_g", guarantee, HONGMENJIE, "300000", "成民发〔2025〕12号"),
        ("zq_g", guarantee, ZHIQIANG, "250000", "成民发〔2025〕12号"),
        ("xhm_i", incentive, XIHUAMEN, "100000", "成民发〔2025〕31号"),
        ("qy_i", incentive, QINGYUAN, "150000", "成民发〔2025〕31号"),
        ("zq_i", incentive, ZHIQIANG, "80000", "成民发〔2025〕31号"),
    ]:
        alloc[key] = services.allocate(
            by=None,
            fund=fund,
            community=a[code],
            amount=Decimal(amount),
            allocated_on=dt.date(2025, 4, 1),
            document_no=doc,
            purpose="城乡社区发展治理专项资金",
        )
    for key, name, category, budget, people, status, spent, facility in [
        ("xhm_g", "文博资源进社区", "culture", "80000", 3200, "accepted", "78500", None),
        (
            "xhm_g",
            "西华门惠民超市改造",
            "livelihood",
            "150000",
            5600,
            "in_progress",
            "60000",
            ("supermarket", "西华门惠民超市", "西华门街18号", dt.date(2025, 10, 1)),
        ),
        (
            "qy_g",
            "清源社区长寿食坊",
            "elderly",
            "200000",
            860,
            "accepted",
            "196000",
            ("canteen", "清源社区长寿食坊", "清源社区党群服务中心一楼", dt.date(2025, 8, 8)),
        ),
        (
            "hmj_g",
            "黉门街健康小屋",
            "livelihood",
            "120000",
            2100,
            "approved",
            "30000",
            ("clinic", "黉门街健康小屋", "黉门街社区服务中心", None),
        ),
        ("zq_g", "致强院落环境整治", "environment", "180000", 1500, "in_progress", "90000", None),
        (
            "zq_i",
            "致强社区活动室",
            "facility",
            "60000",
            900,
            "accepted",
            "58000",
            ("activity_room", "致强社区党群活动室", "致强社区服务中心二楼", dt.date(2025, 7, 1)),
        ),
        ("xhm_i", "院落读书角", "culture", "30000", 600, "planned", "0", None),
    ]:
        project = services.create_project(
            by=None,
            allocation=alloc[key],
            name=name,
            category=category,
            budget=Decimal(budget),
            beneficiaries=people,
        )
        # Set up in April 2025, after the allocation and before its facility opened.
        counters.update(Project.objects.filter(pk=project.pk), created_at=SET_UP)
        for step in ("approved", "in_progress", "accepted"):
            if project.status == status:
                break
            services.advance_project(by=None, project=project, to_status=step)
            if step == "approved" and Decimal(spent):
                services.record_spending(
                    by=None, project=project, amount=Decimal(spent), reason="按合同支付"
                )
        if facility:
            kind, fname, place, opened = facility
            services.create_facility(
                by=None, project=project, kind=kind, name=fname, place=place, opened_on=opened
            )
    # The funds were set up in January 2025, each source registered when its money arrived and the
    # allocations made on 2025-04-01 (the services stamp the time they run).
    tz = timezone.get_current_timezone()
    counters.update(
        Fund.objects.filter(pk__in=[guarantee.pk, incentive.pk]),
        created_at=dt.datetime(2025, 1, 10, 10, tzinfo=tz),
    )
    for source in FundSource.objects.filter(fund__in=[guarantee, incentive]):
        FundSource.objects.filter(pk=source.pk).update(
            created_at=dt.datetime.combine(source.received_on, dt.time(10), tzinfo=tz)
        )
    counters.update(
        Allocation.objects.filter(pk__in=[a.pk for a in alloc.values()]),
        created_at=dt.datetime(2025, 4, 1, 10, tzinfo=tz),
    )
