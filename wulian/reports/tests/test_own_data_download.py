"""PIPL art. 45: a resident's own-data download holds their 随手拍 (category, text, place, status,
what was done, their answer, when, how many photos) and nobody else's."""

import json

from django.urls import reverse

from wulian.reports import services
from wulian.reports.models import Report

LAMP = "小区东门外路灯不亮，晚上出行不便。"


def test_the_download_holds_the_residents_reports(world, client):
    user = world.users["resident_demo"]
    lamp = Report.objects.get(description=LAMP)
    services.handle_report(report=lamp, by=world.users["hongmenjie_admin"], note="已更换灯泡。")
    services.answer_report(report=Report.objects.get(pk=lamp.pk), by=user, answer="resolved")
    client.force_login(user)
    response = client.get(reverse("accounts:my_data", args=["json"]))
    assert response.status_code == 200
    rows = json.loads(response.content)["我的随手拍"]
    mine = Report.objects.filter(reporter=user.person)
    assert sorted(r["问题描述"] for r in rows) == sorted(mine.values_list("description", flat=True))
    row = next(r for r in rows if r["问题描述"] == LAMP)
    assert (row["状态"], row["处理情况"], row["居民确认"], row["照片数"]) == (
        "已解决",
        "已更换灯泡。",
        "已解决",
        lamp.photos.count(),
    )
    assert row["位置"].startswith(lamp.area.name)
    others = Report.objects.exclude(reporter=user.person).values_list("description", flat=True)
    assert not set(others) & {r["问题描述"] for r in rows}
