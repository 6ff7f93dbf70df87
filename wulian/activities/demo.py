"""Demo: 成都博物馆's 坝坝党课 in 西华门社区 twelve days ago (three people on its sign-in sheet, 王建国
by scanning), 华西医院's 志愿服务 义诊 in 黉门街社区 last week (the party member signs in by QR), and
清源社区's coming 流动红色讲堂. The services run now and stamp the time they run; the past
activities are then moved back, sign-ins with them, so the demo stays causally ordered."""

import datetime as dt

from django.utils import timezone

from wulian.activities import services
from wulian.activities.models import Activity, SignIn
from wulian.web.demo import HONGMENJIE, QINGYUAN, XIHUAMEN

CLASS_TITLE = "“文博里的党史”坝坝党课"


def _backdate(activity: Activity, days: int) -> None:
    shift = dt.timedelta(days=days)
    Activity.objects.filter(pk=activity.pk).update(
        created_at=activity.created_at - shift,
        starts_at=activity.starts_at - shift,
        ends_at=activity.ends_at - shift,
    )
    for s in SignIn.objects.filter(activity=activity):
        SignIn.objects.filter(pk=s.pk).update(signed_in_at=s.signed_in_at - shift)


def load(world) -> None:
    if Activity.objects.filter(title=CLASS_TITLE).exists():
        return
    a, o, p, u = world.areas, world.orgs, world.people, world.users
    now = timezone.now()
    held = now - dt.timedelta(minutes=30)
    lesson = services.create_activity(
        by=u["xihuamen_admin"],
        kind="party_class",
        title=CLASS_TITLE,
        organiser=o["museum"],
        area=a[XIHUAMEN],
        place="西华门社区党群服务中心院坝",
        starts_at=held,
        ends_at=held + dt.timedelta(hours=2),
        description="成都博物馆讲解员结合馆藏文物讲党史，院落党员和居民参加。",
    )
    for key in ["zhang_min", "chen_li", "zhao_qiang"]:
        services.record_signin(by=u["xihuamen_admin"], activity=lesson, name="", person=p[key])
    services.checkin(token=services.checkin_token(lesson), by=u["member_demo"])
    _backdate(lesson, 12)

    clinic = services.create_activity(
        by=u["hongmenjie_admin"],
        kind="volunteer",
        title="华西医院专家进社区义诊",
        organiser=o["huaxi"],
        area=a[HONGMENJIE],
        place="黉门街社区党群服务中心二楼",
        starts_at=held,
        ends_at=held + dt.timedelta(hours=3),
        description="党员专家志愿服务：血压血糖检测、慢病咨询。",
    )
    services.checkin(token=services.checkin_token(clinic), by=u["resident_demo"])
    services.record_signin(
        by=u["hongmenjie_admin"], activity=clinic, name="", person=p["zheng_wei"]
    )
    _backdate(clinic, 5)

    start = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=6), dt.time(19, 0))
    )
    services.create_activity(
        by=u["qingyuan_admin"],
        kind="red_lecture",
        title="流动红色讲堂·四川西部发展研究院专题党课",
        organiser=o["west_institute"],
        area=a[QINGYUAN],
        place="清源社区党群服务中心",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1, minutes=30),
    )
