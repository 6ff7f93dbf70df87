"""Bad input gets a clear error naming the field, and nothing is written: a photo that is not an
image, one over 10 MB, a decompression bomb, a fourth photo, coordinates outside Chengdu, no place."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wulian.audit.models import AuditEntry
from wulian.reports import services
from wulian.reports.models import Report, ReportPhoto
from wulian.reports.services import submission
from wulian.reports.tests.photos import jpeg_with_exif, not_an_image, over_10_mb, png_bomb
from wulian.web.demo import HONGMENJIE


def _counts():
    return (Report.objects.count(), ReportPhoto.objects.count(), AuditEntry.objects.count())


@pytest.mark.parametrize(
    ("photos", "field", "words"),
    [
        (lambda: [not_an_image("invoice.jpg")], "photos", "“invoice.jpg”不是图片"),
        (lambda: [over_10_mb("big.jpg")], "photos", "照片“big.jpg”过大：每张不能超过10 MB"),
        (lambda: [png_bomb("bomb.png")], "photos", "照片“bomb.png”像素过多"),
        (lambda: [jpeg_with_exif(f"{i}.jpg") for i in range(4)], "photos", "最多上传3张照片"),
    ],
)
def test_bad_photos_are_refused(world, photos, field, words):
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        services.submit_report(
            by=world.users["resident_demo"],
            category="road",
            area=world.areas[HONGMENJIE],
            description="路面坑洼。",
            photos=[jpeg_with_exif("ok.jpg"), *photos()][-4:],
        )
    assert list(refused.value.message_dict) == [field]
    assert words in refused.value.message_dict[field][0]
    assert _counts() == before


@pytest.mark.parametrize(
    ("lat", "long"), [("39.9042", "116.4074"), ("30.6", "105.5"), ("29.9", "104.0")]
)
def test_coordinates_outside_chengdu_are_refused(world, lat, long):
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        services.submit_report(
            by=world.users["resident_demo"],
            category="road",
            lat=lat,
            long=long,
            description="路面坑洼。",
        )
    assert "不在成都市范围内" in refused.value.message_dict["lat"][0]
    assert _counts() == before


def test_a_report_without_a_place_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        services.submit_report(
            by=world.users["resident_demo"], category="road", description="路面坑洼。"
        )
    assert refused.value.message_dict == {"area": ["请选择所在网格，或使用手机定位。"]}


def test_the_phone_page_shows_the_error_and_keeps_nothing(world, client):
    client.force_login(world.users["resident_demo"])
    before = _counts()
    response = client.post(
        reverse("reports:new"),
        {
            "category": "road",
            "description": "路面坑洼。",
            "area": "",
            "lat": "39.9042",
            "long": "116.4074",
        },
    )
    assert response.status_code == 400
    assert "不在成都市范围内" in response.content.decode()
    response = client.post(
        reverse("reports:new"),
        {
            "category": "road",
            "description": "路面坑洼。",
            "area": HONGMENJIE,
            "photos": [not_an_image("a.jpg")],
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "“a.jpg”" in page
    assert "不是图片" in page or "不支持" in page
    assert _counts() == before


@pytest.mark.django_db
def test_a_located_report_with_no_city_to_place_it_in_is_refused(monkeypatch):
    """Coordinates place a report in the reporter's community, else in the city: with no city in
    the territory (a platform whose areas are not loaded yet) the report is refused, not written
    without a place."""
    monkeypatch.setattr(submission, "_city", lambda: None)
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        services.submit_report(
            by=None, category="road", lat="30.6412", long="104.0635", description="路面坑洼。"
        )
    assert refused.value.message_dict == {"area": ["请选择所在网格，或使用手机定位。"]}
    assert _counts() == before
