"""Issue 16, defect 4: a decompression-bomb PNG as a need photo is a clear refusal naming the
field (API 422, page 400), never a 500, and nothing is stored."""

import pytest
from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.core.tests.upload_files import bomb_png, jpeg_with_gps
from wulian.needs.models import Need, NeedPhoto
from wulian.needs.tests.helpers import post

pytestmark = pytest.mark.django_db

MESSAGE = "文件“bomb.png”像素过多（可能是“解压炸弹”图片）：最多4000万像素。"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _files(tmp_path):
    return sorted(p.name for p in tmp_path.rglob("*") if p.is_file())


def test_a_bomb_over_the_api_is_a_422_naming_photos(world, client, tmp_path):
    need = post(world, title="炸弹照片")
    token = create_token(user=world.users["resident_demo"], by=None)
    response = client.post(
        reverse("api:need_photo_add", kwargs={"pk": need.pk}),
        {"photos": [bomb_png()]},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert (response.status_code, response.json()) == (
        422,
        {"message": MESSAGE, "errors": {"photos": [MESSAGE]}},
    )
    assert (NeedPhoto.objects.filter(need=need).count(), _files(tmp_path)) == (0, [])


def test_a_bomb_on_the_posting_page_is_a_message_and_no_need(world, client, login, tmp_path):
    login("resident_demo")
    before = Need.objects.count()
    response = client.post(
        reverse("needs:post"),
        {
            "title": "炸弹",
            "category": "health",
            "description": "照片是炸弹。",
            "area": world.people["li_xiuying"].home_area.code,
            "photos": [bomb_png()],
        },
    )
    assert response.status_code in (200, 400)
    assert MESSAGE in response.content.decode()
    assert (Need.objects.count(), _files(tmp_path)) == (before, [])


def test_a_photo_is_stored_re_encoded_without_its_gps_position(world, tmp_path):
    from PIL import Image

    need = post(world, title="有定位的照片", photos=[jpeg_with_gps()])
    photo = need.photos.get()
    with Image.open(photo.image.path) as image:
        assert dict(image.getexif()) == {}
