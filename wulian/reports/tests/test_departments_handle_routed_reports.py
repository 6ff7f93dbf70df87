"""A department (条线) opens the reports routed to its line (the notification's link) and records
them handled; a report not routed to its line is a 404; the menu shows 随手拍."""

from django.urls import reverse

from wulian.reports import services
from wulian.reports.models import Report, Status

LAMP = "小区东门外路灯不亮，晚上出行不便。"
LANE = "清源小区消防通道晚上常被私家车占用。"


def test_a_department_handles_a_report_routed_to_it(world, client):
    report = Report.objects.get(description=LAMP)
    civil = world.orgs["dept_civil"]
    services.route_report(report=report, by=world.users["hongmenjie_admin"], org=civil)
    client.force_login(world.users["minzheng_admin"])
    listing = client.get(reverse("reports:list"))
    assert listing.status_code == 200
    assert LAMP[:8] in listing.content.decode()
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 200
    response = client.post(
        reverse("reports:handle", args=[report.pk]), {"note": "民政局已协调修复。"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.HANDLED
    assert report.events.filter(kind="handled", text="民政局已协调修复。").count() == 1


def test_a_report_not_routed_to_the_line_is_404(world, client):
    report = Report.objects.get(description=LANE)
    client.force_login(world.users["minzheng_admin"])
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
    before = (report.status, report.events.count())
    assert (
        client.post(reverse("reports:handle", args=[report.pk]), {"note": "x"}).status_code == 404
    )
    report.refresh_from_db()
    assert (report.status, report.events.count()) == before
    assert LANE[:8] not in client.get(reverse("reports:list")).content.decode()
