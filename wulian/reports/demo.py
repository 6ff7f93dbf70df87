"""Demo: three 随手拍 — 李秀英 (``resident_demo``) reported overflowing bins in 黉门街社区, handled
and waiting for her answer, and a dark street lamp still open; 孙华 (no login) reported cars
blocking 清源小区's fire lane, routed to 成都清源物业服务有限公司."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from wulian.reports import services
from wulian.reports.models import Report
from wulian.web.demo import HONGMENJIE, QINGYUAN, World


def demo_photo(name: str = "bins.jpg", colour=(90, 120, 90)) -> SimpleUploadedFile:
    """A small JPEG made here (no file shipped)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def load(world: World) -> None:
    if Report.objects.exists():
        return
    a, o, li = world.areas, world.orgs, world.users["resident_demo"]
    bins = services.submit_report(
        by=li,
        category="sanitation",
        area=a[HONGMENJIE],
        description="黉门街52号院门口垃圾桶满溢，已经两天没人清运。",
        address="黉门街52号院门口",
        photos=[demo_photo()],
    )
    services.handle_report(
        report=bins,
        by=world.users["hongmenjie_admin"],
        note="已联系环卫所加派清运车辆，当日清运完毕。",
    )
    services.submit_report(
        by=li,
        category="facility",
        area=a[HONGMENJIE],
        lat="30.641200",
        long="104.063500",
        description="小区东门外路灯不亮，晚上出行不便。",
    )
    lane = services.submit_report(
        by=li,
        category="parking",
        area=a[QINGYUAN],
        description="清源小区消防通道晚上常被私家车占用。",
        address="清源路8号",
    )
    Report.objects.filter(pk=lane.pk).update(reporter=world.people["sun_hua"], submitted_by=None)
    lane.refresh_from_db()
    services.route_report(
        report=lane, by=None, org=o["qingyuan_pm"], note="请物业劝离并设置禁停标识。"
    )
