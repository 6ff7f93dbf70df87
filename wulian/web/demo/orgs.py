"""The demo's organizations: committees, departments (lines), party organizations, units."""

import datetime as dt

from wulian.orgs import services as org_services
from wulian.orgs.models import Kind, PartyBody
from wulian.web.demo.cast import (
    CHENGHUA,
    CITY,
    HONGMENJIE,
    QINGLONG,
    QINGYANG,
    QINGYUAN,
    SUPO,
    WUHOU,
    XIHUAMEN,
    XIYUHE,
    YULIN,
    ZHIQIANG,
    World,
    credit_code,
)


def load_orgs(world: World) -> None:
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
