"""Demo data of the case study: real places and units, one login per role.

``load_foundation`` builds the shared world; every domain app may add its part in its own
``demo.py`` with ``load(world)`` (and ``late(world)`` for rows that need a later app), called in
app order by ``wulian demo``.
"""

import datetime as dt
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.db import transaction

from wulian.accounts import services as account_services
from wulian.accounts.models import RoleKind, User
from wulian.apps_registry import all_apps
from wulian.areas.models import Area
from wulian.areas.services import DATA_DIR, load_areas
from wulian.core import counters
from wulian.core.validators import credit_code_check_char, id_number_check_char
from wulian.orgs import services as org_services
from wulian.orgs.models import Kind, Org, PartyBody
from wulian.people import services as people_services

DEMO_PASSWORD = "Wulian@2026"
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


def load_foundation() -> World:
    world = World()
    load_areas(city_code="5101", from_dir=DATA_DIR / "5101", by=None)
    world.areas = {
        a.code: a
        for a in Area.objects.filter(
            code__in=[
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
        )
    }
    a = world.areas

    def org(
        key,
        name,
        kind,
        area,
        *,
        leads=None,
        body=PartyBody.BRANCH,
        seed=None,
        line=None,
        address="",
        contact_name="",
        contact_phone="",
    ):
        world.orgs[key] = org_services.create_org(
            by=None,
            name=name,
            kind=kind,
            area=a[area],
            leads=a[leads] if leads else None,
            party_body=body,
            credit_code=credit_code(seed) if seed else None,
            line=line,
            address=address,
            contact_name=contact_name,
            contact_phone=contact_phone,
        )
        return world.orgs[key]

    org(
        "city_gc",
        "成都市城乡社区发展治理委员会",
        Kind.GOVERNANCE_COMMITTEE,
        CITY,
        body=PartyBody.COMMITTEE,
        seed=1001,
    )
    org(
        "qingyang_gc",
        "青羊区城乡社区发展治理委员会",
        Kind.GOVERNANCE_COMMITTEE,
        QINGYANG,
        body=PartyBody.COMMITTEE,
        seed=1002,
    )
    org(
        "wuhou_gc",
        "武侯区城乡社区发展治理委员会",
        Kind.GOVERNANCE_COMMITTEE,
        WUHOU,
        body=PartyBody.COMMITTEE,
        seed=1003,
    )
    org(
        "chenghua_gc",
        "成华区城乡社区发展治理委员会",
        Kind.GOVERNANCE_COMMITTEE,
        CHENGHUA,
        body=PartyBody.COMMITTEE,
        seed=1004,
    )
    # 条线部门 (lines) at the city
    for key, name, seed in [
        ("dept_housing", "成都市住房和城乡建设局（房管）", 2001),
        ("dept_market", "成都市市场监督管理局（工商）", 2002),
        ("dept_law", "中共成都市委政法委员会", 2003),
        ("dept_civil", "成都市民政局", 2004),
        ("dept_culture", "成都市文化广电旅游局", 2005),
        ("dept_health", "成都市卫生健康委员会", 2006),
    ]:
        org(key, name, Kind.DEPARTMENT, CITY, body=PartyBody.COMMITTEE, seed=seed)
    # A district department of the housing line: its line leads up to the city's.
    org(
        "qingyang_housing",
        "青羊区住房和城乡建设局（房管）",
        Kind.DEPARTMENT,
        QINGYANG,
        body=PartyBody.COMMITTEE,
        seed=2101,
        line=world.orgs["dept_housing"],
    )
    # Street and community party organizations that lead their areas.
    org(
        "xiyuhe",
        "中共成都市青羊区西御河街道工作委员会",
        Kind.PARTY_ORG,
        XIYUHE,
        leads=XIYUHE,
        body=PartyBody.COMMITTEE,
    )
    org(
        "supo",
        "中共成都市青羊区苏坡街道工作委员会",
        Kind.PARTY_ORG,
        SUPO,
        leads=SUPO,
        body=PartyBody.COMMITTEE,
    )
    org(
        "yulin",
        "中共成都市武侯区玉林街道工作委员会",
        Kind.PARTY_ORG,
        YULIN,
        leads=YULIN,
        body=PartyBody.COMMITTEE,
    )
    org(
        "qinglong",
        "中共成都市成华区青龙街道工作委员会",
        Kind.PARTY_ORG,
        QINGLONG,
        leads=QINGLONG,
        body=PartyBody.COMMITTEE,
    )
    org(
        "xihuamen",
        "西华门社区党委",
        Kind.PARTY_ORG,
        XIHUAMEN,
        leads=XIHUAMEN,
        body=PartyBody.COMMITTEE,
    )
    org(
        "qingyuan",
        "清源社区党委",
        Kind.PARTY_ORG,
        QINGYUAN,
        leads=QINGYUAN,
        body=PartyBody.COMMITTEE,
    )
    org(
        "hongmenjie",
        "黉门街社区党委",
        Kind.PARTY_ORG,
        HONGMENJIE,
        leads=HONGMENJIE,
        body=PartyBody.COMMITTEE,
    )
    org(
        "zhiqiang",
        "致强社区党组织",
        Kind.PARTY_ORG,
        ZHIQIANG,
        leads=ZHIQIANG,
        body=PartyBody.BRANCH,
    )
    # 驻区单位 named in the case study
    org(
        "library",
        "四川省图书馆",
        Kind.PUBLIC_INSTITUTION,
        XIHUAMEN,
        body=PartyBody.COMMITTEE,
        seed=3001,
        line=world.orgs["dept_culture"],
        address="青羊区总府路",
    )
    org(
        "museum",
        "成都博物馆",
        Kind.PUBLIC_INSTITUTION,
        XIHUAMEN,
        body=PartyBody.COMMITTEE,
        seed=3002,
        line=world.orgs["dept_culture"],
        address="青羊区小河街1号",
    )
    org(
        "collectors",
        "四川省收藏家协会",
        Kind.NEW_SOCIAL,
        XIHUAMEN,
        body=PartyBody.BRANCH,
        seed=3003,
        line=world.orgs["dept_civil"],
    )  # a social organisation: registered with and led by 民政
    org(
        "housing_dept_prov",
        "四川省住房和城乡建设厅",
        Kind.AGENCY,
        XIHUAMEN,
        body=PartyBody.COMMITTEE,
        seed=3004,
        line=world.orgs["dept_housing"],
    )
    org(
        "west_institute",
        "四川西部发展研究院",
        Kind.NEW_SOCIAL,
        QINGYUAN,
        body=PartyBody.BRANCH,
        seed=3005,
    )
    org(
        "huaxi",
        "四川大学华西医院",
        Kind.PUBLIC_INSTITUTION,
        HONGMENJIE,
        body=PartyBody.COMMITTEE,
        seed=3006,
        line=world.orgs["dept_health"],
        address="武侯区国学巷37号",
        contact_name="志愿服务中心",
        contact_phone="13880002006",
    )
    org(
        "cdc",
        "四川省疾病预防控制中心",
        Kind.PUBLIC_INSTITUTION,
        HONGMENJIE,
        body=PartyBody.COMMITTEE,
        seed=3007,
        line=world.orgs["dept_health"],
        address="武侯区中学路6号",
    )
    org(
        "qingyuan_pm",
        "成都清源物业服务有限公司",
        Kind.PROPERTY_MANAGER,
        QINGYUAN,
        body=PartyBody.BRANCH,
        seed=3008,
        line=world.orgs["qingyang_housing"],
    )  # 物业 in 青羊区: the district 房管局's line
    org("qingyuan_oc", "清源小区业主委员会", Kind.OWNERS_COMMITTEE, QINGYUAN, body=PartyBody.NONE)
    org(
        "zhiqiang_firm",
        "成都致强科技有限公司",
        Kind.PRIVATE_FIRM,
        ZHIQIANG,
        body=PartyBody.BRANCH,
        seed=3009,
    )
    # A branch upgraded to a general branch, as the case describes.
    org_services.change_party_body(
        org=world.orgs["zhiqiang"],
        by=None,
        to_body=PartyBody.GENERAL_BRANCH,
        changed_on=dt.date(2025, 6, 30),
        document_no="成华青龙党工〔2025〕8号",
    )

    for key, name, phone, idn, area, member, party_org, skills in [
        (
            "wang_jianguo",
            "王建国",
            "13880001001",
            id_number("510107", "19750312", 101),
            HONGMENJIE,
            True,
            "huaxi",
            "义诊,健康讲座",
        ),
        (
            "li_xiuying",
            "李秀英",
            "13880001002",
            id_number("510107", "19580821", 202),
            HONGMENJIE,
            False,
            None,
            "编织",
        ),
        (
            "zhang_min",
            "张敏",
            "13880001003",
            id_number("510105", "19820105", 113),
            XIHUAMEN,
            True,
            "library",
            "阅读推广,书法",
        ),
        (
            "chen_li",
            "陈丽",
            "13880001004",
            id_number("510105", "19900617", 224),
            XIHUAMEN,
            True,
            "museum",
            "讲解,文物知识",
        ),
        (
            "zhao_qiang",
            "赵强",
            "13880001005",
            id_number("510105", "19680930", 135),
            XIHUAMEN,
            False,
            None,
            "维修",
        ),
        (
            "liu_yang",
            "刘洋",
            "13880001006",
            id_number("510105", "19951111", 146),
            QINGYUAN,
            True,
            "west_institute",
            "法律咨询",
        ),
        (
            "sun_hua",
            "孙华",
            "13880001007",
            id_number("510105", "19630304", 257),
            QINGYUAN,
            False,
            None,
            "广场舞",
        ),
        ("zhou_jie", "周杰", "13880001008", "", QINGYUAN, False, None, ""),
        (
            "wu_fang",
            "吴芳",
            "13880001009",
            id_number("510108", "19870722", 168),
            ZHIQIANG,
            True,
            "zhiqiang_firm",
            "编程,志愿服务",
        ),
        (
            "zheng_wei",
            "郑伟",
            "13880001010",
            id_number("510107", "19790214", 179),
            HONGMENJIE,
            True,
            "cdc",
            "健康讲座,疫苗咨询",
        ),
    ]:
        world.people[key] = people_services.create_person(
            by=None,
            name=name,
            phone=phone,
            id_number=idn,
            home_area=a[area],
            is_party_member=member,
            party_org=world.orgs[party_org] if party_org else None,
            skills=skills,
            address=ADDRESSES.get(key, ""),
        )

    for username, display, kind, org_key, person_key in LOGINS:
        user = User(
            username=username,
            display_name=display,
            person=world.people.get(person_key) if person_key else None,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        account_services.grant_role(
            user=user, kind=kind, org=world.orgs.get(org_key) if org_key else None, by=None
        )
        world.users[username] = user
    # The organizations and people were registered when the platform started, before anything the
    # apps' demos record about them (the services stamp the time they run).
    from wulian.people.models import Person

    counters.update(
        Org.objects.filter(pk__in=[o.pk for o in world.orgs.values()]), created_at=ONBOARDED
    )
    counters.update(
        Person.objects.filter(pk__in=[p.pk for p in world.people.values()]), created_at=ONBOARDED
    )
    return world


def world_from_db() -> World:
    """The demo world as stored (for tests and for apps' demo loaders run later)."""
    world = World()
    world.areas = {
        a.code: a
        for a in Area.objects.filter(
            code__in=[
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
        )
    }
    by_name = {o.name: o for o in Org.objects.select_related("area", "leads")}
    world.orgs = {key: by_name[name] for key, name in ORG_NAMES.items() if name in by_name}
    from wulian.people.models import Person

    people = {p.name: p for p in Person.objects.select_related("home_area")}
    world.people = {key: people[name] for key, name in PERSON_NAMES.items() if name in people}
    world.users = {u.username: u for u in User.objects.filter(username__in=[x[0] for x in LOGINS])}
    return world


def demo_loaded() -> bool:
    return User.objects.filter(username="city_admin").exists()


def load_demo() -> World:
    with transaction.atomic():
        world = load_foundation()
        loaders = [
            import_module(f"wulian.{name}.demo")
            for name in all_apps()
            if name not in ("core", "web") and find_spec(f"wulian.{name}.demo") is not None
        ]
        for loader in loaders:
            loader.load(world)
        # Then each app's late(world): rows that need an app loaded after it (a council's
        # resolution becomes a project of the funds, which load after the councils).
        for loader in loaders:
            if hasattr(loader, "late"):
                loader.late(world)
    return world
