"""Photos over the API: a resident adds them to their own need with the checks of posting (type,
size, count, who, state), gets each back by a scoped download URL; refusals are 422 naming the
field and store nothing; out of scope is 404; the page's photo view serves the same files."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.audit.models import AuditEntry
from wulian.core import uploads
from wulian.needs import services
from wulian.needs.models import NeedPhoto, PhotoKind
from wulian.needs.tests.helpers import claimed_hours_ago, huaxi, png, post, post_in_xihuamen

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def upload(client, world):
    def call(username, need, *files):
        token = create_token(user=world.users[username], by=None)
        url = reverse("api:need_photo_add", kwargs={"pk": need.pk})
        response = client.post(url, {"photos": list(files)}, HTTP_AUTHORIZATION=f"Bearer {token}")
        return response.status_code, response.json()

    return call


def _get(client, world, username, url):
    token = create_token(user=world.users[username], by=None)
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")


def jpeg(name="photo.jpg") -> SimpleUploadedFile:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), (30, 200, 30)).save(buf, format="JPEG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def _stored_files(tmp_path) -> list[str]:
    return sorted(p.name for p in tmp_path.rglob("*") if p.is_file())


def _photo_audits() -> int:
    return AuditEntry.objects.filter(action="need.add_photos").count()


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_resident_adds_a_png_and_a_jpeg_and_downloads_them_over_the_api(
    world, client, upload, tmp_path
):
    need = post(world, title="接口照片")
    first, second = png("leak.png"), jpeg("tap.jpg")
    # What is stored and served is the image re-encoded by the upload policy (no EXIF).
    sent = [
        uploads.clean_upload(png("leak.png"), uploads.IMAGE).read(),
        uploads.clean_upload(jpeg("tap.jpg"), uploads.IMAGE).read(),
    ]
    status, photos = upload("resident_demo", need, first, second)

    stored = list(need.photos.order_by("pk"))
    assert status == 201
    assert photos == [
        {
            "id": p.pk,
            "kind": "request",
            "uploaded_at": photos[i]["uploaded_at"],
            "url": f"/api/v1/needs/{need.pk}/photos/{p.pk}",
        }
        for i, p in enumerate(stored)
    ]
    assert [p.kind for p in stored] == [PhotoKind.REQUEST, PhotoKind.REQUEST]
    assert len(_stored_files(tmp_path)) == 2
    assert _photo_audits() == 1
    for photo, content in zip(photos, sent, strict=True):
        response = _get(client, world, "resident_demo", photo["url"])
        assert (response.status_code, _body(response)) == (200, content)
    detail = _get(
        client, world, "resident_demo", reverse("api:need_detail", kwargs={"pk": need.pk})
    ).json()
    assert [(p["id"], p["url"]) for p in detail["photos"]] == [(p["id"], p["url"]) for p in photos]


def test_the_page_photo_view_serves_a_photo_added_over_the_api(world, client, upload, login):
    need = post(world, title="页面看照片")
    status, photos = upload("resident_demo", need, png())
    assert status == 201
    page_url = reverse("needs:photo", kwargs={"pk": need.pk, "photo_pk": photos[0]["id"]})
    login("resident_demo")
    assert client.get(page_url).status_code == 200
    login("xiyuhe_admin")  # another street
    assert client.get(page_url).status_code == 404


def test_staff_who_posted_for_a_resident_may_add_photos(world, upload):
    lamp = post_in_xihuamen(world)
    status, photos = upload("xihuamen_staff", lamp, png())
    assert (status, [p["id"] for p in photos]) == (
        201,
        list(lamp.photos.values_list("pk", flat=True)),
    )


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (
            SimpleUploadedFile("notes.txt", b"hello", content_type="text/plain"),
            "文件“notes.txt”的格式（文本）不支持：请上传jpg、png、webp 或 gif 图片。",
        ),
        (
            SimpleUploadedFile(
                "huge.png", b"\0" * (services.MAX_PHOTO_BYTES + 1), content_type="image/png"
            ),
            "文件“huge.png”过大（5.0 MB）：不能超过5 MB。",
        ),
        (
            SimpleUploadedFile("fake.png", b"not an image", content_type="image/png"),
            "文件“fake.png”的格式（文本）不支持：请上传jpg、png、webp 或 gif 图片。",
        ),
    ],
    ids=["wrong-type", "oversized", "not-an-image"],
)
def test_a_bad_file_is_422_naming_the_field_and_nothing_is_stored(
    world, upload, tmp_path, file, message
):
    need = post(world, title="坏照片")
    # A good photo sent along with the bad one is not stored either.
    assert upload("resident_demo", need, png("good.png"), file) == (
        422,
        {"message": message, "errors": {"photos": [message]}},
    )
    assert (need.photos.count(), _stored_files(tmp_path), _photo_audits()) == (0, [], 0)


def test_no_more_than_six_photos_in_all(world, upload):
    need = post(world, title="六张为限", photos=[png(f"{i}.png") for i in range(5)])
    message = "最多上传6张照片（已有5张）。"
    assert upload("resident_demo", need, png("a.png"), png("b.png")) == (
        422,
        {"message": message, "errors": {"photos": [message]}},
    )
    assert need.photos.count() == 5
    assert upload("resident_demo", need, png("a.png"))[0] == 201
    assert need.photos.count() == 6


def test_sending_no_photo_is_422_naming_the_field(world, upload):
    need = post(world, title="空上传")
    assert upload("resident_demo", need) == (
        422,
        {"message": "请选择要上传的照片。", "errors": {"photos": ["请选择要上传的照片。"]}},
    )


def test_another_resident_or_out_of_scope_user_gets_404_and_nothing_is_stored(
    world, client, upload, tmp_path
):
    lamp = post_in_xihuamen(world)  # 赵强's need in 西华门社区
    photo = services.add_need_photos(need=lamp, by=world.users["xihuamen_staff"], photos=[png()])[0]
    url = reverse("api:need_photo", kwargs={"pk": lamp.pk, "photo_pk": photo.pk})
    files = _stored_files(tmp_path)
    assert upload("resident_demo", lamp, png())[0] == 404  # another resident
    assert (lamp.photos.count(), _stored_files(tmp_path), _photo_audits()) == (1, files, 1)
    assert _get(client, world, "resident_demo", url).status_code == 404
    assert _get(client, world, "xihuamen_admin", url).status_code == 200
    # Staff of another district: the resident's need in 黉门街社区 is out of their scope.
    need = post(world, title="别区的需求")
    assert upload("xihuamen_staff", need, png())[0] == 404
    mine = services.add_need_photos(need=need, by=world.users["resident_demo"], photos=[png()])[0]
    assert (
        _get(
            client,
            world,
            "xihuamen_staff",
            reverse("api:need_photo", kwargs={"pk": need.pk, "photo_pk": mine.pk}),
        ).status_code
        == 404
    )
    # A photo id of another need, under a need the caller may see, is 404 as well.
    assert (
        _get(
            client,
            world,
            "resident_demo",
            reverse("api:need_photo", kwargs={"pk": need.pk, "photo_pk": photo.pk}),
        ).status_code
        == 404
    )


def test_a_provider_who_sees_the_need_may_not_add_request_photos(world, upload):
    need = post(world, title="党员看得到")  # on 王建国's menu: he may see it, not add to it
    message = "只能为自己发布的需求添加照片。"
    assert upload("member_demo", need, png()) == (
        422,
        {"message": message, "errors": {"need": [message]}},
    )
    assert upload("huaxi_contact", need, png())[0] == 403  # units have no such action
    assert need.photos.count() == 0


def test_no_photos_once_the_service_is_done(world, upload):
    need = post(world, title="已完成")
    services.claim_need(need=need, by=world.users["huaxi_contact"], provider=huaxi(world))
    claimed_hours_ago(need)
    services.fulfil_need(need=need, by=world.users["huaxi_contact"], note="好了", hours="1")
    message = "该需求当前状态为“已完成”，不能再添加照片。"
    assert upload("resident_demo", need, png()) == (
        422,
        {"message": message, "errors": {"need": [message]}},
    )
    assert NeedPhoto.objects.filter(need=need).count() == 0
