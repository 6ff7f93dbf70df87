"""Retention: every kind of record has a declared period (settings.WULIAN_RETENTION); the
nightly Huey job deletes, in batches, the rows past it and nothing else."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from wulian.accounts.models import ApiToken, LoginSession, SmsCode
from wulian.core import personal_data
from wulian.core.tasks import purge_expired_records
from wulian.notifications.models import Notification

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 6, 3, 10, tzinfo=dt.UTC)


def _rows(world):
    user = world.users["resident_demo"]
    old, fresh = NOW - dt.timedelta(days=400), NOW - dt.timedelta(days=10)
    with time_machine.travel(old, tick=False):
        for i in range(3):
            Notification.objects.create(user=user, kind="test", title=f"旧{i}")
        LoginSession.objects.create(user=user, session_key="old-login")
        LoginSession.objects.create(
            user=user, session_key="live-session"
        )  # old, but still signed in
        ApiToken.objects.create(
            user=user, key_hash="old-revoked", prefix="old", revoked=True, revoked_at=old
        )
    with time_machine.travel(fresh, tick=False):
        Notification.objects.create(user=user, kind="test", title="新")
        LoginSession.objects.create(user=user, session_key="fresh-login")
        ApiToken.objects.create(
            user=user, key_hash="fresh-live", prefix="new", expires_at=NOW + dt.timedelta(days=80)
        )
    SmsCode.objects.create(
        phone_index="p",
        purpose="login",
        code_hash="a",
        ip_hash="i",
        created_at=NOW - dt.timedelta(days=3),
        expires_at=NOW - dt.timedelta(days=3),
    )
    SmsCode.objects.create(
        phone_index="p",
        purpose="login",
        code_hash="b",
        ip_hash="i",
        created_at=NOW,
        expires_at=NOW + dt.timedelta(minutes=5),
    )
    Session.objects.create(
        session_key="old-session", session_data="", expire_date=NOW - dt.timedelta(days=2)
    )
    Session.objects.create(
        session_key="live-session",
        session_data="",
        expire_date=timezone.now() + dt.timedelta(minutes=30),
    )


def test_purge_deletes_expired_rows_in_batches_and_keeps_the_rest(world):
    Notification.objects.all().delete()
    LoginSession.objects.all().delete()
    Session.objects.all().delete()
    SmsCode.objects.all().delete()
    ApiToken.objects.all().delete()
    _rows(world)
    deleted = personal_data.purge_expired(now=NOW, batch=2)
    assert {
        k: deleted[k]
        for k in ("notifications", "sms_codes", "sessions", "login_sessions", "api_tokens")
    } == {
        "notifications": 3,
        "sms_codes": 1,
        "sessions": 1,
        "login_sessions": 1,
        "api_tokens": 1,
    }
    assert list(Notification.objects.values_list("title", flat=True)) == ["新"]
    assert list(SmsCode.objects.values_list("code_hash", flat=True)) == ["b"]
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live-session"]
    assert sorted(LoginSession.objects.values_list("session_key", flat=True)) == [
        "fresh-login",
        "live-session",
    ]
    assert list(ApiToken.objects.values_list("key_hash", flat=True)) == ["fresh-live"]
    # A second run finds nothing more.
    assert set(personal_data.purge_expired(now=NOW).values()) == {0}


def test_the_nightly_job_runs_the_purge(world):
    Notification.objects.all().delete()
    with time_machine.travel(timezone.now() - dt.timedelta(days=366), tick=False):
        Notification.objects.create(user=world.users["resident_demo"], kind="test", title="旧")
    result = purge_expired_records.call_local()
    assert result["notifications"] == 1
    assert Notification.objects.count() == 0


def test_every_purge_has_a_declared_period_and_audit_is_never_purged():
    assert set(personal_data.PURGES) <= set(settings.WULIAN_RETENTION)
    assert "audit" not in personal_data.PURGES
    assert settings.WULIAN_RETENTION["audit"]["days"] >= 183  # 等保: at least six months
    assert settings.WULIAN_RETENTION["sms_codes"]["days"] == 1
    assert settings.WULIAN_RETENTION["notifications"]["days"] == 365


def test_staff_see_the_retention_table(client, world):
    client.force_login(world.users["xihuamen_staff"])
    body = client.get(reverse("web:retention")).content.decode()
    assert "短信验证码" in body
    assert "审计日志" in body
    assert "自动清理" in body
    client.force_login(world.users["resident_demo"])
    assert client.get(reverse("web:retention")).status_code == 403
