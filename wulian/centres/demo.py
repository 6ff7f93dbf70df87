"""Demo: the 党群服务中心 of 西华门社区, 清源社区 and 黉门街社区 — the places the other demos meet in —
with opening hours, services and their shared resources (黉门街's 专家义诊 of 华西医院 on its second
floor; 成都博物馆's exhibition room in 西华门's)."""

import datetime as dt

from wulian.centres import services
from wulian.centres.models import Centre
from wulian.resources import services as resources
from wulian.resources.models import Resource
from wulian.web.demo import HONGMENJIE, QINGYUAN, XIHUAMEN, World

WEEKDAYS_9_TO_530 = [(d, dt.time(9), dt.time(12)) for d in range(5)] + [
    (d, dt.time(14), dt.time(17, 30)) for d in range(5)
]
SATURDAY_MORNING = [(5, dt.time(9), dt.time(12))]


def load(world: World) -> None:
    if Centre.objects.exists():
        return
    a, o = world.areas, world.orgs
    xihuamen = services.create_centre(
        by=None,
        community=a[XIHUAMEN],
        name="西华门社区党群服务中心",
        address="青羊区西华门街18号",
        phone="028-86000001",
        hours=WEEKDAYS_9_TO_530 + SATURDAY_MORNING,
        description="去行政化、去形式化、去办公化：开放式服务区、党建文博联盟活动室、院落自管小组议事室。",
    )
    for name, text in [
        ("党员服务", "组织关系转接、党员教育"),
        ("社会保障代办", "社保、医保业务代办"),
        ("文博进社区", "与四川省图书馆、成都博物馆共办讲座和展览"),
        ("矛盾调解", "物业矛盾调解室"),
    ]:
        services.add_service(by=None, centre=xihuamen, name=name, description=text)
    # 成都博物馆 (党建文博联盟) runs a small exhibition room in the centre, open to residents.
    room = resources.create_resource(
        by=None,
        org=o["museum"],
        name="文博流动展厅（西华门社区党群服务中心）",
        kind="venue",
        area=a[XIHUAMEN],
        location="西华门街18号一楼",
        capacity=40,
        capacity_unit="人",
        hours=[(d, dt.time(9), dt.time(17)) for d in range(6)],
        description="成都博物馆巡展、坝坝党课。",
    )
    services.link_resource(by=None, centre=xihuamen, resource=room)

    qingyuan = services.create_centre(
        by=None,
        community=a[QINGYUAN],
        name="清源社区党群服务中心",
        address="青羊区清源路8号",
        phone="028-86000002",
        hours=WEEKDAYS_9_TO_530 + SATURDAY_MORNING,
        description="居民议事会、党团员志愿者服务站、社区长寿食坊。",
    )
    for name, text in [
        ("居民议事", "居民议事会每月例会"),
        ("志愿服务", "党团员志愿者服务站"),
        ("老年助餐", "社区长寿食坊"),
    ]:
        services.add_service(by=None, centre=qingyuan, name=name, description=text)

    hongmenjie = services.create_centre(
        by=None,
        community=a[HONGMENJIE],
        name="黉门街社区党群服务中心",
        address="武侯区黉门街社区服务中心",
        phone="028-86000003",
        hours=WEEKDAYS_9_TO_530,
        description="与华西医院共建：专家义诊、健康小屋。",
    )
    for name, text in [
        ("专家义诊", "华西医院专家每月10余次坐诊"),
        ("健康小屋", "血压、血糖自助检测"),
    ]:
        services.add_service(by=None, centre=hongmenjie, name=name, description=text)
    clinic = Resource.objects.filter(org=o["huaxi"], kind="clinic").first()
    if clinic is not None:
        services.link_resource(by=None, centre=hongmenjie, resource=clinic)
