"""After 接单 the provider can reach the resident: the masked number with a one-tap call through a
privacy number (隐私号), in-app messages on the need, and the address where the service is
上门 — only the provider holding the need and area staff see any of it, only while it is held."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from wulian.audit.models import AuditEntry
from wulian.core.gateways import reset_backends
from wulian.core.tests.fake_http import Answer, FakeServer
from wulian.needs import services
from wulian.needs.models import NeedMessage, NumberBinding
from wulian.needs.tests.helpers import huaxi, post, serve
from wulian.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def file_backend(settings, tmp_path):
    settings.WULIAN_NUMBER_PRIVACY_BACKEND = "wulian.core.gateways.number_privacy.FileBackend"
    settings.WULIAN_NUMBER_PRIVACY_BACKEND_OPTIONS = {"path": str(tmp_path / "np.log")}
    reset_backends()
    yield tmp_path / "np.log"
    reset_backends()


def _claimed(world, by="huaxi_contact", **kwargs):
    need = post(world, title="帮忙换个灯泡", **kwargs)
    provider = huaxi(world) if by == "huaxi_contact" else None
    return services.claim_need(need=need, by=world.users[by], provider=provider)


def test_the_service_address_defaults_to_the_residents_home_and_is_stored_encrypted(world):
    need = post(world, title="上门量血压")
    assert (need.clear_address(), need.address_masked) == (
        "黉门街52号2栋1单元302",
        "黉门街52号2****",
    )
    assert "黉门街52号" not in need.address_encrypted
    other = post(world, title="到社区卫生站陪诊", address="黉门街社区卫生服务站")
    assert other.clear_address() == "黉门街社区卫生服务站"


def test_the_holder_sees_the_masked_number_the_address_and_a_one_tap_call(
    world, client, login, file_backend
):
    need = _claimed(world)
    login("huaxi_contact")
    page = client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    assert '<dd class="col-8" id="contact-phone">138****1002</dd>' in page
    assert '<dd class="col-8" id="contact-address">黉门街52号2栋1单元302</dd>' in page
    assert "13880001002" not in page
    response = client.post(reverse("needs:call", args=[need.pk]))
    assert response.status_code == 302
    binding = NumberBinding.objects.get(need=need)
    page = client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    assert f'href="tel:{binding.virtual_number}"' in page
    client.post(reverse("needs:call", args=[need.pk]))  # a second tap reuses the binding
    assert NumberBinding.objects.filter(need=need).count() == 1
    log = file_backend.read_text(encoding="utf-8")
    assert "A=138****1002 B=138****2006" in log
    assert "13880001002" not in log
    assert AuditEntry.objects.filter(action="need.call", object_id=str(need.pk)).count() == 1


def test_nobody_else_sees_the_contact(world, client, login):
    need = _claimed(world)
    login("member_demo")  # a provider of the same community, not holding this need
    page = client.get(reverse("needs:detail", args=[need.pk]))  # the short page of a taken need
    assert page.status_code in (200, 404)
    assert "contact-phone" not in page.content.decode()
    assert "1002" not in page.content.decode()
    with pytest.raises(PermissionDenied):  # a matter of rights (rules.can_serve), not of input
        services.call_resident(need=need, by=world.users["member_demo"])
    login("xihuamen_admin")  # staff of another area
    assert client.get(reverse("needs:detail", args=[need.pk])).status_code == 404
    login("hongmenjie_admin")  # staff of the need's area see it
    assert (
        'id="contact-phone">138****1002'
        in client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    )


def test_the_contact_ends_when_the_need_is_released_and_the_number_is_unbound(
    world, client, login, file_backend, django_capture_on_commit_callbacks
):
    need = _claimed(world)
    binding = services.call_resident(need=need, by=world.users["huaxi_contact"])
    with django_capture_on_commit_callbacks(execute=True):
        services.release_need(need=need, by=world.users["huaxi_contact"], reason="人手不足")
    binding.refresh_from_db()
    assert binding.released_at is not None
    assert file_backend.read_text(encoding="utf-8").splitlines()[-1] == (
        f"unbind {binding.binding_id} X={binding.virtual_number}"
    )
    login("hongmenjie_admin")
    assert (
        'id="contact-phone"'
        not in client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    )


def test_when_the_number_service_fails_the_page_says_so_and_offers_messages(
    world, client, login, settings
):
    need = _claimed(world)
    with FakeServer(Answer(status=503, body={})) as server:
        settings.WULIAN_NUMBER_PRIVACY_BACKEND = "wulian.core.gateways.number_privacy.HttpBackend"
        settings.WULIAN_NUMBER_PRIVACY_BACKEND_OPTIONS = {
            "base_url": server.url,
            "pool_key": "FC1",
            "timeout": 0.5,
        }
        reset_backends()
        login("huaxi_contact")
        response = client.post(reverse("needs:call", args=[need.pk]), follow=True)
    page = response.content.decode()
    assert "隐私号服务暂时不可用，未能获取通话号码；请稍后再试，或在下方留言联系群众。" in page
    assert 'id="message-form"' in page
    assert NumberBinding.objects.filter(need=need).count() == 0


def test_a_provider_without_a_phone_is_told_to_use_messages(world):
    need = _claimed(world)
    world.orgs["huaxi"].__class__.objects.filter(pk=world.orgs["huaxi"].pk).update(
        contact_phone_encrypted="", contact_phone_masked=""
    )
    need.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.call_resident(need=need, by=world.users["huaxi_contact"])
    assert exc.value.message_dict == {
        "need": ["您的账号未登记手机号，不能使用隐私号通话；请在下方留言联系群众。"]
    }


def test_messages_go_between_the_resident_and_the_provider(
    world, client, login, django_capture_on_commit_callbacks
):
    need = _claimed(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_need_message(
            need=need, by=world.users["huaxi_contact"], body="明天上午十点上门可以吗？"
        )
        services.post_need_message(
            need=need, by=world.users["resident_demo"], body="可以，我在家。"
        )
    assert list(NeedMessage.objects.filter(need=need).values_list("side", "body")) == [
        ("provider", "明天上午十点上门可以吗？"),
        ("resident", "可以，我在家。"),
    ]
    assert (
        Notification.objects.filter(user=world.users["resident_demo"], kind="need.message").count()
        == 1
    )
    assert (
        Notification.objects.filter(user=world.users["huaxi_contact"], kind="need.message").count()
        == 1
    )
    login("resident_demo")
    page = client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    assert "明天上午十点上门可以吗？" in page
    assert 'id="contact-phone"' not in page


def test_no_messages_before_the_claim_or_after_the_confirmation(world):
    need = post(world, title="还没人接")
    with pytest.raises(ValidationError) as exc:
        services.post_need_message(need=need, by=world.users["resident_demo"], body="有人吗")
    assert exc.value.message_dict == {"need": ["需求被接单后、确认前可以留言（当前：待接单）。"]}
    need = _claimed(world)
    serve(need, world.users["huaxi_contact"])
    services.confirm_need(need=need, by=world.users["resident_demo"], score=5)
    with pytest.raises(ValidationError):
        services.post_need_message(need=need, by=world.users["huaxi_contact"], body="谢谢")
    assert NeedMessage.objects.filter(need=need).count() == 0


def test_messages_over_the_api(world, client):
    from wulian.web.testing import bearer

    need = _claimed(world)
    headers = bearer(world.users["huaxi_contact"])
    url = reverse("api:need_message_post", kwargs={"pk": need.pk})
    response = client.post(
        url, data={"body": "我到楼下了"}, content_type="application/json", **headers
    )
    assert (response.status_code, response.json()["side"]) == (201, "provider")
    listed = client.get(
        reverse("api:need_message_list", kwargs={"pk": need.pk}),
        **bearer(world.users["resident_demo"]),
    )
    assert [m["body"] for m in listed.json()["items"]] == ["我到楼下了"]
    call = client.post(reverse("api:need_call", kwargs={"pk": need.pk}), **headers)
    assert (call.status_code, call.json()["resident_phone"], call.json()["address"]) == (
        200,
        "138****1002",
        "黉门街52号2栋1单元302",
    )
