"""A resident reports a problem from the phone: category, text, up to three photos (re-encoded,
metadata stripped) and a place — a grid or their community from a list, or the phone's
coordinates. The community's staff are told."""

import io

from django.urls import reverse

from wulian.audit.models import AuditEntry
from wulian.notifications.models import Notification
from wulian.reports import services
from wulian.reports.models import Report, Status
from wulian.reports.tests.photos import jpeg_with_exif
from wulian.web.demo import HONGMENJIE


def test_the_phone_page_posts_a_report_with_a_photo_and_a_place(
    world, client, django_capture_on_commit_callbacks
):
    client.force_login(world.users["resident_demo"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:new"),
            {
                "category": "road",
                "description": "黉门街人行道地砖松动，老人容易绊倒。",
                "area": HONGMENJIE,
                "photos": [jpeg_with_exif()],
            },
        )
    report = Report.objects.get(description="黉门街人行道地砖松动，老人容易绊倒。")
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:mine_detail", args=[report.pk])
    assert (report.area.code, report.reporter, report.status) == (
        HONGMENJIE,
        world.people["li_xiuying"],
        Status.OPEN,
    )
    assert [e.kind for e in report.events.all()] == ["submitted"]
    assert AuditEntry.objects.filter(action="report.submit", object_id=str(report.pk)).count() == 1
    told = set(
        Notification.objects.filter(kind="report.new", url=f"/reports/{report.pk}/").values_list(
            "user__username", flat=True
        )
    )
    assert "hongmenjie_admin" in told
    assert "resident_demo" not in told


def test_photos_are_reencoded_without_exif(world):
    from PIL import Image

    report = services.submit_report(
        by=world.users["resident_demo"],
        category="sanitation",
        area=world.areas[HONGMENJIE],
        description="垃圾桶破损。",
        photos=[jpeg_with_exif(), jpeg_with_exif("b.jpg")],
    )
    photos = list(report.photos.all())
    assert [p.position for p in photos] == [1, 2]
    with photos[0].image.open("rb") as handle:
        data = handle.read()
    assert b"PhoneCamera" not in data
    assert "李秀英".encode() not in data
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size, dict(image.getexif())) == ("JPEG", (80, 60), {})


def test_the_phones_coordinates_place_it_in_the_residents_community(world):
    report = services.submit_report(
        by=world.users["resident_demo"],
        category="greenery",
        lat="30.6412",
        long="104.0635",
        description="行道树枯枝悬挂。",
    )
    assert (report.area.code, str(report.lat), str(report.long)) == (
        HONGMENJIE,
        "30.641200",
        "104.063500",
    )


def test_the_resident_follows_it_on_their_page(world, client):
    report = services.submit_report(
        by=world.users["resident_demo"],
        category="noise",
        area=world.areas[HONGMENJIE],
        description="夜间施工噪音。",
        photos=[jpeg_with_exif()],
    )
    client.force_login(world.users["resident_demo"])
    page = client.get(reverse("reports:mine_detail", args=[report.pk])).content.decode()
    assert "夜间施工噪音。" in page
    assert 'id="timeline"' in page
    assert 'id="answer-resolved"' in page
    photo = report.photos.get()
    response = client.get(reverse("reports:mine_photo", args=[report.pk, photo.pk]))
    assert (response.status_code, response["Content-Type"]) == (200, "image/jpeg")
    client.force_login(world.users["member_demo"])
    assert client.get(reverse("reports:mine_detail", args=[report.pk])).status_code == 404
