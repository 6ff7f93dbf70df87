"""The demo world's cast: its places, organizations, people and one login per role."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from wulian.accounts.models import RoleKind, User
from wulian.areas.models import Area
from wulian.core.validators import credit_code_check_char, id_number_check_char
from wulian.orgs.models import Org

DEMO_PASSWORD = "Wulian@2026"  # noqa: S105 (the demo's one published password)
ONBOARDED = dt.datetime(
    2024, 1, 2, 1, 0, tzinfo=dt.UTC
)  # when the demo's orgs and people were registered

CITY, QINGYANG, WUHOU, CHENGHUA = "510100000000", "510105000000", "510107000000", "510108000000"
XIYUHE, SUPO, YULIN, QINGLONG = "510105003000", "510105013000", "510107005000", "510108015000"
XIHUAMEN, QINGYUAN, HONGMENJIE, ZHIQIANG = (
    "510105003003",
    "510105013011",
    "510107005008",
    "510108015017",
)

AREA_CODES = [
    CITY,
    QINGYANG,
    WUHOU,
    CHENGHUA,
    XIYUHE,
    SUPO,
    YULIN,
    QINGLONG,
    XIHUAMEN,
    QINGYUAN,
    HONGMENJIE,
    ZHIQIANG,
]


@dataclass
class World:
    areas: dict[str, Area] = field(default_factory=dict)
    orgs: dict[str, Org] = field(default_factory=dict)
    people: dict[str, Any] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)


def credit_code(seed: int, prefix: str = "12510000") -> str:
    body = f"{prefix}{seed:09d}"[:17]
    return body + credit_code_check_char(body)


def id_number(region: str, birth: str, seq: int) -> str:
    body = f"{region}{birth}{seq:03d}"
    return body + id_number_check_char(body)


ORG_NAMES: dict[str, str] = {
    "city_gc": "成都市城乡社区发展治理委员会",
    "qingyang_gc": "青羊区城乡社区发展治理委员会",
    "wuhou_gc": "武侯区城乡社区发展治理委员会",
    "chenghua_gc": "成华区城乡社区发展治理委员会",
    "xiyuhe": "中共成都市青羊区西御河街道工作委员会",
    "supo": "中共成都市青羊区苏坡街道工作委员会",
    "yulin": "中共成都市武侯区玉林街道工作委员会",
    "qinglong": "中共成都市成华区青龙街道工作委员会",
    "xihuamen": "西华门社区党委",
    "qingyuan": "清源社区党委",
    "hongmenjie": "黉门街社区党委",
    "zhiqiang": "致强社区党组织",
    "library": "四川省图书馆",
    "museum": "成都博物馆",
    "collectors": "四川省收藏家协会",
    "housing_dept_prov": "四川省住房和城乡建设厅",
    "west_institute": "四川西部发展研究院",
    "huaxi": "四川大学华西医院",
    "cdc": "四川省疾病预防控制中心",
    "qingyuan_pm": "成都清源物业服务有限公司",
    "qingyuan_oc": "清源小区业主委员会",
    "zhiqiang_firm": "成都致强科技有限公司",
    "dept_housing": "成都市住房和城乡建设局（房管）",
    "dept_market": "成都市市场监督管理局（工商）",
    "dept_law": "中共成都市委政法委员会",
    "dept_civil": "成都市民政局",
    "dept_culture": "成都市文化广电旅游局",
    "dept_health": "成都市卫生健康委员会",
    "qingyang_housing": "青羊区住房和城乡建设局（房管）",
}
PERSON_NAMES: dict[str, str] = {
    "wang_jianguo": "王建国",
    "li_xiuying": "李秀英",
    "zhang_min": "张敏",
    "chen_li": "陈丽",
    "zhao_qiang": "赵强",
    "liu_yang": "刘洋",
    "sun_hua": "孙华",
    "zhou_jie": "周杰",
    "wu_fang": "吴芳",
    "zheng_wei": "郑伟",
}

# Home addresses (门牌) inside each person's home area; the same address in the same area is one
# household. 周杰 has none (a household of one).
ADDRESSES: dict[str, str] = {
    "wang_jianguo": "国学巷37号华西宿舍5栋301",
    "li_xiuying": "黉门街52号2栋1单元302",
    "zhang_min": "西华门街18号1单元501",
    "chen_li": "东城根上街6号3栋201",
    "zhao_qiang": "西华门街20号3单元102",
    "liu_yang": "清源路8号2栋603",
    "sun_hua": "清源路8号4栋101",
    "wu_fang": "致强路15号1栋1202",
    "zheng_wei": "中学路6号宿舍2栋402",
}

# (login, display name, role, org key, person key or None)
LOGINS = [
    ("city_admin", "成都市管理员", RoleKind.CITY_ADMIN, "city_gc", None),
    ("qingyang_admin", "青羊区管理员", RoleKind.DISTRICT_ADMIN, "qingyang_gc", None),
    ("wuhou_admin", "武侯区管理员", RoleKind.DISTRICT_ADMIN, "wuhou_gc", None),
    ("xiyuhe_admin", "西御河街道管理员", RoleKind.STREET_ADMIN, "xiyuhe", None),
    ("xihuamen_admin", "西华门社区管理员", RoleKind.COMMUNITY_ADMIN, "xihuamen", None),
    ("xihuamen_staff", "西华门社区工作人员", RoleKind.COMMUNITY_STAFF, "xihuamen", None),
    ("qingyuan_admin", "清源社区管理员", RoleKind.COMMUNITY_ADMIN, "qingyuan", None),
    ("hongmenjie_admin", "黉门街社区管理员", RoleKind.COMMUNITY_ADMIN, "hongmenjie", None),
    ("huaxi_contact", "华西医院联络员", RoleKind.UNIT_CONTACT, "huaxi", None),
    ("library_contact", "四川省图书馆联络员", RoleKind.UNIT_CONTACT, "library", None),
    # 条线: a city department (its line across the city) and a district one (its line in 青羊区).
    ("minzheng_admin", "成都市民政局管理员", RoleKind.DEPARTMENT_ADMIN, "dept_civil", None),
    (
        "qingyang_fangguan_staff",
        "青羊区房管局工作人员",
        RoleKind.DEPARTMENT_STAFF,
        "qingyang_housing",
        None,
    ),
    ("member_demo", "党员 王建国", RoleKind.PARTY_MEMBER, "huaxi", "wang_jianguo"),
    ("resident_demo", "居民 李秀英", RoleKind.RESIDENT, "hongmenjie", "li_xiuying"),
    ("system_admin", "系统管理员", RoleKind.SYSTEM_ADMIN, None, None),
    ("security_admin", "安全管理员", RoleKind.SECURITY_ADMIN, None, None),
    ("audit_admin", "审计管理员", RoleKind.AUDIT_ADMIN, None, None),
]
