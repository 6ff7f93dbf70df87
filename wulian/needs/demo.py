"""Demo needs in 黉门街社区: 李秀英's needs (one served by 华西医院, confirmed and rated both
ways; one open), 王建国 registered to serve there, and one need in 西华门社区 posted by staff
on 赵强's behalf (代办)."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wulian.core import counters
from wulian.needs import services
from wulian.needs.models import Category, Need
from wulian.web.demo import HONGMENJIE, World


def load(world: World) -> None:
    hongmenjie = world.areas[HONGMENJIE]
    resident = world.users["resident_demo"]
    huaxi_contact = world.users["huaxi_contact"]
    services.register_in_community(
        by=world.users["member_demo"], community=hongmenjie, skills="义诊,健康讲座"
    )

    served = services.post_need(
        by=resident,
        title="陪同老人到医院复诊",
        category=Category.HEALTH,
        area=hongmenjie,
        description="老伴腿脚不便，每月需到华西医院复诊一次，希望有人帮忙挂号并陪同。",
        skills="义诊,陪诊",
    )
    services.claim_need(need=served, by=huaxi_contact, provider=f"org:{world.orgs['huaxi'].pk}")
    services.start_service(need=served, by=huaxi_contact)
    # Posted two days ago, claimed yesterday, served this morning: the hours recorded must fit in
    # the time since the claim (the services stamp the time they run; the demo backdates them).
    now = timezone.now()
    counters.update(
        Need.objects.filter(pk=served.pk),
        created_at=now - dt.timedelta(days=2),
        listed_at=now - dt.timedelta(days=2),
        claimed_at=now - dt.timedelta(days=1),
        started_at=now - dt.timedelta(hours=4),
    )
    served.refresh_from_db()
    services.fulfil_need(
        need=served,
        by=huaxi_contact,
        hours="3",
        note="志愿者陪同挂号、就诊、取药，已安全送回家。",
        photos=[_photo("陪诊.png")],
    )
    services.confirm_need(
        need=served, by=resident, score=5, comment="志愿者非常耐心，感谢华西医院！"
    )
    services.rate_need(need=served, by=huaxi_contact, score=5, comment="需求描述清楚，老人很配合。")

    services.post_need(
        by=resident,
        title="上门测量血压并讲解用药",
        category=Category.HEALTH,
        area=hongmenjie,
        description="家里老人有高血压，希望每周有人上门测一次血压，讲讲用药注意事项。",
        skills="健康讲座",
    )
    zhao = world.people["zhao_qiang"]
    services.post_need(
        by=world.users["xihuamen_staff"],
        for_person=zhao,
        title="楼道灯坏了需要维修",
        category=Category.REPAIR,
        area=zhao.home_area,
        description="3单元楼道灯不亮，老人晚上上下楼不安全。",
        skills="维修",
    )


def _photo(name: str) -> SimpleUploadedFile:
    """A small generated picture standing in for a volunteer's photo."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (160, 120), (183, 28, 28))
    ImageDraw.Draw(image).rectangle((20, 20, 140, 100), outline=(255, 255, 255), width=4)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")
