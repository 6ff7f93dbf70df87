"""Demo: 黉门街社区党委 and 华西医院 have an agreement in force (the 530 shared parking spaces used
≥30 times a month, ≥10 free clinics a month) with deliveries for recent months; 西华门社区党委 and
四川省图书馆 too. The units record their deliveries and the community confirms them; the latest
ones of this month still wait for the community (pending)."""

import datetime as dt

from django.utils import timezone

from wulian.agreements import services
from wulian.agreements.models import Agreement, ItemKind, TargetPeriod
from wulian.agreements.selectors import next_month
from wulian.core import counters
from wulian.resources.models import Resource


def _period() -> tuple[dt.date, dt.date]:
    """Started on the first of the month about half a year ago, for two years."""
    start = (timezone.localdate() - dt.timedelta(days=180)).replace(day=1)
    return start, start.replace(year=start.year + 2) - dt.timedelta(days=1)


def _signed_before(agreements, start: dt.date) -> None:
    """The services stamp the time they run; the demo's agreements were drafted, submitted,
    confirmed by both sides and in force before their period began (and every delivery)."""
    day = timezone.make_aware(dt.datetime.combine(start, dt.time(10))) - dt.timedelta(days=10)
    counters.update(
        Agreement.objects.filter(pk__in=[a.pk for a in agreements]),
        created_at=day - dt.timedelta(days=14),
        submitted_at=day - dt.timedelta(days=7),
        party_confirmed_at=day - dt.timedelta(days=1),
        unit_confirmed_at=day,
        in_force_at=day,
    )


def load(world) -> None:
    start, end = _period()
    today = timezone.localdate()
    huaxi, hongmenjie = world.orgs["huaxi"], world.orgs["hongmenjie"]
    agreement = services.create_agreement(
        by=None,
        party_org=hongmenjie,
        unit=huaxi,
        start=start,
        end=end,
        title="黉门街社区党委与四川大学华西医院党委共建协议（服务项目责任书）",
        note="聚焦资源共享、项目共建：专家义诊与“畅行停”共享停车。",
    )
    parking = Resource.objects.get(org=huaxi, kind="parking")
    # Counted by use (bookings checked in, and the parking register the community confirms), not
    # by the 530 spaces opened.
    parking_item = services.add_item(
        agreement=agreement,
        by=None,
        content="共享停车位（530个，错峰开放）",
        kind=ItemKind.RESOURCE,
        resource=parking,
        standard="错峰向社区居民开放停车位，线上预约、凭预约入场",
        target_count=30,
        target_unit="车次/月",
        target_period=TargetPeriod.MONTH,
        responsible_org=huaxi,
        responsible_person="后勤保障部 刘明",
    )
    clinic = services.add_item(
        agreement=agreement,
        by=None,
        content="免费义诊",
        standard="副高以上专家坐诊，每次不少于2小时",
        target_count=10,
        target_unit="次/月",
        responsible_org=huaxi,
        responsible_person="王建国",
    )
    services.submit_agreement(agreement=agreement, by=None)
    services.confirm_agreement(agreement=agreement, by=None)
    # Deliveries, recorded by 华西医院 and confirmed by 黉门街社区: the last three full months (12, 9,
    # 11 clinics; 29, 31, 22 uses of the parking register) and this month so far, whose last
    # clinic still waits for the community.
    contact, community = world.users["huaxi_contact"], world.users["hongmenjie_admin"]
    month = start
    months = []
    while month <= today:
        months.append(month)
        month = next_month(month)
    for month, count in zip(months[-4:-1], [12, 9, 11], strict=False):
        for i in range(count):
            _delivered(
                clinic,
                contact,
                community,
                date=month + dt.timedelta(days=(i * 3) % 28),
                count=1,
                beneficiaries=30 + i,
                note="专家义诊",
            )
    for month, counts in zip(months[-4:-1], [(14, 15), (16, 15), (12, 10)], strict=False):
        for day, count in zip((14, 27), counts, strict=True):
            _delivered(
                parking_item,
                contact,
                community,
                date=month + dt.timedelta(days=day),
                count=count,
                beneficiaries=count,
                note="错峰停车登记（社区核对）",
            )
    days = list(range(1, today.day + 1, 4))
    for day in days:
        _delivered(
            clinic,
            contact,
            community if day != days[-1] else None,
            date=today.replace(day=day),
            count=1,
            beneficiaries=35,
            note="专家义诊",
        )

    library, xihuamen = world.orgs["library"], world.orgs["xihuamen"]
    hall = Resource.objects.get(org=library, kind="venue")
    other = services.create_agreement(
        by=None,
        party_org=xihuamen,
        unit=library,
        start=start,
        end=end,
        title="西华门社区党委与四川省图书馆党建文博联盟共建协议",
    )
    reading = services.add_item(
        agreement=other,
        by=None,
        content="阅读推广活动",
        standard="社区读书会、亲子阅读",
        target_count=4,
        target_unit="次/月",
        responsible_org=library,
        responsible_person="张敏",
    )
    services.add_item(
        agreement=other,
        by=None,
        content="多功能厅开放使用",
        kind=ItemKind.RESOURCE,
        resource=hall,
        target_count=2,
        target_unit="场次/月",
        target_period=TargetPeriod.MONTH,
        responsible_org=library,
        responsible_person="办公室",
    )
    services.submit_agreement(agreement=other, by=None)
    services.confirm_agreement(agreement=other, by=None)
    last_month = months[-2]
    for day in (3, 10, 17, 24):
        _delivered(
            reading,
            world.users["library_contact"],
            world.users["xihuamen_admin"],
            date=last_month + dt.timedelta(days=day - 1),
            count=1,
            beneficiaries=25,
            note="社区读书会",
        )
    _signed_before([agreement, other], start)


def _delivered(item, unit_user, community_user, **kwargs) -> None:
    """The unit records a delivery; the community confirms it (``None``: still pending)."""
    delivery = services.record_delivery(item=item, by=unit_user, **kwargs)
    if community_user is not None:
        services.confirm_delivery(delivery=delivery, by=community_user)
