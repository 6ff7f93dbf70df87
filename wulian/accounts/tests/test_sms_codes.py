"""SMS codes: 6 digits, stored hashed, valid 5 minutes, at most 5 tries; at most 1 a minute and
10 a day per number, 20 an hour per address. Every refusal names the field and changes nothing."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from wulian.accounts.models import SmsCode
from wulian.accounts.phone import check_code, request_code

NEW = "13990001234"


def _refused(field: str, call) -> str:
    codes, with_messages = SmsCode.objects.count(), None
    with pytest.raises(ValidationError) as caught:
        call()
    assert SmsCode.objects.count() == codes
    [with_messages] = caught.value.message_dict[field]
    return with_messages


def test_a_code_is_six_digits_sent_once_and_kept_only_hashed(db, outbox):
    request_code(phone=NEW, purpose="signup", ip="198.51.100.1")
    [message] = outbox()
    code = message["params"]["code"]
    assert (len(code), code.isdigit(), message["to"]) == (6, True, NEW)
    assert f"验证码是{code}" in message["text"]
    stored = SmsCode.objects.get()
    assert code not in stored.code_hash
    assert NEW not in stored.phone_index
    assert check_code(phone=NEW, purpose="signup", code=code) == NEW
    assert SmsCode.objects.get().used_at is not None


@pytest.mark.parametrize(
    "phone", ["12345678901", "1399000123", "139900012345", "02887654321", "abc", ""]
)
def test_a_number_that_is_not_a_mainland_mobile_is_refused(db, outbox, phone):
    message = _refused(
        "phone", lambda: request_code(phone=phone, purpose="signup", ip="198.51.100.1")
    )
    assert "不是有效的中国大陆手机号" in message
    assert outbox() == []


def test_a_used_code_cannot_be_used_again(db, outbox):
    request_code(phone=NEW, purpose="signup", ip="198.51.100.1")
    code = outbox.code(NEW)
    check_code(phone=NEW, purpose="signup", code=code)
    with pytest.raises(ValidationError) as caught:
        check_code(phone=NEW, purpose="signup", code=code)
    assert caught.value.message_dict == {"code": ["验证码已失效或尚未获取，请重新获取。"]}


def test_a_code_expires_after_five_minutes(db, outbox):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        request_code(phone=NEW, purpose="signup", ip="198.51.100.1")
        traveller.shift(dt.timedelta(minutes=5, seconds=1))
        with pytest.raises(ValidationError) as caught:
            check_code(phone=NEW, purpose="signup", code=outbox.code(NEW))
    assert caught.value.message_dict == {"code": ["验证码已失效或尚未获取，请重新获取。"]}
    assert SmsCode.objects.get().used_at is None


def test_the_sixth_try_is_refused_even_with_the_right_code(db, outbox):
    request_code(phone=NEW, purpose="signup", ip="198.51.100.1")
    right = outbox.code(NEW)
    wrong = "000000" if right != "000000" else "111111"
    messages = []
    for _ in range(5):
        with pytest.raises(ValidationError) as caught:
            check_code(phone=NEW, purpose="signup", code=wrong)
        messages.append(caught.value.message_dict["code"][0])
    assert messages == [f"验证码不正确，还可以再试{n}次。" for n in (4, 3, 2, 1)] + [
        "验证码已输错5次，已失效，请重新获取。"
    ]
    with pytest.raises(ValidationError) as caught:
        check_code(phone=NEW, purpose="signup", code=right)
    assert caught.value.message_dict == {"code": ["验证码已输错5次，已失效，请重新获取。"]}
    assert SmsCode.objects.get().used_at is None


def test_one_code_a_minute_per_number(db, outbox):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        request_code(phone=NEW, purpose="signup", ip="198.51.100.1")
        traveller.shift(dt.timedelta(seconds=20))
        message = _refused(
            "phone", lambda: request_code(phone=NEW, purpose="signup", ip="198.51.100.2")
        )
        assert message == "同一手机号每分钟只能获取1次验证码，请40秒后再试。"
        traveller.shift(dt.timedelta(seconds=41))
        request_code(phone=NEW, purpose="signup", ip="198.51.100.2")
    assert len(outbox()) == 2


def test_ten_codes_a_day_per_number(db, outbox):
    start = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(10):
            request_code(phone=NEW, purpose="signup", ip="198.51.100.1")
            traveller.shift(dt.timedelta(minutes=2))
        message = _refused(
            "phone", lambda: request_code(phone=NEW, purpose="signup", ip="198.51.100.1")
        )
        assert message == "该手机号今天获取验证码已达10次上限，请明天再试。"
        traveller.shift(dt.timedelta(days=1))
        request_code(phone=NEW, purpose="signup", ip="198.51.100.1")
    assert len(outbox()) == 11


def test_twenty_codes_an_hour_per_address(db, outbox):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for i in range(20):
            request_code(phone=f"1399000{i:04d}", purpose="signup", ip="198.51.100.1")
        message = _refused(
            "phone", lambda: request_code(phone="13990009999", purpose="signup", ip="198.51.100.1")
        )
        assert message == "当前网络获取验证码过于频繁（每小时最多20次），请稍后再试。"
        request_code(phone="13990009999", purpose="signup", ip="198.51.100.2")  # another address
        traveller.shift(dt.timedelta(hours=1, seconds=1))
        request_code(phone="13990009998", purpose="signup", ip="198.51.100.1")
    assert len(outbox()) == 22


def test_a_gateway_failure_is_a_clear_message(db, settings, outbox):
    from wulian.core.gateways import reset_backends

    settings.WULIAN_SMS_BACKEND = "wulian.core.gateways.sms.HttpSmsBackend"
    settings.WULIAN_SMS_BACKEND_OPTIONS = {
        "url": "http://127.0.0.1:9/",
        "access_key_id": "k",
        "access_key_secret": "s",
        "sign_name": "五联",
        "templates": "verification_code=SMS_1",
        "timeout": 1,
    }
    reset_backends()
    with pytest.raises(ValidationError) as caught:
        request_code(phone=NEW, purpose="signup", ip="198.51.100.1")
    assert caught.value.message_dict == {"phone": ["短信发送失败，请稍后再试。"]}
