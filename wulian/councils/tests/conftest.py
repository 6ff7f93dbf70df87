import pytest

from wulian.core.demo import HONGMENJIE


@pytest.fixture
def hongmenjie_council(world):
    """黉门街社区's council: 李秀英 (resident_demo) seat 1, 王建国 (member_demo) seat 2,
    郑伟 seat 3, 华西医院 (huaxi_contact) seat 4."""
    from wulian.councils import services

    council = services.create_council(by=world.users["hongmenjie_admin"], community=world.areas[HONGMENJIE])
    admin = world.users["hongmenjie_admin"]
    for seat, key in ((1, "li_xiuying"), (2, "wang_jianguo"), (3, "zheng_wei")):
        services.add_member(by=admin, council=council, kind="resident", seat=seat, person=world.people[key])
    services.add_member(by=admin, council=council, kind="unit", seat=4, org=world.orgs["huaxi"])
    return council


@pytest.fixture
def topic(world, hongmenjie_council):
    from wulian.councils import services

    return services.raise_topic(by=world.users["resident_demo"], council=hongmenjie_council,
                                title="小区加装电梯", description="3号楼加装电梯的费用分摊")
