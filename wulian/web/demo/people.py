"""The demo's people (residents and party members) and its logins, one per role."""

from wulian.accounts import services as account_services
from wulian.accounts.models import User
from wulian.people import services as people_services
from wulian.web.demo.cast import (
    ADDRESSES,
    DEMO_PASSWORD,
    HONGMENJIE,
    LOGINS,
    QINGYUAN,
    XIHUAMEN,
    ZHIQIANG,
    World,
    id_number,
)


def load_people(world: World) -> None:
    a = world.areas
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


def load_logins(world: World) -> None:
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
