"""Demo duty lists: 青羊区 assigns duties to its streets and communities; some were done on
time last month, some are overdue, some are due within days (yellow)."""

import datetime as dt

from wulian.core import counters
from wulian.duties import services
from wulian.duties.calendar import add_working_days
from wulian.duties.models import Duty, DutyKind


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def load(world) -> None:
    today = world.today
    this_month = _month_start(today)
    last_month = _month_start(this_month - dt.timedelta(days=1))
    district = world.users["qingyang_admin"]
    streets = [world.orgs["xiyuhe"], world.orgs["supo"]]
    communities = [world.orgs["xihuamen"], world.orgs["qingyuan"]]

    def assign(targets, kind, title, criteria, assigned_on, due_on):
        return services.assign_duty(
            by=district,
            targets=targets,
            kind=kind,
            title=title,
            done_criteria=criteria,
            assigned_on=assigned_on,
            due_on=due_on,
            responsible_person="街道党工委书记",
        )

    # Due last month: 西御河 done on time, 苏坡 still open (overdue).
    a = assign(
        streets,
        DutyKind.RESPONSIBILITY,
        "落实街道兼职委员设岗定责",
        "每名兼职委员明确岗位和职责，名单报区委社治委备案",
        last_month - dt.timedelta(days=20),
        last_month + dt.timedelta(days=14),
    )
    services.report_progress(
        by=world.users["xiyuhe_admin"],
        duty=a[0],
        text="兼职委员12名，岗位职责已明确并备案。",
        done=True,
    )
    counters.update(Duty.objects.filter(pk=a[0].pk), done_on=last_month + dt.timedelta(days=10))
    # Due last month: both done, 苏坡 late.
    b = assign(
        streets,
        DutyKind.TASK,
        "召开街道党建联席会议研究物业矛盾",
        "会议纪要及议定事项清单报区委社治委",
        last_month - dt.timedelta(days=10),
        last_month + dt.timedelta(days=24),
    )
    services.report_progress(
        by=None, duty=b[0], text="已召开联席会议，形成议定事项5项。", done=True
    )
    counters.update(Duty.objects.filter(pk=b[0].pk), done_on=last_month + dt.timedelta(days=20))
    services.report_progress(by=None, duty=b[1], text="会议延期召开。", done=True)
    counters.update(Duty.objects.filter(pk=b[1].pk), done_on=this_month + dt.timedelta(days=2))
    # Due within a few working days (yellow) and later (green), to communities.
    assign(
        communities,
        DutyKind.TASK,
        "社区党组织与驻区单位签订共建协议",
        "与辖区内主要驻区单位签订共建协议并上传",
        today - dt.timedelta(days=30),
        add_working_days(today, 2),
    )
    assign(
        communities,
        DutyKind.RESPONSIBILITY,
        "开展共驻共建双向评议",
        "组织居民满意度测评并公布结果",
        today - dt.timedelta(days=5),
        today + dt.timedelta(days=45),
    )
    # An overdue community duty.
    c = assign(
        [world.orgs["xihuamen"]],
        DutyKind.PROBLEM,
        "整改党群服务中心“去行政化”不到位问题",
        "取消办公隔断，设置开放式服务区",
        today - dt.timedelta(days=40),
        today - dt.timedelta(days=3),
    )
    services.report_progress(
        by=world.users["xihuamen_admin"], duty=c[0], text="已拆除部分隔断，正在采购家具。"
    )
