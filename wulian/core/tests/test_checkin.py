"""The shared part of 扫码签到 (``core.checkin``): tokens, the open window, who signs in."""

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from django.core.exceptions import ValidationError

from wulian.core import checkin

START = dt.datetime(2026, 5, 1, 6, 0, tzinfo=dt.UTC)  # 14:00 in Chengdu


def test_a_token_names_its_object_under_its_salt_only():
    token = checkin.make_token("a", 7)
    assert checkin.token_pk("a", token) == 7
    with pytest.raises(ValidationError) as exc:
        checkin.token_pk("b", token)
    assert exc.value.message_dict == {"token": ["签到二维码无效。"]}


def test_an_old_token_has_expired(settings):
    settings.WULIAN_CHECKIN_MAX_AGE = 60
    with time_machine.travel(START, tick=False):
        token = checkin.make_token("a", 7)
    with (
        time_machine.travel(START + dt.timedelta(seconds=61), tick=False),
        pytest.raises(ValidationError) as exc,
    ):
        checkin.token_pk("a", token)
    assert exc.value.message_dict == {"token": ["签到二维码已过期，请扫描现场最新的二维码。"]}


def test_the_window_opens_an_hour_early_and_closes_after_the_grace():
    window = checkin.Window(START, START + dt.timedelta(hours=2), grace=dt.timedelta(minutes=30))
    window.check(START - dt.timedelta(hours=1))
    window.check(START + dt.timedelta(hours=2, minutes=30))
    with pytest.raises(ValidationError) as early:
        window.check(START - dt.timedelta(hours=1, seconds=1))
    assert early.value.message_dict == {"token": ["签到尚未开始，2026-05-01 13:00起可签到。"]}
    with pytest.raises(ValidationError) as late:
        window.check(START + dt.timedelta(hours=2, minutes=31))
    assert late.value.message_dict == {"token": ["签到已于2026-05-01 16:30结束。"]}


def test_the_signer_is_the_linked_person_not_the_account_label():
    person = SimpleNamespace(name="王建国")
    user = SimpleNamespace(person=person, person_id=1, display_name="华西医院联络员")
    assert checkin.signer(user, "别的名字") == (person, "王建国")
    no_person = SimpleNamespace(person=None, person_id=None, display_name="华西医院联络员")
    assert checkin.signer(no_person, " 张科长 ") == (None, "张科长")
    with pytest.raises(ValidationError) as exc:
        checkin.signer(no_person, "")
    assert exc.value.message_dict == {"name": ["您的账号未关联人员信息，请填写签到人姓名。"]}
