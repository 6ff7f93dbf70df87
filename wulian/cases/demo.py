"""Demo cases: property disputes (物业矛盾) and others in 西华门社区 and 清源社区, some resolved."""

import datetime as dt

from django.utils import timezone

from wulian.cases import services
from wulian.cases.models import Case
from wulian.core import counters
from wulian.web.demo import QINGYUAN, XIHUAMEN

# Reported by residents, who follow them on their phones (/cases/mine/): 李秀英 (resident_demo)
# and 孙华, who has no login.
REPORTED = [
    (
        "li_xiuying",
        "sanitation",
        "黉门街小区楼下垃圾桶满溢",
        "小区东门垃圾桶每天傍晚就满了，气味很大，希望增加清运次数。",
    ),
    (
        "sun_hua",
        "parking",
        "清源小区消防通道被占用",
        "3栋旁的消防通道晚上常停满车辆，担心出事时消防车进不来。",
    ),
]

CASES = [
    # (key, area, category, title, parties, description, resolution or None, method, resolver key)
    (
        "qy_fee",
        QINGYUAN,
        "property_management",
        "清源小区物业费上涨纠纷",
        "清源小区业主；成都清源物业服务有限公司",
        "物业公司拟将物业费由每平方米1.2元上调至1.8元，部分业主拒缴并投诉。",
        "社区组织业委会、物业公司和业主代表三方协商，物业费调整为1.5元并公示服务标准。",
        "consultation",
        "qingyuan",
    ),
    (
        "qy_lift",
        QINGYUAN,
        "property_management",
        "清源小区电梯维修资金使用争议",
        "清源小区3栋业主；清源小区业主委员会",
        "3栋电梯频繁故障，业主对动用维修资金的表决程序有异议。",
        None,
        "",
        None,
    ),
    (
        "qy_parking",
        QINGYUAN,
        "parking",
        "清源小区停车位分配矛盾",
        "清源小区业主；外来车辆",
        "小区车位紧张，外来车辆占用业主车位，夜间常有争吵。",
        None,
        "",
        None,
    ),
    (
        "xhm_exit",
        XIHUAMEN,
        "property_management",
        "西华门街老旧院落物业撤场后无人管理",
        "西华门街12号院居民",
        "原物业公司撤场后院落无人管理，垃圾堆积、门禁损坏。",
        "街道引入物业服务企业托管，社区党委牵头成立院落自管小组。",
        "joint_meeting",
        "xihuamen",
    ),
    (
        "xhm_corridor",
        XIHUAMEN,
        "neighbourhood",
        "楼道堆物引发邻里纠纷",
        "西华门街8号院2单元住户",
        "住户在楼道堆放杂物，邻居认为存在消防隐患，双方多次争执。",
        "网格员上门调解，住户清理杂物，双方签订邻里公约。",
        "mediation",
        "xihuamen",
    ),
    (
        "xhm_waste",
        XIHUAMEN,
        "sanitation",
        "西华门街垃圾清运不及时",
        "西华门街沿街商户；居民",
        "沿街商户垃圾清运时间与居民作息冲突，夜间噪声扰民。",
        None,
        "",
        None,
    ),
]


# When each case was registered and resolved, in days before the demo is loaded: every case is
# registered before 西御河街道's joint meeting (held 30 days ago) that takes 垃圾清运 up.
DAYS_AGO = {
    "qy_fee": (75, 40),
    "qy_lift": (50, None),
    "qy_parking": (33, None),
    "xhm_exit": (90, 60),
    "xhm_corridor": (20, 12),
    "xhm_waste": (45, None),
}


def _backdate(case: Case, registered: int, resolved: int | None) -> None:
    now = timezone.now()
    counters.update(
        Case.objects.filter(pk=case.pk), registered_at=now - dt.timedelta(days=registered)
    )
    if resolved is not None:
        counters.update(
            Case.objects.filter(pk=case.pk),
            resolved_on=timezone.localdate() - dt.timedelta(days=resolved),
            resolved_at=now - dt.timedelta(days=resolved),
        )


def load(world) -> None:
    if Case.objects.filter(title=CASES[0][3]).exists():
        return
    today = timezone.localdate()
    world.cases = {}
    for key, area, category, title, parties, description, resolution, method, resolver in CASES:
        case = services.register_case(
            by=None,
            area=world.areas[area],
            category=category,
            title=title,
            parties=parties,
            description=description,
        )
        if resolution:
            services.resolve_case(
                case=case,
                by=None,
                resolution=resolution,
                method=method,
                resolved_on=today,
                resolved_by_org=world.orgs[resolver],
            )
        _backdate(case, *DAYS_AGO[key])
        world.cases[key] = case
    for person, category, title, description in REPORTED:
        resident = next(
            (u for u in world.users.values() if u.person_id == world.people[person].pk), None
        )
        if resident is not None:
            world.cases[person] = services.report_case(
                by=resident, category=category, title=title, description=description
            )
        else:
            world.cases[person] = services.register_case(
                by=None,
                area=world.people[person].home_area,
                category=category,
                title=title,
                description=description,
                reporter=world.people[person],
            )
