"""Demo: 华西医院 opens 530 shared parking spaces (畅行停) and a clinic to 黉门街社区; 四川省图书馆
opens its multi-purpose hall to 西华门社区; 李秀英 has booked a parking space and a clinic slot."""

import datetime as dt

from django.utils import timezone

from wulian.core import counters
from wulian.resources import services
from wulian.resources.models import Resource, ResourceChange
from wulian.web.demo import HONGMENJIE, XIHUAMEN


def load(world) -> None:
    huaxi, library = world.orgs["huaxi"], world.orgs["library"]
    every_day = [(d, dt.time(7), dt.time(22)) for d in range(7)]
    parking = services.create_resource(
        by=None,
        org=huaxi,
        name="“畅行停”共享停车位",
        kind="parking",
        area=world.areas[HONGMENJIE],
        location="国学巷37号院内停车楼",
        capacity=530,
        capacity_unit="个车位",
        terms="compensated",
        terms_text="居民错峰停车，社区补贴后按每小时2元收取",
        fee_amount="2.00",
        fee_unit="hour",
        hours=every_day,
        per_person_day=1,
        per_person_week=5,
        per_household_day=2,
        per_household_week=10,
        description="华西医院与黉门街社区共建项目：错峰向社区居民开放停车位，凭车牌预约入场。",
    )
    clinic = services.create_resource(
        by=None,
        org=huaxi,
        name="专家义诊",
        kind="clinic",
        area=world.areas[HONGMENJIE],
        location="黉门街社区党群服务中心二楼",
        capacity=20,
        capacity_unit="个号",
        requires_approval=True,
        per_person_day=1,
        per_person_week=2,
        per_household_day=2,
        per_household_week=4,
        hours=[
            (2, dt.time(9), dt.time(11, 30)),
            (5, dt.time(9), dt.time(11, 30)),
            (5, dt.time(14), dt.time(16, 30)),
        ],
        description="每月 10 次以上专家义诊，居民预约挂号。",
    )
    services.create_resource(
        by=None,
        org=library,
        name="四川省图书馆多功能厅",
        kind="venue",
        area=world.areas[XIHUAMEN],
        location="总府路 图书馆三楼",
        capacity=1,
        capacity_unit="间",
        requires_approval=True,
        hours=[(d, dt.time(9), dt.time(17)) for d in range(5)],
        eligible_areas=[world.areas[XIHUAMEN]],
        blackouts=[(dt.date(timezone.localdate().year, 10, 1), "国庆假期")],
        description="党建文博联盟共享场地：社区活动、讲座、读书会。",
    )
    # Demo history: 华西医院 has shared these since the start of last year (the services stamp
    # "opened since" with the time they run; the demo backdates the stamp and the first version).
    since = dt.datetime(
        timezone.localdate().year - 1, 1, 1, 9, tzinfo=timezone.get_current_timezone()
    )
    for resource in (parking, clinic):
        counters.update(Resource.objects.filter(pk=resource.pk), opened_since=since)
        ResourceChange.objects.filter(resource=resource, version=1).update(at=since)
    resident = world.users["resident_demo"]
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    tz = timezone.get_current_timezone()
    services.book_resource(
        resource=parking,
        by=resident,
        quantity=1,
        note="带母亲复诊",
        plate="川A8K2Q6",
        start=dt.datetime.combine(tomorrow, dt.time(9), tzinfo=tz),
        end=dt.datetime.combine(tomorrow, dt.time(11), tzinfo=tz),
    )
    next_clinic = next(
        tomorrow + dt.timedelta(days=i)
        for i in range(7)
        if (tomorrow + dt.timedelta(days=i)).weekday() == 5
    )
    services.book_resource(
        resource=clinic,
        by=resident,
        quantity=1,
        note="血压复查",
        start=dt.datetime.combine(next_clinic, dt.time(9), tzinfo=tz),
        end=dt.datetime.combine(next_clinic, dt.time(9, 30), tzinfo=tz),
    )
    # 张敏 (西华门社区) asks for the library's hall for a reading club: waiting for approval.
    hall = library.resources.get(kind="venue")
    weekday = next(
        tomorrow + dt.timedelta(days=i)
        for i in range(7)
        if (tomorrow + dt.timedelta(days=i)).weekday() < 5
        and (tomorrow + dt.timedelta(days=i)) != dt.date(tomorrow.year, 10, 1)
    )
    services.book_resource(
        resource=hall,
        by=None,
        person=world.people["zhang_min"],
        quantity=1,
        note="社区读书会",
        start=dt.datetime.combine(weekday, dt.time(14), tzinfo=tz),
        end=dt.datetime.combine(weekday, dt.time(16), tzinfo=tz),
    )
