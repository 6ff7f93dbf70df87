"""The pages: a resident posts (with a photo), a unit claims, serves and marks done, the
resident confirms and rates; refusals come back as messages, never a 500; staff export."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from wulian.needs.models import Need, State
from wulian.needs.tests.helpers import claimed_hours_ago, huaxi, png, post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_resident_posts_a_need_with_a_photo_from_the_phone_page(world, client, login):
    login("resident_demo")
    response = client.get(reverse("needs:post"))
    assert response.status_code == 200
    assert "base_mobile.html" in [t.name for t in response.templates]
    response = client.post(
        reverse("needs:post"),
        {
            "title": "帮忙修水龙头",
            "category": "repair",
            "description": "厨房水龙头漏水。",
            "area": "510107005008",
            "skills": "维修",
            "photos": [png("a.png"), png("b.png")],
        },
    )
    need = Need.objects.get(title="帮忙修水龙头")
    assert response.status_code == 302
    assert response["Location"] == reverse("needs:detail", kwargs={"pk": need.pk})
    assert (need.posted_by, need.photos.count()) == (world.people["li_xiuying"], 2)
    photo = need.photos.first()
    assert (
        client.get(reverse("needs:photo", kwargs={"pk": need.pk, "photo_pk": photo.pk})).status_code
        == 200
    )


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_posted(world, client, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login("resident_demo")
    before = Need.objects.count()
    response = client.post(
        reverse("needs:post"),
        {
            "title": "x",
            "category": "repair",
            "description": "y",
            "area": "510107005008",
            "photos": [SimpleUploadedFile("evil.png", b"not an image")],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "photos": ["文件“evil.png”的格式（文本）不支持：请上传jpg、png、webp 或 gif 图片。"]
    }
    assert Need.objects.count() == before


def test_unit_claims_serves_and_resident_confirms_through_the_pages(world, client, login):
    need = post(world, title="页面流程")
    login("huaxi_contact")
    menu = client.get(reverse("needs:menu"))
    assert need.pk in [item.need.pk for item in menu.context["items"]]
    response = client.post(
        reverse("needs:claim", kwargs={"pk": need.pk}), {"provider": huaxi(world)}
    )
    assert response.status_code == 302
    assert _messages(response) == ["接单成功，请尽快联系群众提供服务。"]
    client.post(reverse("needs:start", kwargs={"pk": need.pk}))
    claimed_hours_ago(need)
    response = client.post(
        reverse("needs:fulfil", kwargs={"pk": need.pk}),
        {"note": "已修好", "hours": "1.5", "photos": [png()]},
    )
    assert response.status_code == 302
    need.refresh_from_db()
    assert (need.state, need.photos.filter(kind="evidence").count()) == (State.DONE, 1)
    login("resident_demo")
    page = client.get(reverse("needs:detail", kwargs={"pk": need.pk}))
    assert "confirm-form" in page.content.decode()
    response = client.post(
        reverse("needs:confirm", kwargs={"pk": need.pk}), {"score": "5", "comment": "谢谢"}
    )
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.state == State.CONFIRMED


def test_second_claim_gets_a_clear_message_not_an_error(world, client, login):
    need = post(world, title="先到先得")
    login("huaxi_contact")
    client.post(reverse("needs:claim", kwargs={"pk": need.pk}))
    login("member_demo")
    response = client.post(reverse("needs:claim", kwargs={"pk": need.pk}))
    assert response.status_code == 302
    assert _messages(response) == ["该需求已被他人接单。"]
    need.refresh_from_db()
    assert need.provider_org == world.orgs["huaxi"]


def test_claiming_a_need_outside_ones_scope_is_404(world, client, login):
    from wulian.needs.tests.helpers import post_in_xihuamen

    lamp = post_in_xihuamen(world)
    login("huaxi_contact")
    assert client.post(reverse("needs:claim", kwargs={"pk": lamp.pk})).status_code == 404
    lamp.refresh_from_db()
    assert lamp.state == State.POSTED


def test_release_without_a_reason_is_refused_with_a_message(world, client, login):
    need = post(world)
    login("huaxi_contact")
    client.post(reverse("needs:claim", kwargs={"pk": need.pk}))
    response = client.post(reverse("needs:release", kwargs={"pk": need.pk}), {"reason": ""})
    assert _messages(response)[-1] == "请填写退单原因。"
    need.refresh_from_db()
    assert need.state == State.CLAIMED


def test_staff_post_on_behalf_and_export(world, client, login):
    login("xihuamen_staff")
    response = client.post(
        reverse("needs:post_for"),
        {
            "person": "赵强",
            "title": "代办：换灯泡",
            "category": "repair",
            "description": "老人够不着。",
        },
    )
    need = Need.objects.get(title="代办：换灯泡")
    assert response.status_code == 302
    assert (need.posted_by, need.posted_on_behalf_by) == (
        world.people["zhao_qiang"],
        world.users["xihuamen_staff"],
    )
    export = client.get(reverse("needs:export"), {"q": "代办"})
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(export.content)).active.values)
    assert [r[1] for r in rows[1:]] == ["代办：换灯泡"]


def test_member_registers_with_their_community(world, client, login):
    from wulian.needs.models import CommunityRegistration

    login("member_demo")
    reg = CommunityRegistration.objects.get(person=world.people["wang_jianguo"], active=True)
    client.post(reverse("needs:register_end", kwargs={"pk": reg.pk}))
    response = client.post(
        reverse("needs:register"), {"community": "510107005008", "skills": "义诊"}
    )
    assert response.status_code == 302
    assert (
        CommunityRegistration.objects.filter(
            person=world.people["wang_jianguo"], active=True
        ).count()
        == 1
    )
    response = client.post(reverse("needs:register"), {"community": "510105003003"})
    assert response.context["form"].errors == {
        "community": ["应到居住地所在社区（黉门街社区）报到。"]
    }
