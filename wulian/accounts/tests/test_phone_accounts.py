"""Residents get accounts without the 三员: sign-up by SMS on the phone page (linked to the
person registered with that number, or waiting for the community's staff), login by SMS code,
password reset by SMS code. Bad input gets a clear message and changes nothing."""

import pytest
from django.urls import reverse

from wulian.accounts.models import ApiToken, RoleKind, SmsCode, User
from wulian.accounts.services import create_token
from wulian.audit.models import AuditEntry
from wulian.web.demo import DEMO_PASSWORD

NEW = "13990005678"
PASSWORD = "Neu-Passw0rt"


def _send(client, url: str, phone: str):
    return client.post(url, {"action": "send", "phone": phone})


def _signup(
    client,
    outbox,
    phone: str,
    *,
    community: str = "黉门街社区",
    name: str = "新居民",
    code: str | None = None,
):
    url = reverse("accounts:signup")
    assert _send(client, url, phone).status_code == 200
    return client.post(
        url,
        {
            "action": "submit",
            "phone": phone,
            "code": code or outbox.code(phone),
            "name": name,
            "community": community,
            "password": PASSWORD,
            "password2": PASSWORD,
        },
    )


def _state() -> tuple:
    return User.objects.count(), AuditEntry.objects.count()


def test_a_number_registered_for_a_person_is_linked_at_once(world, client, outbox):
    zhao = world.people["zhao_qiang"]  # 赵强, 西华门社区, 13880001005, no account yet
    response = _signup(client, outbox, "13880001005", community="西华门社区", name="赵强")
    assert (response.status_code, response["Location"]) == (302, reverse("web:home"))
    user = User.objects.get(person=zhao)
    assert (user.signup_status, user.phone_masked, user.is_active) == ("", "138****1005", True)
    assert list(user.roles.values_list("kind", "org_id")) == [
        (RoleKind.RESIDENT, world.orgs["xihuamen"].pk)
    ]
    assert client.get(reverse("web:home")).status_code == 200
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.after["linked_person"], entry.after["phone"]) == (
        "user.sign_up",
        zhao.pk,
        "138****1005",
    )


def test_an_unknown_number_waits_for_the_community(world, client, outbox):
    response = _signup(client, outbox, NEW)
    assert response.status_code == 302
    user = User.objects.get(phone_masked="139****5678")
    assert (user.signup_status, user.signup_name, user.signup_area.name, user.person_id) == (
        "pending",
        "新居民",
        "黉门街社区",
        None,
    )
    assert list(user.roles.all()) == []
    assert "社区工作人员核实后" in client.get(reverse("web:home")).content.decode()


def test_sign_up_with_a_number_that_has_an_account_sends_a_notice_not_a_code(world, client, outbox):
    before = _state()
    response = _send(client, reverse("accounts:signup"), "13880001002")  # 李秀英 = resident_demo
    assert response.status_code == 200
    assert "验证码已发送" in response.content.decode()
    [notice] = outbox()
    assert (notice["to"], notice["template"], notice["params"]) == (
        "13880001002",
        "account_exists",
        {},
    )
    assert (_state(), SmsCode.objects.count()) == (before, 1)


@pytest.mark.parametrize("phone", ["12345678901", "0288765432", "1399000567"])
def test_sign_up_with_a_number_that_is_not_a_mainland_mobile_is_refused(
    world, client, outbox, phone
):
    before = _state()
    response = _send(client, reverse("accounts:signup"), phone)
    assert response.status_code == 400
    assert f"手机号“{phone}”不是有效的中国大陆手机号" in response.content.decode()
    assert (_state(), outbox()) == (before, [])


def test_a_wrong_code_creates_no_account(world, client, outbox):
    url = reverse("accounts:signup")
    _send(client, url, NEW)
    wrong = "000000" if outbox.code(NEW) != "000000" else "111111"
    before = _state()
    response = client.post(
        url,
        {
            "action": "submit",
            "phone": NEW,
            "code": wrong,
            "name": "新居民",
            "community": "黉门街社区",
            "password": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 400
    assert "验证码不正确，还可以再试4次。" in response.content.decode()
    assert _state() == before


def test_an_unknown_community_is_named_and_the_code_is_kept(world, client, outbox):
    before = _state()
    response = _signup(client, outbox, NEW, community="不存在社区")
    assert response.status_code == 400
    assert "找不到社区“不存在社区”" in response.content.decode()
    assert _state() == before
    assert SmsCode.objects.get().tries == 0  # the code was not used up by a form error


def test_a_resident_logs_in_by_code(world, client, outbox):
    url = reverse("accounts:sms_login")
    assert _send(client, url, "13880001002").status_code == 200
    response = client.post(
        url, {"action": "submit", "phone": "13880001002", "code": outbox.code("13880001002")}
    )
    assert (response.status_code, response["Location"]) == (302, reverse("web:home"))
    assert client.session["_auth_user_id"] == str(world.users["resident_demo"].pk)


def test_a_login_code_for_a_number_without_account_sends_nothing_and_says_the_same(
    world, client, outbox
):
    response = _send(client, reverse("accounts:sms_login"), NEW)
    assert response.status_code == 200
    assert "验证码已发送" in response.content.decode()
    assert outbox() == []


def test_a_reused_login_code_is_refused(world, client, outbox):
    url = reverse("accounts:sms_login")
    _send(client, url, "13880001002")
    code = outbox.code("13880001002")
    client.post(url, {"action": "submit", "phone": "13880001002", "code": code})
    client.logout()
    response = client.post(url, {"action": "submit", "phone": "13880001002", "code": code})
    assert response.status_code == 400
    assert "验证码已失效或尚未获取，请重新获取。" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_password_reset_by_code_ends_sessions_and_tokens(world, client, outbox):
    resident = world.users["resident_demo"]
    key = create_token(user=resident, by=None)
    url = reverse("accounts:sms_reset")
    _send(client, url, "13880001002")
    response = client.post(
        url,
        {
            "action": "submit",
            "phone": "13880001002",
            "code": outbox.code("13880001002"),
            "password": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert (response.status_code, response["Location"]) == (302, reverse("accounts:login"))
    resident.refresh_from_db()
    assert (resident.check_password(PASSWORD), resident.must_change_password) == (True, False)
    assert ApiToken.objects.get(user=resident).revoked_reason == "password_reset"
    assert client.get("/api/v1/areas/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_a_weak_new_password_is_refused_before_the_code_is_used(world, client, outbox):
    url = reverse("accounts:sms_reset")
    _send(client, url, "13880001002")
    response = client.post(
        url,
        {
            "action": "submit",
            "phone": "13880001002",
            "code": outbox.code("13880001002"),
            "password": "abcdefgh",
            "password2": "abcdefgh",
        },
    )
    assert response.status_code == 400
    assert "密码须包含" in response.content.decode()
    assert User.objects.get(username="resident_demo").check_password(DEMO_PASSWORD) is True
    assert SmsCode.objects.get().used_at is None


def test_a_code_request_over_the_minute_limit_is_refused_on_the_page(world, client, outbox):
    url = reverse("accounts:signup")
    _send(client, url, NEW)
    response = _send(client, url, NEW)
    assert response.status_code == 400
    assert "同一手机号每分钟只能获取1次验证码" in response.content.decode()
    assert len(outbox()) == 1
