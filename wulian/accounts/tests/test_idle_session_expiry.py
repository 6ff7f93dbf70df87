"""A session ends after 30 minutes without a request; requests renew it, writing the session at
most once a minute."""

import datetime as dt

import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone


def test_idle_expiry_is_configured():
    assert settings.SESSION_COOKIE_AGE == 1800
    from wulian import settings as project

    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert project.SESSION_TOUCH_INTERVAL == 60


def test_session_idle_for_more_than_30_minutes_is_logged_out(world, client, settings):
    settings.SESSION_TOUCH_INTERVAL = 60
    home = reverse("web:home")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client.force_login(world.users["xihuamen_admin"])
        assert client.get(home).status_code == 200
        traveller.shift(dt.timedelta(minutes=29))
        assert client.get(home).status_code == 200  # active: the expiry moves on
        traveller.shift(dt.timedelta(minutes=29))
        assert client.get(home).status_code == 200  # 58 minutes in, but never idle for 30
        traveller.shift(dt.timedelta(minutes=30, seconds=1))
        response = client.get(home)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={home}"


def test_requests_within_a_minute_do_not_write_the_session(world, client, settings):
    settings.SESSION_TOUCH_INTERVAL = 60
    from django.contrib.sessions.models import Session

    home = reverse("web:home")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client.force_login(world.users["xihuamen_admin"])
        client.get(home)
        key = client.session.session_key
        expiry = Session.objects.get(session_key=key).expire_date
        traveller.shift(dt.timedelta(seconds=30))
        client.get(home)
        assert Session.objects.get(session_key=key).expire_date == expiry  # not written
        traveller.shift(dt.timedelta(seconds=31))
        client.get(home)
        assert Session.objects.get(session_key=key).expire_date == expiry + dt.timedelta(seconds=61)
