import pytest

from wulian.web.demo import HONGMENJIE


@pytest.fixture
def hongmenjie_council(world):
    """黉门街社区's council (demo): 李秀英 (resident_demo) seat 1, 王建国 (member_demo) seat 2,
    郑伟 seat 3, 华西医院 (huaxi_contact) seat 4."""
    from wulian.councils.models import Council

    council = Council.objects.get(community=world.areas[HONGMENJIE])
    assert [(m.seat, str(m)) for m in council.members.all()] == [
        (1, "李秀英"),
        (2, "王建国"),
        (3, "郑伟"),
        (4, "四川大学华西医院"),
    ]
    return council


@pytest.fixture
def topic(world, hongmenjie_council):
    from wulian.councils import services

    return services.raise_topic(
        by=world.users["resident_demo"],
        council=hongmenjie_council,
        title="小区加装电梯",
        description="3号楼加装电梯的费用分摊",
    )
